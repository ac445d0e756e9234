"""Refractoriness kept from spike to spike on the C target (eqsim/codegen/refractory_release.py,
eqsim/runtime/eqsim_refractory.h): the same flags, spikes and values as Brian2's formula,
which the NumPy target evaluates for every neuron at every step."""
import numpy as np
import pytest

from eqsim import (Network, NeuronGroup, PoissonGroup, SpikeMonitor, StateMonitor, Synapses,
                   defaultclock, ms, mV, network_operation, prefs, second, seed)

LISTS = "eqsim_refractory_record"

LIF = """
dv/dt = (v_drive - v)/(10*ms) : volt (unless refractory)
v_drive : volt
"""


def _source(group, *others):
    net = Network(group, *others)
    net.run(0.5 * ms)
    return net._module.source


def _driven(n, refractory, drive, **kwargs):
    """``n`` LIF neurons driven towards ``drive`` (volt, a string of ``i``), reset to -60 mV
    at -50 mV, with ``refractory``."""
    group = NeuronGroup(n, LIF, threshold="v > -50*mV", reset="v = -60*mV",
                        refractory=refractory, **kwargs)
    group.v_drive = drive
    return group


@pytest.fixture
def cython():
    previous = prefs["codegen.target"]
    prefs["codegen.target"] = "cython"
    yield
    prefs["codegen.target"] = previous


@pytest.mark.parametrize("refractory", [2 * ms, "2*ms"])
def test_a_period_given_as_a_time_is_kept_from_spike_to_spike(cython, refractory):
    group = NeuronGroup(3, LIF, threshold="v > -50*mV", reset="v = -60*mV",
                        refractory=refractory)
    assert LISTS in _source(group)


@pytest.mark.parametrize("refractory", ["ref", "v > -55*mV", "2*ms + ref*0", "0*ms"])
def test_periods_per_neuron_conditions_or_none_keep_brian2_s_formula(cython, refractory):
    group = NeuronGroup(3, LIF + "ref : second", threshold="v > -50*mV", reset="v = -60*mV",
                        refractory=refractory)
    group.ref = 2 * ms
    assert LISTS not in _source(group)


def test_the_legacy_float_comparison_keeps_brian2_s_formula(cython):
    prefs["legacy.refractory_timing"] = True
    try:
        group = NeuronGroup(3, LIF, threshold="v > -50*mV", reset="v = -60*mV",
                            refractory=2 * ms)
        assert LISTS not in _source(group)
    finally:
        prefs["legacy.refractory_timing"] = False


@pytest.mark.parametrize("reset", ["v = -60*mV; lastspike = lastspike - 1*ms",
                                   "v = -60*mV; not_refractory = 1"])
def test_a_reset_that_writes_lastspike_or_the_flag_keeps_brian2_s_formula(cython, reset):
    group = NeuronGroup(3, LIF, threshold="v > -50*mV", reset=reset, refractory=2 * ms)
    assert LISTS not in _source(group)


def test_a_synapse_that_writes_the_flag_keeps_brian2_s_formula(cython):
    group = NeuronGroup(3, LIF, threshold="v > -50*mV", reset="v = -60*mV", refractory=2 * ms)
    synapses = Synapses(group, group, on_pre="not_refractory_post = 0")
    synapses.connect()
    assert LISTS not in _source(group, synapses)


@pytest.mark.parametrize("steps", [1, 3, 20])
def test_a_driven_neuron_spikes_every_period_exactly(target, steps):
    # v jumps past the threshold in the step its refractoriness ends (Brian2: refractory
    # for timestep(period) steps after the step of the spike, so the interval is the period)
    defaultclock.dt = 0.1 * ms
    group = NeuronGroup(2, "dv/dt = 1000/ms : 1 (unless refractory)", threshold="v > 1",
                        reset="v = 0", refractory=steps * 0.1 * ms)
    spikes = SpikeMonitor(group)
    Network(group, spikes).run(10 * ms)
    expected = np.arange(0, 100, steps) * 0.1e-3
    for k in range(2):
        np.testing.assert_allclose(spikes.spike_trains()[k] / second, expected, rtol=0,
                                   atol=1e-12)


def _driven_network(refractory, threads):
    """Neurons between silent and bursting, with Poisson input through synapses and every
    value the flags touch recorded."""
    prefs["codegen.cython.num_threads"] = threads
    seed(11)
    defaultclock.dt = 0.1 * ms
    group = _driven(300, refractory, "-58*mV + 14*mV*i/300", method="exact")
    group.v = "-60*mV + 10*mV*rand()"
    noise = PoissonGroup(50, 200 * (1 / second))
    synapses = Synapses(noise, group, on_pre="v_post += 1.5*mV")
    synapses.connect(p=0.2)
    spikes = SpikeMonitor(group)
    states = StateMonitor(group, ["v", "not_refractory", "lastspike"],
                          record=[0, 100, 150, 200, 299])
    return group, [group, noise, synapses, spikes, states], spikes, states


