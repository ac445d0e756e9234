"""TimedArray in model strings on both targets: 1-D and 2-D values, units, Brian2's
sampling rule, exact integration when the input holds over a step, dimension errors."""
import logging

import numpy as np
import pytest

from eqsim import (DimensionMismatchError, NeuronGroup, Network, StateMonitor, TimedArray,
                   UnresolvedNameError, amp, defaultclock, mV, ms, nA, ohm, run, start_scope)


def test_one_dimensional_values_are_held_then_the_last_value_repeats(target):
    ta = TimedArray([1, 2, 3, 4] * mV, dt=0.1 * ms)
    G = NeuronGroup(1, "v = ta(t) : volt")
    mon = StateMonitor(G, "v", record=True)
    run(1 * ms)
    np.testing.assert_allclose(np.asarray(mon[0].v) / 1e-3, [1, 2, 3, 4, 4, 4, 4, 4, 4, 4])


def test_two_dimensional_values_are_indexed_by_time_and_i(target):
    ta2d = TimedArray([[1, 2], [3, 4], [5, 6]] * mV, dt=0.1 * ms)
    G = NeuronGroup(4, "v = ta2d(t, i % 2) : volt")
    mon = StateMonitor(G, "v", record=True)
    run(0.2 * ms)
    np.testing.assert_allclose(np.asarray(mon.v) / 1e-3, [[1, 3], [2, 4], [1, 3], [2, 4]])


def test_index_outside_the_columns_gives_nan(target):
    ta2d = TimedArray([[1, 2]] * mV, dt=0.1 * ms)
    G = NeuronGroup(3, "v = ta2d(t, i) : volt")
    mon = StateMonitor(G, "v", record=True)
    run(0.1 * ms)
    assert np.isnan(np.asarray(mon.v)[2, 0]) and np.asarray(mon.v)[1, 0] == pytest.approx(2e-3)


def test_coarse_table_changes_value_exactly_at_multiples_of_its_dt(target):
    # samples every 0.3 ms with a 0.1 ms clock: t = 0.3 ms must read sample 1, not 0
    stim = TimedArray(np.arange(10.0), dt=0.3 * ms)
    G = NeuronGroup(1, "x = stim(t) : 1")
    mon = StateMonitor(G, "x", record=0)
    run(2 * ms)
    np.testing.assert_array_equal(mon.x[0], np.arange(20) // 3)


def test_current_subexpression_drives_a_membrane_with_units(target):
    stim = TimedArray([0, 1, 2, 0] * nA, dt=2 * ms)
    G = NeuronGroup(1, """dv/dt = (R*I - v)/(10*ms) : volt
                          I = stim(t) : amp
                          R : ohm""", method="euler")
    G.R = 1e6 * ohm
    mon = StateMonitor(G, ["v", "I"], record=0)
    run(8 * ms)
    current = np.repeat([0, 1, 2, 0], 20) * 1e-9
    np.testing.assert_allclose(np.asarray(mon.I[0]), current, atol=1e-21)
    v, expected = 0.0, []
    for k in range(80):  # Euler by hand: the recorded v is before the step's update
        expected.append(v)
        v += 1e-4 * (1e6 * current[k] - v) / 0.01
    np.testing.assert_allclose(np.asarray(mon.v[0]), expected, rtol=1e-12, atol=1e-18)


def test_timed_array_called_from_python_uses_the_same_rule():
    ta = TimedArray([1, 2, 3] * mV, dt=0.3 * ms)
    np.testing.assert_allclose(np.asarray(ta([0, 0.25, 0.3, 0.6, 5] * ms)) / 1e-3,
                               [1, 1, 2, 3, 3])
    ta2d = TimedArray(np.array([[1.0, 2.0], [3.0, 4.0]]), dt=1 * ms)
    assert ta2d(1 * ms, 1) == 4.0


def test_both_targets_agree_on_a_timed_array_model(both_targets):
    def simulate(target_name):
        start_scope()
        values = np.sin(np.arange(50) / 5.0)[:, None] * np.arange(1, 4)[None, :] * mV
        drive = TimedArray(values, dt=0.25 * ms)
        G = NeuronGroup(3, "dv/dt = (drive(t, i) - v)/(3*ms) : volt", method="rk4", name="TG")
        mon = StateMonitor(G, "v", record=True, name="TM")
        Network(G, mon).run(15 * ms)
        return np.asarray(mon.v).copy()

    a, b = both_targets(simulate)
    assert np.abs(a).max() > 1e-3
    np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-18)


def test_dimension_errors_name_the_function():
    stim = TimedArray([1, 2] * nA, dt=1 * ms)
    G = NeuronGroup(1, "dv/dt = stim(t)/ms : volt")
    with pytest.raises(DimensionMismatchError):
        run(1 * ms)
    start_scope()
    G = NeuronGroup(1, "dx/dt = stim(i)/nA/ms : 1")
    with pytest.raises(DimensionMismatchError) as info:
        run(1 * ms)
    assert info.value.code == "EQ911" and "stim" in str(info.value)
    start_scope()
    G = NeuronGroup(1, "dx/dt = stim(t, i)/nA/ms : 1")
    with pytest.raises(DimensionMismatchError) as info:
        run(1 * ms)
    assert info.value.code == "EQ910"
    start_scope()
    G = NeuronGroup(1, "dx/dt = nostim(t)/ms : 1")
    with pytest.raises(UnresolvedNameError):
        run(1 * ms)


def test_input_constant_over_a_step_is_integrated_exactly_as_brian2_does(target, caplog):
    stim = TimedArray(np.array([0, 1, 2, 1]) * mV, dt=5 * ms)
    group = NeuronGroup(1, "dv/dt = (stim(t) - v)/(10*ms) : volt")
    monitor = StateMonitor(group, "v", record=0)
    with caplog.at_level(logging.INFO, logger="eqsim.stateupdate"):
        run(20 * ms)
    assert "using method 'exact'" in caplog.text
    # the exact step with the input read at the step's start (Brian2 2.9 gives the same
    # values, to 1e-18 V)
    v, expected = 0.0, []
    for step in range(200):
        drive = [0, 1, 2, 1][step // 50] * 1e-3
        expected.append(v)
        v = drive + (v - drive) * np.exp(-0.01)
    np.testing.assert_allclose(monitor.v_[0], expected, rtol=1e-12, atol=1e-17)


def test_input_changing_within_a_step_keeps_a_stepping_method(caplog):
    stim = TimedArray(np.array([0, 1, 2, 1]) * mV, dt=0.25 * ms)  # not a multiple of dt
    group = NeuronGroup(1, "dv/dt = (stim(t) - v)/(10*ms) : volt")  # noqa: F841
    with caplog.at_level(logging.INFO, logger="eqsim.stateupdate"):
        run(1 * ms)
    assert "using method 'euler'" in caplog.text


def test_a_timed_array_called_with_the_wrong_number_of_arguments_is_a_value_error(target):
    # Brian2 test_timedarray_incorrect_use: ValueError for ta2d(t) with 2-D values
    ta2d = TimedArray((np.linspace(0, 11, 12) * amp).reshape(4, 3), 1 * ms)  # noqa: F841
    group = NeuronGroup(3, "I : amp")
    for expression in ("ta2d(t)*amp", "ta2d(t, i, i)*amp"):
        with pytest.raises(ValueError) as info:
            group.I = expression
        assert isinstance(info.value, DimensionMismatchError) and info.value.code == "EQ910"
