"""SpikeGeneratorGroup on both targets: exact spikes, periods, set_spikes, Brian2's
one-spike-per-step rule, store/restore."""
import numpy as np
import pytest

from eqsim import (BrianObjectException, EqsimError, Network, SpikeGeneratorGroup, SpikeMonitor,
                   ms, prefs, run, second, start_scope)
from eqsim.groups.spikegenerator import SpikeGeneratorPeriodError


def pairs(monitor):
    return sorted(zip(monitor.i.tolist(), np.round(np.asarray(monitor.t) / 1e-4).astype(int).tolist()))


def test_emits_exactly_the_given_index_time_pairs_in_any_input_order(target):
    indices = [3, 0, 4, 0, 2]
    times = [2.0, 0.0, 0.1, 1.3, 0.3] * ms  # unsorted on purpose
    G = SpikeGeneratorGroup(5, indices, times)
    M = SpikeMonitor(G)
    run(3 * ms)
    assert pairs(M) == sorted(zip(indices, [20, 0, 1, 13, 3]))
    assert np.all(np.diff(np.asarray(M.t)) >= 0)  # recorded in time order
    np.testing.assert_array_equal(M.count, [2, 0, 1, 1, 1])


def test_spikes_at_whole_multiples_of_dt_land_in_that_step(target):
    times = np.arange(1, 30) * 0.1 * ms  # 0.1*k ms: float error must not move them back
    G = SpikeGeneratorGroup(1, np.zeros(29, dtype=int), times)
    M = SpikeMonitor(G)
    run(3 * ms)
    assert [s for _, s in pairs(M)] == list(range(1, 30))


def test_period_repeats_the_pattern(target):
    G = SpikeGeneratorGroup(3, [0, 2, 1], [0, 0.5, 1.9] * ms, period=2 * ms)
    M = SpikeMonitor(G)
    run(7 * ms)
    expected = sorted((i, s + 20 * k) for k in range(4) for i, s in ((0, 0), (2, 5), (1, 19))
                      if s + 20 * k < 70)
    assert pairs(M) == expected


def test_set_spikes_replaces_the_pattern_for_later_runs(target):
    G = SpikeGeneratorGroup(4, [0, 1], [1, 8] * ms)
    M = SpikeMonitor(G)
    run(5 * ms)
    G.set_spikes([2, 3, 3], [4, 6, 7.5] * ms)  # the spike at 4 ms lies in the past: skipped
    run(5 * ms)
    assert pairs(M) == [(0, 10), (3, 60), (3, 75)]


def test_set_spikes_with_a_period_between_runs(target):
    G = SpikeGeneratorGroup(2, [0], [0.5] * ms)
    M = SpikeMonitor(G)
    run(1 * ms)
    G.set_spikes([1], [0.2] * ms, period=1 * ms)
    run(3 * ms)
    assert pairs(M) == [(0, 5), (1, 12), (1, 22), (1, 32)]


def test_two_spikes_of_one_neuron_in_one_step_are_an_error(target):
    G = SpikeGeneratorGroup(2, [1, 1], [1.0, 1.05] * ms)
    with pytest.raises(EqsimError) as info:
        run(1 * ms)
    assert "more than once" in str(info.value) and info.value.code == "EQ920"
    start_scope()
    G = SpikeGeneratorGroup(2, [0, 0], [1.0, 1.0] * ms)
    with pytest.raises(EqsimError):
        run(1 * ms)


def test_invalid_spikes_are_rejected_when_created():
    with pytest.raises(EqsimError):
        SpikeGeneratorGroup(3, [0, 3], [1, 2] * ms)  # index out of range
    with pytest.raises(EqsimError):
        SpikeGeneratorGroup(3, [0], [-1] * ms)
    with pytest.raises(EqsimError):
        SpikeGeneratorGroup(3, [0, 1], [1] * ms)  # lengths differ
    with pytest.raises(EqsimError):
        SpikeGeneratorGroup(3, [0], [2] * ms, period=2 * ms)  # period not after the last spike
    with pytest.raises(EqsimError):
        SpikeGeneratorGroup(3, [0], [2])  # times without unit


def test_a_spike_in_the_last_step_of_the_period_after_rounding_is_refused():
    """Brian2 2.9.0: ValueError "The period has to be greater than the maximum of the spike
    times", in time steps: 0.99999 ms falls into step 10 of a 1 ms period (10 steps) and
    would come with the next period's spike at 0 ms."""
    with pytest.raises(ValueError, match="falls into step 10") as info:
        SpikeGeneratorGroup(1, [0, 0], [0, 0.99999] * ms, period=1 * ms, dt=0.1 * ms)
    assert isinstance(info.value, EqsimError) and info.value.code == "EQ920"
    G = SpikeGeneratorGroup(1, [0, 0], [0, 0.95] * ms, period=1 * ms, dt=0.1 * ms)
    with pytest.raises(ValueError, match="falls into step 10"):
        G.set_spikes([0], [0.99999] * ms, period=1 * ms)
    assert list(G.spike_times / ms) == [0, 0.95]  # unchanged


def test_a_period_that_is_not_a_multiple_of_dt_is_refused_when_a_run_starts(target):
    """Brian2 2.9.0: NotImplementedError ("not an integer multiple of its dt") in a
    BrianObjectException, when the run starts."""
    G = SpikeGeneratorGroup(1, [], [] * ms, period=1.25 * ms, dt=0.1 * ms)
    net = Network(G)
    with pytest.raises(NotImplementedError, match="not a whole number of its time steps") as info:
        net.run(0 * ms)
    assert isinstance(info.value, BrianObjectException) and info.value.code == "EQ192"
    assert isinstance(info.value, SpikeGeneratorPeriodError)
    G.clock.dt = 0.125 * ms  # a dt that divides the period
    net.run(1 * ms)


def test_both_targets_emit_the_same_spikes_and_store_restore_replays():
    def simulate(target_name):
        prefs["codegen.target"] = target_name
        start_scope()
        rng = np.random.default_rng(0)
        steps = rng.choice(200, size=60, replace=False)
        G = SpikeGeneratorGroup(10, rng.integers(0, 10, 60), steps * 0.1 * ms, period=25 * ms,
                                name="SGG")
        M = SpikeMonitor(G, name="MSGG")
        net = Network(G, M)
        net.run(10 * ms)
        net.store()
        net.run(30 * ms)
        first = pairs(M)
        net.restore()
        net.run(30 * ms)
        return first, pairs(M)

    previous = prefs["codegen.target"]
    try:
        (np_first, np_again), (cy_first, cy_again) = simulate("numpy"), simulate("cython")
    finally:
        prefs["codegen.target"] = previous
    assert len(np_first) > 60
    assert np_first == cy_first
    # restoring rewinds the generator (and the monitor): the same spikes come again
    assert np_again == np_first and cy_again == cy_first
