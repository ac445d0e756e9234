"""Spikes in flight when a run ends keep their arrival times into the next run, on both
targets, as in Brian2 2.9.0 (numbers from its runs of the same scripts): when dt changes,
when delays change, after restore()."""
import numpy as np

from eqsim import (NeuronGroup, SpikeMonitor, StateMonitor, Synapses, defaultclock, ms,
                   restore, run, store)


def _first_arrivals_ms(monitor, n):
    return [round(float(monitor.t[np.flatnonzero(monitor.v[k] > 0)[0]] / ms), 6)
            for k in range(n)]


def _one_spike_at_zero(n=1):
    g = NeuronGroup(n, "v : 1", threshold="v > 1", reset="v = 0")
    g.v = 1.1
    return g


def test_spikes_in_flight_keep_their_times_when_dt_changes_between_runs(target):
    # Brian2's test_changed_dt_spikes_in_queue
    defaultclock.dt = 0.5 * ms
    source = _one_spike_at_zero()
    target_group = NeuronGroup(10, "v : 1", threshold="v > 1", reset="v = 0")
    s = Synapses(source, target_group, on_pre="v += 1.1")
    s.connect()
    s.delay = "j*ms"
    spikes = SpikeMonitor(target_group)
    run(5 * ms)
    defaultclock.dt = 1 * ms
    run(3 * ms)
    defaultclock.dt = 0.1 * ms
    run(2 * ms)
    assert np.allclose(spikes.t / ms, [0.5, 1.5, 2.5, 3.5, 4.5, 6, 7, 8, 8.1, 9.1])


def test_a_homogeneous_delay_rounds_half_up_onto_the_new_dt_as_brian2(target):
    # 5 steps of 0.5 ms left = 12.5 steps of 0.2 ms: Brian2's queue rounds up, to 13
    defaultclock.dt = 0.5 * ms
    source = _one_spike_at_zero(3)
    post = NeuronGroup(3, "v : 1")
    s = Synapses(source, post, on_pre="v += i + 1", delay=3.3 * ms)
    s.connect(j="i")
    m = StateMonitor(post, "v", record=True, when="end")
    run(1 * ms)
    defaultclock.dt = 0.2 * ms
    run(5 * ms)
    assert _first_arrivals_ms(m, 3) == [3.6, 3.6, 3.6]
    assert np.allclose(post.v, [1, 2, 3])


def test_spikes_in_flight_keep_their_own_delays_when_the_delays_shrink(target):
    defaultclock.dt = 0.1 * ms
    source = _one_spike_at_zero()
    post = NeuronGroup(3, "v : 1")
    s = Synapses(source, post, on_pre="v += 1")
    s.connect()
    s.delay = "(j + 1)*2*ms"
    m = StateMonitor(post, "v", record=True, when="end")
    run(1 * ms)
    s.delay = 0.5 * ms  # one delay for all; the queued spikes were sent with their own
    run(8 * ms)
    assert _first_arrivals_ms(m, 3) == [2.0, 4.0, 6.0]
    assert np.allclose(post.v, [1, 1, 1])


def test_restore_then_a_new_dt_moves_the_restored_spikes_in_flight(target):
    defaultclock.dt = 0.5 * ms
    source = _one_spike_at_zero()
    post = NeuronGroup(4, "v : 1")
    s = Synapses(source, post, on_pre="v += 1")
    s.connect()
    s.delay = "(j + 1)*1*ms"
    m = StateMonitor(post, "v", record=True, when="end")
    run(1.5 * ms)
    store()
    run(1 * ms)
    restore()
    defaultclock.dt = 0.25 * ms
    run(5 * ms)
    assert _first_arrivals_ms(m, 4) == [1.0, 2.0, 3.0, 4.0]
    assert np.allclose(post.v, [1, 1, 1, 1])
