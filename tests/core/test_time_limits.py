"""Time steps, run durations and step counts that cannot be honoured are refused with a
LimitError naming the value, before anything changes (issue 8: dt = inf made t NaN,
dt = 1e-300 hung, run(inf*ms) and run(nan*ms) ended in OverflowError/ValueError)."""
import math
import signal
import warnings
from contextlib import contextmanager

import pytest

from eqsim import (Clock, EqsimWarning, LimitError, Network, NetworkOperation, NeuronGroup,
                   defaultclock, ms, run, second)



pytestmark = pytest.mark.usefixtures("numpy_target")  # checks of numbers, not kernels

@contextmanager
def hang_guard(seconds):
    """Turn a hang into a test failure (the NumPy target's loop can be interrupted)."""
    def timeout(*_):
        raise TimeoutError(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


BAD_STEPS = [float("inf") * ms, -float("inf") * ms, float("nan") * ms, 0 * ms, -1 * ms]


@pytest.mark.parametrize("dt", BAD_STEPS, ids=["inf", "-inf", "nan", "zero", "negative"])
def test_defaultclock_refuses_a_step_that_is_not_finite_and_positive(dt):
    with pytest.raises(LimitError) as info:
        defaultclock.dt = dt
    assert "dt" in str(info.value) and "finite time greater than 0" in str(info.value)
    assert defaultclock.dt_ == 1e-4  # unchanged, and the time still exists
    assert defaultclock.t_ == 0.0


@pytest.mark.parametrize("dt", BAD_STEPS, ids=["inf", "-inf", "nan", "zero", "negative"])
def test_clocks_and_objects_with_their_own_dt_refuse_it_too(dt):
    with pytest.raises(LimitError):
        Clock(dt)
    with pytest.raises(LimitError):
        NeuronGroup(1, "v : 1", dt=dt)
    clock = Clock(0.5 * ms)
    with pytest.raises(LimitError):
        clock.dt = dt
    assert clock.dt_ == 5e-4


def test_a_step_too_small_to_count_to_the_current_time_is_refused_and_changes_nothing():
    G = NeuronGroup(1, "v : 1", name="G")
    run(1 * ms)
    with pytest.raises(LimitError) as info:
        defaultclock.dt = 1e-300 * second
    assert "2**62" in str(info.value)
    assert defaultclock.dt_ == 1e-4 and math.isclose(defaultclock.t_, 1e-3)


def test_a_run_needing_more_steps_than_the_counter_holds_fails_at_once_instead_of_hanging():
    defaultclock.dt = 1e-300 * second  # allowed at t = 0: no step needs counting yet
    G = NeuronGroup(1, "v : 1", name="G")
    with hang_guard(20), pytest.raises(LimitError) as info:
        run(1 * ms)
    message = str(info.value)
    assert "defaultclock" in message and "2**62" in message and "1e-300" in message
    assert G.v[0] == 0


@pytest.mark.parametrize("duration", [float("inf") * ms, float("nan") * ms, -1 * ms],
                         ids=["inf", "nan", "negative"])
def test_run_refuses_durations_that_are_not_finite_and_not_negative(duration):
    G = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="G")
    net = Network(G)
    for entry_point in (run, net.run):
        with pytest.raises(LimitError) as info:
            entry_point(duration)
        assert "duration" in str(info.value) and "finite time of 0 or more" in str(info.value)
    assert net.t_ == 0 and G.v[0] == 0


def test_a_run_beyond_2_to_the_40_steps_warns_like_brian2():
    calls = []

    def stop_at_first_step():
        calls.append(1)
        raise KeyboardInterrupt

    net = Network(NetworkOperation(stop_at_first_step, dt=1e-12 * second))
    with pytest.warns(EqsimWarning, match="2\\*\\*40 steps"):
        with pytest.raises(KeyboardInterrupt):
            net.run(10 * second)
    assert calls == [1]


def test_ordinary_runs_give_no_warning():
    G = NeuronGroup(2, "dv/dt = -v/(10*ms) : 1", method="exact", name="G")
    with warnings.catch_warnings():
        warnings.simplefilter("error", EqsimWarning)
        run(1 * ms)
