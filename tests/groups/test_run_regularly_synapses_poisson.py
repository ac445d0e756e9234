"""run_regularly on Synapses and on PoissonGroup (Brian2's methods; the synaptic numbers
against Brian2 are in tests/reference/test_brian2_synapse_access.py)."""
import numpy as np
import pytest

from eqsim import (Hz, NeuronGroup, PoissonGroup, SpikeMonitor, Synapses, ms, run, second, seed,
                   start_scope)


def test_poisson_rates_set_by_run_regularly_take_effect_during_the_run(target):
    seed(3)
    P = PoissonGroup(1000, 0 * Hz)
    P.run_regularly("rates = (t/ms)*2*Hz * int(t >= 50*ms)", dt=10 * ms)
    sm = SpikeMonitor(P)
    run(100 * ms)
    t = np.asarray(sm.t / ms)
    assert np.count_nonzero(t < 50) == 0
    # 1000 neurons at 2*t Hz for 10 ms: 1000, 1200, ..., 1800 spikes (sd about 35)
    for start in range(50, 100, 10):
        count = np.count_nonzero((t >= start) & (t < start + 10))
        assert abs(count - 20 * start) < 5 * np.sqrt(20 * start), (start, count)
    assert float(P.rates[0] / Hz) == 180.0


def test_synapses_run_regularly_runs_synapse_after_synapse(both_targets):
    """The statements of one synapse run together, then the next synapse's (Brian2's
    cython target; its numpy target runs each statement over all synapses first)."""
    def simulate(target):
        start_scope()
        G = NeuronGroup(2, "v : 1")
        S = Synapses(G, G, "w : 1")
        S.connect(i=[0, 1], j=[1, 1])
        S.w = [1.0, 2.0]
        S.run_regularly("v_post += w\nv_post *= 2", dt=1 * ms)
        run(0.1 * ms)
        return G.v[:].tolist()
    assert both_targets(simulate) == ([0.0, 8.0], [0.0, 8.0])  # ((0 + 1)*2 + 2)*2


def test_synapses_run_regularly_writes_to_neurons_respect_refractoriness(both_targets):
    def simulate(target):
        start_scope()
        G = NeuronGroup(2, "v : 1")
        H = NeuronGroup(2, "dv/dt = 0/ms : 1 (unless refractory)", threshold="False",
                        refractory=1 * ms)
        H.lastspike = [0.0, -1.0] * second
        H.not_refractory = [False, True]
        S = Synapses(G, H, "w : 1")
        S.connect()
        S.w = 1.0
        S.run_regularly("v_post += w", dt=0.5 * ms)
        run(1 * ms)  # ticks at 0 and 0.5 ms, both while neuron 0 is refractory
        return H.v[:].tolist()
    assert both_targets(simulate) == ([0.0, 4.0], [0.0, 4.0])
