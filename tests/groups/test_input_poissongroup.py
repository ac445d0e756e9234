"""PoissonGroup on both targets: rates, the per-step Bernoulli rule, string and
time-dependent rates, determinism across targets, monitors."""
import numpy as np
import pytest

from eqsim import (DimensionMismatchError, EqsimError, Hz, PoissonGroup, SpikeMonitor,
                   StateMonitor, TimedArray, ms, mV, run, second, seed, start_scope)

DT = 1e-4


def test_mean_rate_of_a_constant_rate_group_is_within_five_sigma(target):
    seed(11)
    P = PoissonGroup(400, rates=25 * Hz)
    M = SpikeMonitor(P)
    run(400 * ms)
    expected = 400 * 25 * 0.4
    assert abs(M.num_spikes - expected) < 5 * np.sqrt(expected)
    assert set(np.unique(M.i)) <= set(range(400))


@pytest.mark.parametrize("rates", [1000 * Hz, "1000*Hz"], ids=["gap-sampling", "per-step"])
def test_spikes_are_bernoulli_per_step_so_intervals_are_geometric(target, rates):
    # p = rate*dt = 0.1 per step: P(interval = k steps) = 0.9**(k-1) * 0.1. Constant
    # rates sample the gaps directly, expressions draw every step: same process.
    seed(5)
    P = PoissonGroup(50, rates=rates)
    M = SpikeMonitor(P)
    run(200 * ms)
    steps = np.round(np.asarray(M.t) / DT).astype(int)
    intervals = np.concatenate([np.diff(steps[M.i == k]) for k in range(50)])
    assert intervals.min() >= 1  # never two spikes of one neuron in one step
    n = intervals.size
    for k in (1, 2, 5, 10):
        p_k = 0.9 ** (k - 1) * 0.1
        observed = np.mean(intervals == k)
        assert abs(observed - p_k) < 5 * np.sqrt(p_k * (1 - p_k) / n), k
    assert abs(intervals.mean() - 10) < 5 * np.sqrt(90 / n)  # geometric: var = (1-p)/p**2


def test_string_rates_depend_on_the_neuron_index(target):
    seed(3)
    P = PoissonGroup(100, rates="i*10*Hz")
    M = SpikeMonitor(P)
    run(200 * ms)
    counts = M.count
    assert counts[0] == 0  # rate 0 never spikes
    expected = np.arange(100) * 10 * 0.2
    assert abs(counts.sum() - expected.sum()) < 5 * np.sqrt(expected.sum())
    assert counts[50:].sum() > 2 * counts[:50].sum()  # mean 1490 vs 490


def test_rates_from_a_timed_array_switch_on_at_the_given_time(target):
    seed(8)
    stim = TimedArray([0, 500] * Hz, dt=50 * ms)
    P = PoissonGroup(20, rates="stim(t)")
    M = SpikeMonitor(P)
    run(100 * ms)
    t = np.asarray(M.t)
    assert t.size > 0 and t.min() >= 0.05 - 1e-12
    assert abs(t.size - 20 * 500 * 0.05) < 5 * np.sqrt(20 * 500 * 0.05)


def test_rates_array_per_neuron_and_reassignment_between_runs(target):
    seed(2)
    P = PoissonGroup(3, rates=[0, 0, 2000] * Hz)
    M = SpikeMonitor(P)
    run(10 * ms)
    assert set(M.i) == {2}
    P.rates = [2000, 0, 0] * Hz
    first = M.num_spikes
    run(10 * ms)
    assert set(M.i[first:]) == {0}
    np.testing.assert_allclose(np.asarray(P.rates), [2000, 0, 0])


def test_seeded_poisson_spikes_are_identical_on_numpy_and_cython(both_targets):
    def simulate(target_name):
        start_scope()
        seed(42)
        P = PoissonGroup(30, rates="50*Hz + i*5*Hz", name="PG")
        Q = PoissonGroup(10, rates=np.arange(10) * 30 * Hz, name="PQ")
        M, N = SpikeMonitor(P, name="MPG"), SpikeMonitor(Q, name="MPQ")
        run(30 * ms)
        Q.rates = 500 * Hz  # new rates: the next spikes are drawn again
        run(20 * ms)
        return M.i.copy(), np.asarray(M.t).copy(), N.i.copy(), np.asarray(N.t).copy()

    a, b = both_targets(simulate)
    assert a[0].size > 50
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)


def test_monitors_on_a_subgroup_and_on_rates(target):
    seed(1)
    P = PoissonGroup(20, rates="(i + 1)*100*Hz")
    sub = SpikeMonitor(P[10:20])
    full = SpikeMonitor(P)
    rates = StateMonitor(P, "rates", record=[0, 19])
    run(5 * ms)
    in_range = (full.i >= 10)
    np.testing.assert_array_equal(sub.i, full.i[in_range] - 10)
    np.testing.assert_allclose(np.asarray(rates.rates[:, 0]), [100, 2000])


def test_rates_with_the_wrong_dimension_are_errors():
    with pytest.raises(DimensionMismatchError):
        PoissonGroup(5, rates=10 * mV)
    P = PoissonGroup(5, rates="10*mV")
    with pytest.raises(DimensionMismatchError) as info:
        run(1 * ms)
    assert "rate" in str(info.value)
    start_scope()
    with pytest.raises(EqsimError):
        PoissonGroup(5, rates=[1, 2] * Hz)
    with pytest.raises(EqsimError):
        PoissonGroup(0, rates=1 * Hz)


def test_constant_rate_spikes_continue_across_runs_and_replay_after_restore(target):
    """restore(restore_random_state=True) replays the spikes; a plain restore() draws new
    ones, as Brian2's generator goes on."""
    from eqsim import Network
    seed(9)
    P = PoissonGroup(20, rates=300 * Hz)
    M = SpikeMonitor(P)
    net = Network(P, M)
    net.run(10 * ms)
    net.store()
    net.run(20 * ms)
    first = (M.i.copy(), np.asarray(M.t).copy())
    net.restore(restore_random_state=True)
    net.run(20 * ms)
    np.testing.assert_array_equal(M.i, first[0])
    np.testing.assert_array_equal(np.asarray(M.t), first[1])
    assert abs(first[0].size - 20 * 300 * 0.03) < 5 * np.sqrt(20 * 300 * 0.03)
    net.restore()
    net.run(20 * ms)
    assert not np.array_equal(np.asarray(M.t), first[1])
