"""Monitors that hand their records to a function while the network runs (callback=)."""
import numpy as np
import pytest

from eqsim import (Network, NeuronGroup, SpikeMonitor, StateMonitor, defaultclock, ms, mV,
                   network_operation, seed)
from eqsim.errors import RunCallbackError


def _noisy_group(n=20, **kwargs):
    seed(3)
    group = NeuronGroup(n, "dv/dt = (1.2 - v)/(10*ms) + 0.2*xi/sqrt(ms) : 1",
                        threshold="v > 1", reset="v = 0", method="euler", **kwargs)
    group.v = "rand()"
    return group


class Calls:
    """A callback that keeps every call's records and the simulated time of the call."""

    def __init__(self, clock_of=None):
        self.calls, self.times, self.clock_of = [], [], clock_of

    def __call__(self, records):
        self.calls.append(records)
        self.times.append(None if self.clock_of is None else self.clock_of.t_)

    @property
    def records(self):
        return [r for call in self.calls for r in call]


def test_callbacks_receive_exactly_what_plain_monitors_record_on_both_targets(target):
    group = _noisy_group()
    spikes, samples = Calls(), Calls()
    tapped = SpikeMonitor(group, variables="v", callback=spikes, callback_period=5 * ms)
    traced = StateMonitor(group, "v", record=[7, 2, 11], callback=samples,
                          callback_period=2 * ms)
    plain_spikes, plain_trace = SpikeMonitor(group, variables="v"), StateMonitor(
        group, "v", record=[7, 2, 11])
    Network(group, tapped, traced, plain_spikes, plain_trace).run(23 * ms)
    assert len(plain_spikes) > 10
    i, t, v = map(np.array, zip(*spikes.records))
    assert i.dtype.kind == "i" and t.dtype == np.float64
    assert np.array_equal(i, plain_spikes.i) and np.array_equal(t, plain_spikes.t_)
    assert np.array_equal(v, plain_spikes.v_)
    index, time, value = map(np.array, zip(*samples.records))
    rows = plain_trace.t_.size
    assert np.array_equal(index, np.tile([7, 2, 11], rows))
    assert np.array_equal(time, np.repeat(plain_trace.t_, 3))
    assert np.array_equal(value, plain_trace.v_.T.ravel())
    # the monitor with a callback keeps its records too (keep=True)
    assert np.array_equal(tapped.i, plain_spikes.i) and np.array_equal(traced.v_, plain_trace.v_)


def test_callback_is_called_once_per_period_with_that_period_and_once_for_the_rest(
        numpy_target):
    group = _noisy_group()
    samples = Calls()
    trace = StateMonitor(group, "v", record=[0], callback=samples, callback_period=2 * ms)
    net = Network(group, trace)
    net.run(0 * ms)  # nothing simulated: no call
    assert samples.calls == []
    net.run(7.5 * ms)
    # 2 ms periods from t = 0: [0, 2), [2, 4), [4, 6), then the rest [6, 7.5)
    starts = [call[0][1] for call in samples.calls]
    ends = [call[-1][1] for call in samples.calls]
    assert starts == pytest.approx([0, 2e-3, 4e-3, 6e-3])
    assert ends == pytest.approx([1.9e-3, 3.9e-3, 5.9e-3, 7.4e-3])
    net.run(3 * ms)  # a second run counts its periods from its own start
    assert [call[0][1] for call in samples.calls[4:]] == pytest.approx([7.5e-3, 9.5e-3])


def test_monitors_with_different_periods_are_each_called_at_their_own(numpy_target):
    group = _noisy_group()
    fives, threes = Calls(defaultclock), Calls(defaultclock)
    net = Network(group, SpikeMonitor(group, callback=fives, callback_period=5 * ms),
                  StateMonitor(group, "v", record=[1], callback=threes, callback_period=3 * ms))
    net.run(12 * ms)
    assert fives.times == pytest.approx([5e-3, 10e-3, 12e-3])
    assert threes.times == pytest.approx([3e-3, 6e-3, 9e-3, 12e-3])


def test_keep_false_hands_records_to_the_callback_only(numpy_target):
    group = _noisy_group()
    spikes, samples = Calls(), Calls()
    monitor = SpikeMonitor(group, callback=spikes, callback_period=1 * ms, keep=False)
    trace = StateMonitor(group, "v", record=True, callback=samples, keep=False)
    plain = SpikeMonitor(group)
    Network(group, monitor, trace, plain).run(20 * ms)
    assert len(monitor) == 0 and trace.N == 0 and trace.expected_memory(1.0) is None
    assert np.array_equal(monitor.count, plain.count)  # counts are still kept
    assert [r[0] for r in spikes.records] == plain.i.tolist()
    assert len(samples.records) == 200 * 20


def test_an_exception_in_a_callback_ends_the_run_with_it_and_makes_no_further_calls(
        numpy_target):
    group = _noisy_group()
    calls = Calls()

    def failing(records):
        calls(records)
        raise KeyError("no such channel")
    trace = StateMonitor(group, "v", record=[0], callback=failing, callback_period=2 * ms)
    other = Calls()
    spikes = SpikeMonitor(group, callback=other, callback_period=1 * ms)
    net = Network(group, trace, spikes)
    with pytest.raises(KeyError, match="no such channel"):
        net.run(10 * ms)
    assert len(calls.calls) == 1  # not called again while the run ends
    assert float(net.t_) == pytest.approx(2e-3) and trace.t_[-1] == pytest.approx(1.9e-3)
    # the other monitor: its call before the error (the first ms), and its records kept
    n = len(other.records)
    assert len(other.calls) == 1 and all(t < 1e-3 for _, t in other.records)
    assert other.records == list(zip(spikes.i[:n].tolist(), spikes.t_[:n].tolist()))
    assert len(spikes) > n and spikes.t_[-1] < 2e-3


