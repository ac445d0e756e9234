"""run_regularly on Synapses and on PoissonGroup (Brian2's methods; the synaptic numbers
against Brian2 are in tests/reference/test_brian2_synapse_access.py)."""
import numpy as np
import pytest

from eqsim import Hz, NeuronGroup, PoissonGroup, SpikeMonitor, Synapses, ms, run, seed
from eqsim.errors import EquationError


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


def test_synapses_run_regularly_may_not_write_neuron_variables(numpy_target):
    G = NeuronGroup(3, "v : 1")
    S = Synapses(G, G, "w : 1")
    S.connect()
    for code in ("v_post += w", "v += w", "w = 1\nv_pre = 2"):
        with pytest.raises(EquationError, match="only synaptic variables") as error:
            S.run_regularly(code, dt=1 * ms)
        assert error.value.code == "EQ165"
    assert not S.contained_objects
