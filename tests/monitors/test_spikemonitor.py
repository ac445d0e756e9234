"""SpikeMonitor, EventMonitor and PopulationRateMonitor on both targets."""
import numpy as np
import pytest

from eqsim import (EqsimError, EventMonitor, NeuronGroup, PopulationRateMonitor, SpikeMonitor,
                   StateMonitor, Hz, ms, run, second)
from eqsim.errors import NotRecordedError, SmoothRateError, UnknownEventError, UnknownWindowError
from eqsim.units import get_dimensions

# neuron k fires regularly with period PERIODS[k] steps (I is chosen so that the
# exact solution crosses 1 in that many steps), neuron 0 never
MODEL = """dv/dt = (I - v)/tau : 1
I : 1
tau : second (constant)"""
PERIOD_STEPS = [None, 7, 20, 45]


def input_for(steps, tau=10e-3, dt=1e-4):
    """I such that v = I(1 - exp(-t/tau)) crosses 1 between steps - 1 and steps."""
    return 1 / (1 - np.exp(-(steps - 0.5) * dt / tau))


def pacemakers():
    G = NeuronGroup(4, MODEL, threshold="v > 1", reset="v = 0", method="exact", name="P")
    G.I = [0] + [input_for(s) for s in PERIOD_STEPS[1:]]
    G.tau = 10 * ms
    return G


def expected_trains(duration_steps, first=0):
    trains = {}
    for k, steps in enumerate(PERIOD_STEPS[first:], start=first):
        times = [] if steps is None else [s * 1e-4 for s in range(steps - 1, duration_steps, steps)]
        trains[k - first] = np.array(times)
    return trains


def record_all():
    G = pacemakers()
    S = SpikeMonitor(G, variables="v", name="SP")
    sub = SpikeMonitor(G[2:4], name="SS")
    R = PopulationRateMonitor(G, name="RP")
    counter = SpikeMonitor(G, record=False, name="SC")
    R_sub = PopulationRateMonitor(G[2:4], name="RS")
    run(20 * ms)
    return G, S, sub, R, counter, R_sub


def test_spike_monitor_indices_times_and_counts(target):
    G, S, sub, R, counter, R_sub = record_all()
    trains = expected_trains(200)
    for k in range(4):
        np.testing.assert_allclose(np.asarray(S.spike_trains()[k]), trains[k], atol=1e-12)
    assert S.count.tolist() == [len(trains[k]) for k in range(4)]
    assert S.num_spikes == sum(len(t) for t in trains.values()) == len(S.i) == len(S.t)
    assert get_dimensions(S.t) == second.dim
    assert np.all(np.diff(np.asarray(S.t)) >= 0)  # in time order
    i, t = S.it
    np.testing.assert_array_equal(i, S.i)
    for k in range(4):  # values('t') is spike_trains(), as in Brian2
        np.testing.assert_array_equal(np.asarray(S.values("t")[k]),
                                      np.asarray(S.spike_trains()[k]))


def test_spike_monitor_records_variables_at_the_spike(target):
    G, S, sub, R, counter, R_sub = record_all()
    # recorded after the threshold and before the reset: the value that crossed
    assert len(S.v) == S.num_spikes
    assert np.all(S.v > 1)
    for k in (1, 2, 3):
        I = G.I[k]
        steps = PERIOD_STEPS[k]
        np.testing.assert_allclose(S.values("v")[k], I * (1 - np.exp(-steps * 1e-4 / 10e-3)),
                                   rtol=1e-12)


def test_spike_monitor_on_subgroup_uses_subgroup_indices(target):
    G, S, sub, R, counter, R_sub = record_all()
    trains = expected_trains(200, first=2)
    assert set(np.unique(sub.i)) == {0, 1}
    assert sub.count.tolist() == [len(trains[0]), len(trains[1])]
    for k in (0, 1):
        np.testing.assert_allclose(np.asarray(sub.spike_trains()[k]), trains[k], atol=1e-12)


