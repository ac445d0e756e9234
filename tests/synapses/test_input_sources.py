"""Input groups (SpikeGeneratorGroup, PoissonGroup) as presynaptic sources of Synapses."""
import numpy as np

from eqsim import (Hz, NeuronGroup, PoissonGroup, SpikeGeneratorGroup, SpikeMonitor,
                   StateMonitor, Synapses, ms, mV, run, seed, start_scope)


def test_spike_generator_spikes_arrive_after_the_delay(target):
    inp = SpikeGeneratorGroup(3, [0, 2, 1], [1.0, 2.0, 3.0] * ms)
    G = NeuronGroup(2, "v : volt")
    S = Synapses(inp, G, "w : volt", on_pre="v_post += w", delay=0.5 * ms)
    S.connect(i=[0, 1, 2], j=[0, 1, 1])
    S.w = [1, 2, 4] * mV
    mon = StateMonitor(G, "v", record=True)
    run(5 * ms)
    v = np.asarray(mon.v) / 1e-3
    # recorded at the start of each step, so an arrival in step k shows from k + 1
    assert v[0, 15] == 0 and v[0, 16] == 1
    assert v[1, 25] == 0 and v[1, 26] == 4 and v[1, 35] == 4 and v[1, 36] == 6


def test_poisson_group_drives_one_to_one_synapses_spike_for_spike(target):
    seed(12)
    P = PoissonGroup(40, rates="100*Hz + i*10*Hz")
    G = NeuronGroup(40, "v : 1")
    S = Synapses(P, G, on_pre="v_post += 1")
    S.connect(j="i")
    M = SpikeMonitor(P)
    run(30 * ms)
    # without delay a spike arrives in its own step: every spike has been counted
    np.testing.assert_array_equal(np.asarray(G.v), M.count)
    assert M.num_spikes > 100


def test_poisson_group_synapses_agree_on_numpy_and_cython(both_targets):
    def simulate(target_name):
        start_scope()
        seed(7)
        P = PoissonGroup(100, rates=40 * Hz, name="PS")
        G = NeuronGroup(10, "dv/dt = -v/(10*ms) : volt", method="exact", name="GS")
        S = Synapses(P, G, "w : volt", on_pre="v_post += w", name="SS")
        S.connect(p=0.3)
        S.w = "rand()*0.5*mV"
        run(25 * ms)
        return np.asarray(G.v).copy()

    a, b = both_targets(simulate)
    assert np.all(a > 0)
    np.testing.assert_allclose(a, b, rtol=1e-12, atol=0)
