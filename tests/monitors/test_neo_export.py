"""Monitors exported to Neo carry the same numbers, in units, with their indices."""
import numpy as np
import pytest
import quantities as pq

from eqsim import (Network, NeuronGroup, PopulationRateMonitor, SpikeMonitor, StateMonitor,
                   mV, ms, nS, prefs)
from eqsim.monitors import neo_export
from eqsim.monitors.neo_export import NeoMissingError


@pytest.fixture(scope="module")
def monitors():
    previous = prefs.codegen.target
    prefs.codegen.target = "numpy"
    G = NeuronGroup(5, "dv/dt = (I - v)/(10*ms) : volt\nI : volt\ng = 2*nS*i : siemens",
                    threshold="v > 10*mV", reset="v = 0*mV", method="exact", name="cells")
    G.I = "(9 + 2*i)*mV"
    spikes, states, rate = SpikeMonitor(G), StateMonitor(G, ["v", "g"], record=[1, 4]), \
        PopulationRateMonitor(G)
    Network(G, spikes, states, rate).run(50 * ms)
    prefs.codegen.target = previous
    return spikes, states, rate


def test_spike_trains_are_the_spikes_in_ms_per_neuron(monitors):
    spikes = monitors[0]
    trains = spikes.to_neo()
    assert len(trains) == 5 and [t.annotations["index"] for t in trains] == list(range(5))
    assert trains[0].size == 0 and trains[4].size > 1  # 9 mV never reaches 10 mV
    expected = spikes.spike_trains()[4]
    assert np.allclose(trains[4].rescale(pq.ms).magnitude, np.asarray(expected / ms))
    assert float(trains[4].t_stop.rescale(pq.ms)) >= float(trains[4].rescale(pq.ms)[-1])
    assert float(spikes.to_neo(t_stop=50 * ms)[4].t_stop.rescale(pq.ms)) == pytest.approx(50.0)


def test_state_signals_keep_units_and_recorded_indices(monitors):
    states = monitors[1]
    signals = states.to_neo()
    v, g = signals["v"], signals["g"]
    assert v.units == pq.mV and v.shape == (states.t_.size, 2)
    assert np.allclose(v.magnitude[:, 1], np.asarray(states.v[1] / mV))
    assert list(v.array_annotations["index"]) == [1, 4]
    assert float(g.rescale(pq.nS).magnitude[0, 1]) == pytest.approx(8.0)
    assert float(v.sampling_period.rescale(pq.ms)) == pytest.approx(0.1)
    assert list(states.to_neo(["g"])) == ["g"]


def test_rate_signal_is_in_hertz(monitors):
    rate = monitors[2]
    signal = rate.to_neo()
    assert signal.units == pq.Hz
    assert np.allclose(signal.magnitude[:, 0], np.asarray(rate.rate_))


def test_units_quantities_does_not_name_are_built_from_si_base_units():
    si, named = neo_export.neo_unit((mV / ms ** 2).dim, "mV/ms2")
    assert named is None
    assert (1.0 * si).simplified.dimensionality == (pq.V / pq.s ** 2).simplified.dimensionality


def test_missing_neo_gives_an_install_hint(monitors, monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_neo(name, *args, **kwargs):
        if name == "neo":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", no_neo)
    with pytest.raises(NeoMissingError) as caught:
        monitors[0].to_neo()
    assert "eqsim[io]" in caught.value.hint