def test_population_rate_is_spike_fraction_per_step(target):
    G, S, sub, R, counter, R_sub = record_all()
    assert len(R.t) == 200 and get_dimensions(R.rate) == Hz.dim
    steps = np.round(np.asarray(S.t) / 1e-4).astype(int)
    expected = np.bincount(steps, minlength=200) / 4 / 1e-4
    np.testing.assert_allclose(np.asarray(R.rate), expected, rtol=1e-12)


def test_population_rate_of_a_subgroup_counts_only_its_neurons(target):
    G, S, sub, R, counter, R_sub = record_all()
    steps = np.round(np.asarray(sub.t) / 1e-4).astype(int)
    expected = np.bincount(steps, minlength=200) / 2 / 1e-4
    np.testing.assert_allclose(np.asarray(R_sub.rate), expected, rtol=1e-12)


def test_smooth_rate_flat_averages_over_the_window(target):
    G, S, sub, R, counter, R_sub = record_all()
    smooth = np.asarray(R.smooth_rate("flat", width=2 * ms))  # 21 steps
    rate = np.asarray(R.rate)
    np.testing.assert_allclose(smooth[100], rate[90:111].mean(), rtol=1e-12)
    interior = [rate[k - 10:k + 11].mean() for k in range(10, 190)]
    np.testing.assert_allclose(smooth[10:190], interior, rtol=1e-12, atol=1e-9)


def test_smooth_rate_gaussian_is_brians_window_of_two_standard_deviations(target):
    G, S, sub, R, counter, R_sub = record_all()
    rate = np.asarray(R.rate)
    smooth = np.asarray(R.smooth_rate("gaussian", width=0.3 * ms))
    # Brian2's documented window: exp(-k**2 / (2 (width/dt)**2)), |k| <= round(2 width/dt)
    k = np.arange(-6, 7)
    weights = np.exp(-k ** 2 / (2 * 3.0 ** 2))
    np.testing.assert_allclose(smooth, np.convolve(rate, weights / weights.sum(), mode="same"),
                               rtol=1e-12, atol=1e-9)
    assert np.count_nonzero(rate) > 5
    # Brian2 2.9.0: TypeError for the arguments that do not fit, NotImplementedError for an
    # unknown window's name
    with pytest.raises(SmoothRateError) as missing_width:
        R.smooth_rate("flat")
    with pytest.raises(TypeError):
        R.smooth_rate(window=np.ones(5), width=1 * ms)
    with pytest.raises(TypeError):
        R.smooth_rate(window=np.ones(4))
    with pytest.raises(UnknownWindowError) as unknown:
        R.smooth_rate(window="unknown", width=1 * ms)
    assert isinstance(missing_width.value, TypeError) and missing_width.value.code == "EQ251"
    assert isinstance(unknown.value, NotImplementedError) and unknown.value.code == "EQ252"


def test_spike_monitor_without_record_counts_and_refuses_indices_and_times(target):
    G, S, sub, R, counter, R_sub = record_all()
    assert counter.count.tolist() == [len(t) for t in expected_trains(200).values()]
    assert counter.num_spikes == S.num_spikes
    assert len(counter) == counter.N == S.num_spikes  # Brian2's N counts every event
    for read in (lambda: counter.i, lambda: counter.t, lambda: counter.it,
                 lambda: counter.t_, lambda: counter.spike_trains()):
        with pytest.raises(NotRecordedError, match="record=False") as info:
            read()
        assert isinstance(info.value, AttributeError)  # as Brian2's


def test_monitors_without_record_still_record_their_variables_as_brian2(target):
    # Brian2 2.9.0: 11 spikes, len(sm.rate) == len(em.rate) == 11, rates 101 and 1001 Hz
    G = NeuronGroup(3, "dv/dt = rate : 1\nrate : Hz", threshold="v > 1", reset="v = 0",
                    events={"my_event": "v > 1"}, method="euler")
    G.rate = [101, 0, 1001] * Hz
    sm = SpikeMonitor(G, variables="rate", record=False)
    em = EventMonitor(G, "my_event", variables="rate", record=False)
    run(10 * ms)
    assert sm.num_spikes == len(sm) == 11 and em.num_events == 11
    assert sorted(np.asarray(sm.rate).tolist()) == [101.0] + [1001.0] * 10
    assert np.array_equal(np.asarray(em.rate), np.asarray(sm.rate))
    assert sm.count.tolist() == [1, 0, 10]
    with pytest.raises(NotRecordedError):
        em.i


