"""Running networks on both targets: continuation, explicit networks, clocks, schedule,
network operations, run_regularly and progress reports."""
import numpy as np
import pytest

from eqsim import (Clock, EqsimError, Network, NetworkOperation, NeuronGroup, SpikeMonitor,
                   StateMonitor, defaultclock, ms, network_operation, run, second, seed,
                   start_scope)
from eqsim.errors import DtChangeError


def test_two_runs_continue_time_and_state_like_one_long_run(target, noisy_lif):
    seed(7)
    G = noisy_lif()
    S = SpikeMonitor(G, name="SL")
    M = StateMonitor(G, "v", record=True, name="ML")
    run(50 * ms)
    run(50 * ms)
    split = (S.i.copy(), S.t_.copy(), M.v.copy(), M.t_.copy(), G.v_.copy())
    assert defaultclock.t_ == pytest.approx(0.1)

    start_scope()
    seed(7)
    net_G = noisy_lif()
    S2 = SpikeMonitor(net_G, name="SL")
    M2 = StateMonitor(net_G, "v", record=True, name="ML")
    run(100 * ms)
    assert len(S2.i) > 10
    np.testing.assert_array_equal(split[0], S2.i)
    np.testing.assert_allclose(split[1], S2.t_, atol=1e-12)
    np.testing.assert_allclose(split[2], M2.v, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(split[3], np.arange(1000) * 1e-4, atol=1e-12)
    np.testing.assert_allclose(split[4], net_G.v_, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("target", ["numpy"], indirect=True)  # bookkeeping only
def test_explicit_network_with_add_runs_only_its_objects_and_keeps_its_time(target):
    G = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="A")
    left_out = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="B")
    net = Network(name="explicit")
    net.add(G)
    net.run(2 * ms)
    assert net.t_ == pytest.approx(2e-3)
    assert float(net.t / ms) == pytest.approx(2)
    net.run(1 * ms)
    assert net.t_ == pytest.approx(3e-3)
    np.testing.assert_allclose(G.v_, 3e-3, rtol=1e-12)
    assert left_out.v_[0] == 0
    assert len(net) == 1 and net["A"] is G


def run_with_network_operations():
    """Two neurons; one operation every step, one every 0.5 ms taking t, one every 1 ms
    (slot 'end') setting neuron 1 to 0. One shape (one compiled module) for the tests below."""
    G = NeuronGroup(2, "dv/dt = 1/second : 1", method="euler", name="A")
    M = StateMonitor(G, "v", record=[1], when="end", name="MA")
    log = {"values": [], "times": []}

    @network_operation
    def without_time():
        log["values"].append(G.v_[0])

    @network_operation(dt=0.5 * ms)
    def with_time(t):
        log["times"].append(float(t / ms))

    @network_operation(dt=1 * ms, when="end")
    def reset_neuron_one():
        G.v[1] = 0

    Network(G, M, without_time, with_time, reset_neuron_one, name="netops").run(3 * ms)
    assert isinstance(without_time, NetworkOperation)
    return G, M, log


def test_network_operation_is_called_every_step_with_and_without_time(target):
    G, M, log = run_with_network_operations()
    # 'start' slot: each call sees the state before the step's update
    np.testing.assert_allclose(log["values"], np.arange(30) * 1e-4, atol=1e-15)
    np.testing.assert_allclose(log["times"], [0, 0.5, 1, 1.5, 2, 2.5])


def test_network_operation_can_change_state_seen_by_the_kernels(target):
    G, M, log = run_with_network_operations()
    np.testing.assert_allclose(G.v_, [3e-3, 0.9e-3], rtol=1e-12)
    # the monitor (order 0, added before) records before the reset in the same slot
    assert M.v[0][10] == pytest.approx(1e-3) and M.v[0][11] == pytest.approx(0.1e-3)


def test_groups_with_their_own_dt_interleave_in_time(target):
    fast = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="F")
    slow = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", dt=0.3 * ms, name="W")
    Mf = StateMonitor(fast, "v", record=0, name="MF")
    Ms = StateMonitor(slow, "v", record=0, name="MW")
    log = []

    @network_operation(dt=0.2 * ms)
    def look(t):
        log.append((round(float(t / ms), 9), fast.v_[0], slow.v_[0]))

    Network(fast, slow, Mf, Ms, look, name="clocks").run(1 * ms)
    np.testing.assert_allclose(Ms.t_, [0, 3e-4, 6e-4, 9e-4], atol=1e-15)
    np.testing.assert_allclose(Ms.v[0], Ms.t_, atol=1e-15)
    np.testing.assert_allclose(slow.v_, 1.2e-3, rtol=1e-12)
    np.testing.assert_allclose(fast.v_, 1e-3, rtol=1e-12)
    times = [entry[0] for entry in log]
    assert times == [0, 0.2, 0.4, 0.6, 0.8]
    # at each tick a 'start' operation sees every update of the earlier ticks of both clocks
    for t, v_fast, v_slow in log:
        assert v_fast == pytest.approx(t * 1e-3)
        assert v_slow == pytest.approx(np.ceil(t / 0.3 - 1e-9) * 0.3e-3)


def test_order_within_a_slot_decides_what_a_monitor_sees(target):
    G = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="A")
    before = StateMonitor(G, "v", record=0, when="groups", order=-1, name="MB")
    after = StateMonitor(G, "v", record=0, when="groups", order=1, name="MC")
    Network(G, before, after, name="ordered").run(1 * ms)
    np.testing.assert_allclose(before.v[0], np.arange(10) * 1e-4, atol=1e-15)
    np.testing.assert_allclose(after.v[0], np.arange(1, 11) * 1e-4, atol=1e-15)