def _three_runs(refractory, threads=1, operation=False):
    group, objects, spikes, states = _driven_network(refractory, threads)
    if operation:
        @network_operation(dt=1.3 * ms)
        def push_back(t):
            # Python writes lastspike and the flag mid-run: the library starts over
            group.lastspike[5:60:7] = t - 0.05 * ms
            group.not_refractory[5:60:7] = False
        objects.append(push_back)
    net = Network(*objects)
    try:
        net.run(15 * ms)
        # between runs: some neurons refractory until later, one far in the future
        group.lastspike[200:210] = net.t + 1 * ms
        group.not_refractory[200:210] = False
        group.lastspike[211] = 5 * second
        group.not_refractory[211] = False
        net.run(10 * ms)
        defaultclock.dt = 0.05 * ms  # a new number of steps per period
        net.run(5 * ms)
    finally:
        prefs["codegen.cython.num_threads"] = 1
        defaultclock.dt = 0.1 * ms
    return dict(i=np.asarray(spikes.i), t=np.asarray(spikes.t / second),
                v=np.asarray(states.v / mV), nr=np.asarray(states.not_refractory),
                last=np.asarray(states.lastspike / second),
                final_nr=np.asarray(group.not_refractory[:]),
                final_v=np.asarray(group.v[:] / mV))


def _recorded(spikes, states):
    """Spike indices and times, and the recorded not_refractory flags."""
    return dict(i=np.asarray(spikes.i), t=np.asarray(spikes.t / second),
                nr=np.asarray(states.not_refractory))


def _same(a, b, exact=True):
    """The same spikes, flags and lastspike; the same voltages (to the last bit on one
    target, to rounding between NumPy's and C's arithmetic)."""
    assert a.keys() == b.keys()
    for key in a:
        if exact or key not in ("v", "final_v"):
            np.testing.assert_array_equal(a[key], b[key], err_msg=key)
        else:
            np.testing.assert_allclose(a[key], b[key], rtol=1e-12, atol=0, err_msg=key)


@pytest.mark.parametrize("refractory", [0.1 * ms, 2 * ms, 2.55 * ms, 0 * ms, 200 * second])
def test_the_lists_give_the_formula_s_flags_spikes_and_values_on_both_targets(
        both_targets, refractory):
    numpy_result, cython_result = both_targets(lambda _: _three_runs(refractory))
    assert len(numpy_result["i"]) > 100
    _same(numpy_result, cython_result, exact=False)


def test_a_network_with_network_operations_keeps_the_formula(cython):
    group = NeuronGroup(3, LIF, threshold="v > -50*mV", reset="v = -60*mV", refractory=2 * ms)

    @network_operation(dt=1 * ms)
    def nothing():
        pass
    assert LISTS not in _source(group, nothing)


def test_a_network_operation_writing_lastspike_mid_run_gives_the_formula_s_results(
        both_targets):
    numpy_result, cython_result = both_targets(lambda _: _three_runs(2 * ms, operation=True))
    _same(numpy_result, cython_result, exact=False)


def test_a_new_network_whose_time_is_behind_lastspike_gives_the_formula_s_results(
        both_targets):
    # a second network starts at t = 0 with the group's lastspike from the first one's
    # time: every neuron that spiked stays refractory until t passes it (Brian2's formula),
    # far more pending neurons than the lists are for
    def simulate(_):
        seed(4)
        group = _driven(200, 1 * ms, "-45*mV + 30*mV*i/200")
        Network(group).run(30 * ms)
        spikes = SpikeMonitor(group)
        states = StateMonitor(group, "not_refractory", record=[0, 199])
        Network(group, spikes, states).run(40 * ms)
        return _recorded(spikes, states)
    numpy_result, cython_result = both_targets(simulate)
    first = numpy_result["t"].min()
    assert first > 0.018 and len(numpy_result["i"]) > 100  # nothing spikes at t = 0
    _same(numpy_result, cython_result)


def test_a_team_of_two_gives_one_thread_s_results(cython):
    one = _three_runs(2 * ms, threads=1)
    two = _three_runs(2 * ms, threads=2)
    _same(one, two)


def test_a_period_from_the_namespace_changed_between_runs_gives_the_formula_s_results(
        both_targets):
    def simulate(_):
        seed(5)
        namespace = {"tau_ref": 2 * ms}
        group = _driven(200, "tau_ref + 0.5*ms", "-45*mV + 30*mV*i/200", namespace=namespace)
        group.v = "-60*mV + 10*mV*rand()"
        spikes = SpikeMonitor(group)
        states = StateMonitor(group, "not_refractory", record=[150, 199])
        net = Network(group, spikes, states)
        net.run(30 * ms)
        namespace["tau_ref"] = 4.2 * ms
        net.run(30 * ms)
        return _recorded(spikes, states)
    numpy_result, cython_result = both_targets(simulate)
    _same(numpy_result, cython_result)
    # with a constant drive and no input, a neuron's intervals are its period plus the same
    # rise from the reset: 22 steps longer in the second run
    for k in (150, 199):
        times = cython_result["t"][cython_result["i"] == k]
        early, late = np.diff(times[times < 0.03]), np.diff(times[times > 0.0305])
        assert len(early) > 2 and len(late) > 1
        np.testing.assert_allclose(late, early[-1] + 2.2e-3, rtol=0, atol=1e-9)
        np.testing.assert_allclose(early, early[-1], rtol=0, atol=1e-9)