def test_event_monitor_and_run_on_event_for_a_custom_event(target):
    G = NeuronGroup(3, """dv/dt = rate : 1
rate : Hz (constant)
n : integer""", events={"up": "v > 0.55"}, method="euler", name="E")
    G.rate = [0, 1000, 500] * Hz  # 0.1 and 0.05 per step
    G.run_on_event("up", "n += 1")
    E = EventMonitor(G, "up", variables="v", name="EM")
    run(2 * ms)
    # neuron 1 exceeds 0.55 from step 5 on, neuron 2 from step 11 (20 steps in all)
    assert E.count.tolist() == [0, 15, 9]
    assert G.n[:].tolist() == [0, 15, 9]
    np.testing.assert_allclose(np.asarray(E.event_trains()[1]), np.arange(5, 20) * 1e-4, atol=1e-12)
    assert np.all(E.v > 0.55)
    assert E.num_events == 24


def test_monitoring_an_unknown_event_or_group_without_spikes_raises():
    G = NeuronGroup(2, "v : 1", events={"up": "v > 1"}, name="X")
    # Brian2 2.9.0 raises ValueError for these; so does eqsim (UnknownEventError, EQ217)
    with pytest.raises(UnknownEventError, match="down"):
        EventMonitor(G, "down")
    with pytest.raises(ValueError):
        SpikeMonitor(G)
    with pytest.raises(ValueError):
        PopulationRateMonitor(G)
    with pytest.raises(ValueError, match="down"):
        G.run_on_event("down", "v = 0")


@pytest.mark.parametrize("monitor", [lambda G, **kw: SpikeMonitor(G, **kw),
                                     lambda G, **kw: EventMonitor(G, "spike", **kw)])
def test_an_order_without_when_is_refused_as_in_brian2(monitor):
    """Brian2 2.9.0: ValueError "Cannot specify order if when is not specified": without
    when= the monitor records in the slot where the events are found, right after them."""
    from eqsim.groups.event_schedule import MonitorOrderError
    G = NeuronGroup(2, "v : 1", threshold="v > 1")
    for order in (1, 0):
        with pytest.raises(ValueError, match="order= needs its when=") as info:
            monitor(G, order=order)
        assert isinstance(info.value, MonitorOrderError) and info.value.code == "EQ218"
    M = monitor(G, when="end")
    assert (M.when, M.order) == ("end", 0)


def test_by_default_a_monitor_records_after_the_threshold_of_a_group_of_any_order(target):
    """Brian2's default: the threshold's slot and order + 1 (eqsim had order 1, so a group
    of a higher order was recorded a step late: its first spikes were lost)."""
    from eqsim import PoissonGroup, SpikeGeneratorGroup
    G = NeuronGroup(2, "v : 1", threshold="i == 0 or t > 0.25*ms", order=5)
    M, M_sub = SpikeMonitor(G), SpikeMonitor(G[1:])
    P = PoissonGroup(2, 0 * Hz, order=3)
    SG = SpikeGeneratorGroup(1, [0], [0] * ms, order=4)
    M_P, M_SG = SpikeMonitor(P), SpikeMonitor(SG)
    run(0.4 * ms)
    assert [(m.when, m.order) for m in (M, M_sub, M_P, M_SG)] == \
        [("thresholds", 6), ("thresholds", 7), ("thresholds", 4), ("thresholds", 5)]
    assert list(np.round(M.t / (0.1 * ms))) == [0, 1, 2, 3, 3]
    assert list(M.i) == [0, 0, 0, 0, 1]
    assert list(np.round(M_sub.t / (0.1 * ms))) == [3] and list(M_SG.i) == [0]
