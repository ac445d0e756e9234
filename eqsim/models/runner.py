"""BrainPy's ``DSRunner`` for eqsim networks, with brainpy-largescale's run-time callbacks.

``DSRunner(net, monitors=['E.spike', 'E.V'], spike_callback=f, volt_callback=g)`` makes a
``SpikeMonitor`` for each ``'<group>.spike'`` and a ``StateMonitor`` (every neuron) for each
other ``'<group>.<variable>'``, runs the network with ``runner.run(duration)`` (plain
numbers in ms, as BrainPy) and gives BrainPy's results: ``runner.mon.ts`` (ms) and
``runner.mon['E.spike']`` (a boolean array, time steps x neurons), ``runner.mon['E.V']``
(time steps x neurons, in the variable's unit).

``spike_callback`` gets each spike monitor's new spikes as ``(index, time)`` pairs and
``volt_callback`` each state monitor's new samples as ``(index, time, value)`` triples, every
``callback_period`` while the network runs (the monitors' ``callback=``; see
:mod:`eqsim.monitors.run_callbacks`): plain numbers, time in second and values in SI base
units (volt), unlike BrainPy's ms and mV, so that they are the numbers eqsim's monitors hold.
With several monitored groups a callback is called once per group and period.
"""
import numpy as np

from ..core.network import Network
from ..errors import RunCallbackError
from ..monitors import SpikeMonitor, StateMonitor
from ..units import Quantity, ms

__all__ = ["DSRunner"]


class DSRunner:
    """Run a network and record it the way BrainPy's ``DSRunner`` does.

    Parameters
    ----------
    target : Network, group or list of objects
        What to run (a group or list is wrapped in a :class:`Network`).
    monitors : list of str, or dict of str to str or (group, str)
        ``'<group name>.spike'`` or ``'<group name>.<variable>'`` (or ``(group, 'V')``
        under a key of your choice).
    spike_callback, volt_callback : callable, optional
        Called while the network runs with ``[(index, time), ...]`` and
        ``[(index, time, value), ...]`` (second, SI units).
    callback_period : Quantity, optional
        Simulated time between two calls (second); default 100 steps.
    progress_bar : bool
        Show eqsim's progress bar during ``run()``.
    jit : bool, optional
        Ignored: eqsim always compiles (BrainPy's JIT switch); the time step is the groups'
        (``defaultclock.dt`` or their ``dt=``).
    inputs : None
        BrainPy's inputs are not taken: set the input variable instead (``E.I = 20*nA``).
    """

    def __init__(self, target, monitors=(), spike_callback=None, volt_callback=None,
                 callback_period=None, progress_bar=False, jit=None, inputs=None):
        if inputs:
            raise RunCallbackError("DSRunner(inputs=...) is not supported",
                                   hint="set the input variable before running, e.g. "
                                        "E.I = 20*nA")
        self.network = target if isinstance(target, Network) else Network(target)
        self.progress_bar = progress_bar
        self._monitors = {}
        specs = monitors.items() if isinstance(monitors, dict) else \
            ((spec, spec) for spec in monitors)
        made = []
        for key, spec in specs:
            group, var = self._resolve(spec)
            if var == "spike":
                monitor = SpikeMonitor(group, **self._tap(spike_callback, callback_period))
            else:
                monitor = StateMonitor(group, var, record=True,
                                       **self._tap(volt_callback, callback_period))
            made.append(monitor)
            self._monitors[key] = (monitor, var)
        self.network.add(made)
        self.mon = _Results(self)

    @staticmethod
    def _tap(callback, period):
        return {} if callback is None else {"callback": callback, "callback_period": period}

    def _resolve(self, spec):
        if isinstance(spec, tuple) and len(spec) == 2:
            return spec
        if not isinstance(spec, str) or spec.count(".") != 1:
            raise RunCallbackError(f"a monitor is '<group name>.<variable>' or (group, "
                                   f"variable), got {spec!r:.60}", hint="e.g. 'E.spike', 'E.V'")
        name, var = spec.split(".")
        try:
            return self.network[name], var
        except KeyError:
            names = sorted(o.name for o in self.network._all_objects())
            raise RunCallbackError(f"no object named '{name}' in the network for the monitor "
                                   f"'{spec}'", hint=f"objects: {names}") from None

    def run(self, duration):
        """Simulate ``duration`` (a time, or a plain number of ms as in BrainPy)."""
        if not isinstance(duration, Quantity):
            duration = float(duration) * ms
        self.network.run(duration, report="progress" if self.progress_bar else None)


class _Results:
    """``runner.mon``: ``ts`` (ms) and each monitor's record, time steps x neurons."""

    def __init__(self, runner):
        self._runner = runner

    def keys(self):
        return list(self._runner._monitors)

    def __contains__(self, key):
        return key in self._runner._monitors

    @property
    def ts(self):
        """Times of the recorded steps (ms, plain numbers, as BrainPy)."""
        for monitor, var in self._runner._monitors.values():
            if var != "spike":
                return np.asarray(monitor.t_) / 1e-3
        clock = next(iter(self._runner._monitors.values()))[0].clock
        return np.arange(clock.step) * clock.dt_ / 1e-3

    def __getitem__(self, key):
        monitor, var = self._runner._monitors[key]
        if var != "spike":
            return getattr(monitor, var).T
        steps = np.rint(monitor.t_ / monitor.clock.dt_).astype(np.int64)
        raster = np.zeros((monitor.clock.step, len(monitor.source)), dtype=bool)
        raster[steps, monitor.i] = True
        return raster