def test_unknown_schedule_slot_is_refused():
    G = NeuronGroup(1, "v : 1", name="A")
    with pytest.raises(EqsimError, match="middle"):
        StateMonitor(G, "v", record=0, when="middle")


def test_run_regularly_runs_at_its_interval(target):
    G = NeuronGroup(2, "dv/dt = 1/second : 1\nn : integer", method="euler", name="A")
    G.run_regularly("n += 1\nv = 0", dt=0.5 * ms)
    run(2 * ms)
    assert G.n[:].tolist() == [4, 4]  # t = 0, 0.5, 1, 1.5 ms
    # reset at 1.5 ms ('start' slot), then five updates
    np.testing.assert_allclose(G.v_, 0.5e-3, rtol=1e-12)


def test_report_text_prints_start_and_completion(target, capsys):
    G = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="A")
    run(1 * ms, report="text")
    out = capsys.readouterr().out
    assert "Starting simulation at t=0" in out
    assert "(100%)" in out


def test_report_callable_gets_progress_up_to_completion(target):
    G = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="A")
    calls = []
    run(1 * ms)
    run(2 * ms, report=lambda elapsed, completed, start, duration: calls.append(
        (float(elapsed / second), completed, float(start / ms), float(duration / ms))))
    assert calls[0][1] == 0 and calls[-1][1] == 1
    assert all(c[2] == pytest.approx(1) and c[3] == pytest.approx(2) for c in calls)
    assert all(c[0] >= 0 for c in calls)
    np.testing.assert_allclose(G.v_, 3e-3, rtol=1e-12)


def test_unknown_report_is_refused_before_running():
    G = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="A")
    with pytest.raises(EqsimError, match="loud"):
        run(1 * ms, report="loud")
    assert G.v_[0] == 0


def test_changing_defaultclock_dt_between_runs(target):
    G = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="A")
    M = StateMonitor(G, "v", record=0, name="MA")
    run(1 * ms)
    defaultclock.dt = 0.5 * ms
    run(2 * ms)
    np.testing.assert_allclose(M.t_, np.concatenate([np.arange(10) * 1e-4, [1e-3, 1.5e-3, 2e-3, 2.5e-3]]),
                               atol=1e-15)
    np.testing.assert_allclose(G.v_, 3e-3, rtol=1e-12)


def _run_then_change_dt(explicit_clock, new_dt):
    clock = Clock(dt=0.5 * ms) if explicit_clock else defaultclock
    defaultclock.dt = 0.5 * ms
    G = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler",
                    clock=clock if explicit_clock else None, name="A")
    M = StateMonitor(G, "v", record=0, name="MA")
    net = Network(G, M)
    net.run(0.5 * ms)
    clock.dt = new_dt
    return net, M


@pytest.mark.parametrize("explicit_clock", [False, True])
def test_a_new_dt_of_which_the_time_is_no_multiple_is_refused_when_the_next_run_starts(
        numpy_target, explicit_clock):
    net, M = _run_then_change_dt(explicit_clock, 1 * ms)
    # Brian2 2.9.0: ValueError "Cannot set dt from 0.5 ms to 1. ms, the time 0.5 ms is not a
    # multiple of 1. ms" (eqsim ran from 1 ms while the network's t went on from 0.5 ms)
    with pytest.raises(DtChangeError, match="0.0005 s") as error:
        net.run(1 * ms)
    assert isinstance(error.value, ValueError) and error.value.code == "EQ257"
    assert M.t_.tolist() == [0.0]


@pytest.mark.parametrize("explicit_clock", [False, True])
def test_a_new_dt_of_which_the_time_is_a_multiple_continues_there(target, explicit_clock):
    net, M = _run_then_change_dt(explicit_clock, 0.25 * ms)
    net.run(0.5 * ms)
    np.testing.assert_allclose(M.t_, [0, 5e-4, 7.5e-4], atol=1e-15)


def test_negative_duration_and_non_time_duration_are_refused():
    G = NeuronGroup(1, "v : 1", name="A")
    with pytest.raises(ValueError) as negative:  # Brian2 2.9.0: ValueError
        run(-1 * ms)
    assert isinstance(negative.value, EqsimError) and negative.value.code == "EQ611"
    with pytest.raises(EqsimError):
        run(5)


def test_exception_in_network_operation_keeps_time_state_and_records_consistent(target):
    G = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="A")
    M = StateMonitor(G, "v", record=0, name="MA")
    failing = {"on": True}

    @network_operation(order=-1)
    def boom(t):
        if failing["on"] and t >= 0.5 * ms:
            raise RuntimeError("boom")

    net = Network(G, M, boom, name="failing")
    with pytest.raises(RuntimeError, match="boom"):
        net.run(1 * ms)
    assert net.t_ == pytest.approx(0.5e-3)
    np.testing.assert_allclose(G.v_, 0.5e-3, rtol=1e-12)
    np.testing.assert_allclose(M.t_, np.arange(5) * 1e-4, atol=1e-15)
    failing["on"] = False
    net.run(1 * ms)
    assert net.t_ == pytest.approx(1.5e-3)
    np.testing.assert_allclose(M.t_, np.arange(15) * 1e-4, atol=1e-15)
    np.testing.assert_allclose(M.v[0], M.t_, atol=1e-15)
