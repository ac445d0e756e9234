"""Monitors as Neo objects (``M.to_neo()``), so that Elephant and other Neo tools read eqsim
results: spike trains as ``neo.SpikeTrain``, recorded variables and rates as
``neo.AnalogSignal``, all with units (``pip install 'eqsim[io]'`` installs Neo)."""
import numpy as np

from ..errors import EqsimError

BASE_UNITS = ("m", "kg", "s", "A", "K", "mol", "cd")


class NeoMissingError(EqsimError):
    """Neo is not installed."""
    default_code = "EQ732"


def _neo():
    try:
        import neo
        import quantities
    except ImportError:
        raise NeoMissingError("exporting to Neo needs the 'neo' package",
                              hint="pip install 'eqsim[io]' (or pip install neo)") from None
    return neo, quantities


def neo_unit(dim, display=None):
    """The ``quantities`` unit of an eqsim dimension: the SI base units with their exponents,
    rescaled to ``display`` (a unit name such as 'mV') when quantities knows that name."""
    _, pq = _neo()
    unit = pq.dimensionless
    for name, exponent in zip(BASE_UNITS, dim.exponents):
        if exponent:
            unit = unit * getattr(pq, name) ** exponent
    if display:
        try:
            named = getattr(pq, display)
        except AttributeError:
            named = None
        if named is not None and (1.0 * named).simplified.dimensionality == \
                (1.0 * unit).simplified.dimensionality:
            return unit, named
    return unit, None


def spike_trains(monitor, t_stop=None):
    """One ``neo.SpikeTrain`` (ms) per neuron of the source, annotated with its index; they
    end at ``t_stop`` (second; default: the monitor's clock time, at least past the last
    spike)."""
    neo, pq = _neo()
    last = float(np.max(monitor.t_, initial=0.0)) + monitor.clock.dt_
    t_stop = max(float(monitor.clock.t_), last) if t_stop is None else float(t_stop)
    trains = monitor.spike_trains()
    return [neo.SpikeTrain(np.asarray(trains[k]) * 1000.0, units=pq.ms, t_start=0 * pq.ms,
                           t_stop=t_stop * 1000.0 * pq.ms, name=f"{monitor.source.name}[{k}]",
                           index=int(k), source=monitor.source.name)
            for k in range(len(monitor.source))]


def _signal(values_si, dim, display, times, name, **annotations):
    """An AnalogSignal of ``values_si`` (time x channel, SI numbers) sampled every step."""
    neo, pq = _neo()
    si_unit, named = neo_unit(dim, display)
    signal = values_si * si_unit
    if named is not None:
        signal = signal.rescale(named)
    period = float(times[1] - times[0]) if len(times) > 1 else 0.0
    if period <= 0:
        raise EqsimError(f"'{name}' holds fewer than two samples: no sampling period for Neo",
                         hint="run the network before exporting")
    return neo.AnalogSignal(signal, sampling_period=period * 1000.0 * pq.ms,
                            t_start=float(times[0]) * 1000.0 * pq.ms, name=name, **annotations)


def state_signals(monitor, variables=None):
    """``{variable: neo.AnalogSignal}`` of a StateMonitor (columns: the recorded elements,
    listed in the signal's ``array_annotations['index']``)."""
    from ..units.unit_class import readable_unit
    names = list(monitor.record_variables) if variables is None else list(variables)
    signals = {}
    for name in names:
        values = np.asarray(getattr(monitor, f"{name}_"), dtype=float).T
        dim = monitor._dims[name]
        unit = None if dim.is_dimensionless else readable_unit(dim, values)
        signal = _signal(values, dim, str(unit) if unit is not None else None, monitor.t_,
                         f"{monitor.source.name}.{name}", source=monitor.source.name)
        signal.array_annotate(index=np.asarray(monitor.record))
        signals[name] = signal
    return signals


def rate_signal(monitor):
    """A PopulationRateMonitor's rate as a one-channel ``neo.AnalogSignal`` in Hz."""
    from ..units import Hz
    return _signal(np.asarray(monitor.rate_, dtype=float)[:, None], Hz.dim, "Hz", monitor.t_,
                   f"{monitor.source.name}.rate", source=monitor.source.name)
