"""The element index ``i`` inside products and sums gives the same values on both targets,
in every kernel and on subgroups (whose index is an offset expression)."""
import numpy as np

from eqsim import NeuronGroup, Network, StateMonitor, SpikeMonitor, mV, ms, nS


def test_index_times_a_unit_in_recorded_subexpressions_state_updates_and_thresholds(both_targets):
    def simulate(target):
        G = NeuronGroup(6, "dv/dt = (i*mV - v)/(2*ms) : volt\ng = 2*nS*i : siemens\n"
                           "h = i*i - i : 1", threshold="v > 3.5*mV - i*0*mV",
                        reset="v = 0*mV", method="euler")
        sub = G[2:5]
        M = StateMonitor(G, ["g", "v", "h"], record=[1, 4])
        Msub = StateMonitor(sub, ["g"], record=[0, 2])
        spikes = SpikeMonitor(G)
        sub.run_regularly("v += i*0.01*mV", dt=1 * ms)
        Network(G, M, Msub, spikes).run(10 * ms)
        return (np.asarray(M.g_[:, 0]), np.asarray(Msub.g_[:, 0]), np.asarray(M.h[:, 0]),
                np.asarray(M.v_[:, -1]), np.asarray(spikes.i))
    numpy_run, cython_run = both_targets(simulate)
    assert np.allclose(numpy_run[0], [2e-9, 8e-9]) and np.allclose(numpy_run[1], [4e-9, 8e-9])
    assert np.allclose(numpy_run[2], [0, 12])
    for a, b in zip(numpy_run, cython_run):
        assert np.allclose(a, b, rtol=1e-12, atol=0)
    assert set(numpy_run[4]) == {4, 5}  # i*mV above 3.5 mV: neurons 4 and 5 fire