def test_stop_hands_the_rest_of_the_run_to_the_callback(numpy_target):
    group = _noisy_group()
    calls = Calls()
    trace = StateMonitor(group, "v", record=[0], callback=calls, callback_period=5 * ms)

    @network_operation(dt=1.5 * ms)
    def stop_early(t):
        if t > 3 * ms:
            net.stop()
    net = Network(group, trace, stop_early)
    net.run(20 * ms)
    assert len(calls.calls) == 1
    assert [r[1] for r in calls.records] == pytest.approx(trace.t_)


def test_callbacks_give_global_indices_of_a_process_slice(numpy_target):
    def spikes_of(**partition):
        calls = Calls()
        group = NeuronGroup(10, "dv/dt = (i + 1)/(40*ms) : 1", threshold="v > 1",
                            reset="v = 0", method="euler", **partition)
        Network(group, SpikeMonitor(group, callback=calls, callback_period=1 * ms)).run(
            10 * ms)
        return calls.records
    whole, part = spikes_of(), spikes_of(_partition=(1, 2))
    assert len(part) > 5 and part == [r for r in whole if r[0] >= 5]


@pytest.mark.parametrize("arguments, message", [
    (dict(callback="print"), "must be a function"),
    (dict(callback=print, callback_period=5), "must be a time"),
    (dict(callback=print, callback_period=0.25 * ms), "whole positive number of time steps"),
    (dict(callback=print, callback_period=0 * ms), "whole positive number of time steps"),
])
def test_a_callback_that_cannot_be_used_is_refused_before_the_monitor_exists(arguments,
                                                                             message):
    group = _noisy_group()
    for make in (lambda: SpikeMonitor(group, name="tap", **arguments),
                 lambda: StateMonitor(group, "v", record=[0], name="tap", **arguments)):
        with pytest.raises(RunCallbackError, match=message) as error:
            make()
        assert error.value.code == "EQ811" and "tap" in str(error.value)
    SpikeMonitor(group, name="tap")  # the name is free: nothing half-built was left


def test_records_a_monitor_gathered_already_are_handed_over_on_process_0_alone(monkeypatch):
    from eqsim.core.context import current_context
    from eqsim.distributed.communicator import Communicator
    from eqsim.monitors.run_callbacks import RunCallback, deliver_events, deliver_samples

    class NoCollectives(Communicator):  # process `rank` of 2; a collective fails the test
        size = 2

        def __init__(self, rank):
            self.rank = rank
    events = [{"i": np.array([4, 1], np.int32), "t": np.array([1e-4, 2e-4])}]
    samples = [{"t": np.array([0.0, 1e-4]), "v": np.array([[1.0, 2.0], [3.0, 4.0]])}]
    for rank, expected in ((0, True), (1, False)):
        monkeypatch.setattr(current_context(), "comm", NoCollectives(rank), raising=False)
        calls = Calls()
        deliver_events(RunCallback(calls, 1), "M", events, 1e-4, [], whole=True)
        deliver_samples(RunCallback(calls, 1), "S", samples, np.array([7, 3]), ["v"],
                        whole=True)
        assert calls.calls == ([[(4, 1e-4), (1, 2e-4)],
                                [(7, 0.0, 1.0), (3, 0.0, 2.0), (7, 1e-4, 3.0), (3, 1e-4, 4.0)]]
                               if expected else [])


def test_a_monitor_recording_to_file_hands_the_same_records_to_its_callback(numpy_target,
                                                                            tmp_path):
    group = _noisy_group()
    calls = Calls()
    monitor = SpikeMonitor(group, to_file=tmp_path / "spikes", callback=calls,
                           callback_period=3 * ms)
    Network(group, monitor).run(10 * ms)
    assert len(calls.calls) == 4 and len(monitor) > 5  # at 3, 6, 9 and 10 ms
    assert [r[0] for r in calls.records] == np.load(tmp_path / "spikes" / "i.npy").tolist()
    assert [r[1] for r in calls.records] == np.load(tmp_path / "spikes" / "t.npy").tolist()


def test_the_period_counts_steps_of_the_dt_the_run_has(numpy_target):
    group = _noisy_group()
    calls = Calls(defaultclock)
    net = Network(group, StateMonitor(group, "v", record=[0], callback=calls,
                                      callback_period=2 * ms))
    defaultclock.dt = 0.5 * ms  # after the monitor was made, as Brian2 allows
    net.run(5 * ms)
    assert calls.times == pytest.approx([2e-3, 4e-3, 5e-3])
    assert [len(call) for call in calls.calls] == [4, 4, 2]
    defaultclock.dt = 1.25 * ms  # t = 5 ms is a multiple (Brian2 refuses a dt it is not)
    with pytest.raises(RunCallbackError, match="not a whole positive number"):
        net.run(3 * ms)
