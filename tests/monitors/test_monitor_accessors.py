"""record_single_timestep, N and the trailing-underscore accessors Brian2's monitors have
(numbers against Brian2: tests/reference/test_brian2_synapse_access.py)."""
import numpy as np
import pytest

from eqsim import (NeuronGroup, PopulationRateMonitor, SpikeMonitor, StateMonitor, ms, run)
from eqsim.errors import MonitorError


def test_record_single_timestep_needs_a_run_first(numpy_target):
    G = NeuronGroup(2, "v : 1")
    M = StateMonitor(G, "v", record=True)
    with pytest.raises(MonitorError, match="no run yet") as error:
        M.record_single_timestep()
    assert error.value.code == "EQ163" and isinstance(error.value, TypeError)
    assert M.N == 0


def test_record_single_timestep_records_the_values_at_the_end(target):
    G = NeuronGroup(2, "dv/dt = 1/ms : 1", method="euler")
    M = StateMonitor(G, "v", record=[1])
    run(0.5 * ms)
    assert M.N == 5
    M.record_single_timestep()
    assert M.N == 6
    np.testing.assert_allclose(M.t_[-1], 0.5e-3)
    np.testing.assert_allclose(M.v_[0, -1], G.v[1])


def test_monitors_have_brian2s_raw_accessors(numpy_target):
    G = NeuronGroup(3, "dv/dt = (1 + i)/ms : 1", threshold="v > 1", reset="v = 0",
                    method="euler")
    sm, R = SpikeMonitor(G, "v"), PopulationRateMonitor(G)
    run(2 * ms)
    for raw, unit in ((sm.t_, sm.t), (R.t_, R.t), (R.rate_, R.rate)):
        assert type(raw[:]) is np.ndarray  # raw is a view, as Brian2's
        np.testing.assert_array_equal(raw, np.asarray(unit))
    assert sm.i_.tolist() == sm.i.tolist() and sm.count_.tolist() == sm.count.tolist()
    assert sm.N == len(sm) == sm.num_spikes and R.N == len(R.t) == 20