def test_a_state_update_not_fused_with_its_threshold_reads_the_threshold_s_events(
        both_targets):
    # code that runs between the state update and the threshold keeps them apart (it is
    # fused with the threshold itself, codegen/fusion.py): the state update's kernel then
    # takes the events of another kernel
    def simulate(target):
        seed(3)
        group = _driven(100, 1.5 * ms, "-48*mV + 20*mV*i/100")
        group.v = "-60*mV + 10*mV*rand()"
        group.run_regularly("v += 0.1*mV*(i % 3)", when="thresholds", order=-1)
        spikes = SpikeMonitor(group)
        states = StateMonitor(group, "not_refractory", record=[10, 99])
        net = Network(group, spikes, states)
        net.run(20 * ms)
        if target == "cython":
            source = net._module.source
            kernel_comment = source[:source.index(LISTS)].rsplit("/* stateupdate", 1)[1]
            assert kernel_comment.startswith(": fixed blocks")
        return _recorded(spikes, states)
    numpy_result, cython_result = both_targets(simulate)
    assert len(numpy_result["i"]) > 100
    _same(numpy_result, cython_result)


def test_two_groups_keep_their_own_lists(both_targets):
    def simulate(_):
        seed(8)
        fast = NeuronGroup(1, "dv/dt = 1000/ms : 1 (unless refractory)", threshold="v > 1",
                           reset="v = 0", refractory=0.3 * ms)
        slow = _driven(50, 3 * ms, "-47*mV + 10*mV*i/50")
        slow.v = "-60*mV + 10*mV*rand()"
        link = Synapses(fast, slow, on_pre="v_post += 0.5*mV")
        link.connect()
        monitors = [SpikeMonitor(fast), SpikeMonitor(slow)]
        Network(fast, slow, link, *monitors).run(15 * ms)
        return {f"{name}_{k}": np.asarray(getattr(m, name) / (second if name == "t" else 1))
                for k, m in enumerate(monitors) for name in ("i", "t")}
    numpy_result, cython_result = both_targets(simulate)
    assert len(numpy_result["t_0"]) == 50 and len(numpy_result["t_1"]) > 50
    _same(numpy_result, cython_result)


def test_a_run_after_restore_repeats_the_run_after_store(both_targets):
    # restore() gives lastspike and the flags back: the next run starts its lists over
    def simulate(_):
        group = _driven(100, 2.5 * ms, "-48*mV + 20*mV*i/100")
        group.v = "-60*mV + 10*mV*i/100"
        spikes = SpikeMonitor(group, record=True)
        net = Network(group, spikes)
        net.run(7.3 * ms)
        net.store()
        start = spikes.num_spikes
        net.run(10 * ms)
        after_store = (np.asarray(spikes.i[start:]), np.asarray(spikes.t[start:] / second))
        net.restore()
        start = spikes.num_spikes
        net.run(10 * ms)
        after_restore = (np.asarray(spikes.i[start:]), np.asarray(spikes.t[start:] / second))
        return after_store, after_restore
    results = both_targets(simulate)
    for after_store, after_restore in results:
        assert len(after_store[0]) > 50
        np.testing.assert_array_equal(after_store[0], after_restore[0])
        np.testing.assert_array_equal(after_store[1], after_restore[1])
    (numpy_store, _), (cython_store, _) = results
    np.testing.assert_array_equal(numpy_store[0], cython_store[0])
    np.testing.assert_array_equal(numpy_store[1], cython_store[1])


def test_synapses_onto_a_subgroup_and_monitors_of_subgroups_see_the_lists_flags(both_targets):
    # pathways onto a subgroup skip its refractory neurons by the flag the lists keep
    def simulate(target):
        seed(6)
        group = _driven(120, 2 * ms, "-52*mV + 6*mV*i/120")
        group.v = "-60*mV + 10*mV*rand()"
        noise = PoissonGroup(20, 300 * (1 / second))
        onto = Synapses(noise, group[40:100], on_pre="v_post += 2*mV")
        onto.connect(p=0.3)
        spikes = SpikeMonitor(group[30:90])
        states = StateMonitor(group[40:100], "not_refractory", record=[0, 30, 59])
        net = Network(group, noise, onto, spikes, states)
        net.run(30 * ms)
        assert target == "numpy" or LISTS in net._module.source
        return _recorded(spikes, states)
    numpy_result, cython_result = both_targets(simulate)
    assert len(numpy_result["i"]) > 30 and not numpy_result["nr"].all()
    _same(numpy_result, cython_result)
