"""Consecutive threaded kernels that touch disjoint arrays (pathways; state updates fused
with their thresholds) share one fork of the thread team (codegen/fusion.py
defer_team_parts, thread_team.c.j2): their parts run in turn on each thread at the step
loop's next flush, then each update's event list and event statements. Whatever shares a
fork, and whatever reads its work next (a network operation, a pathway), the results are
those of one thread."""
import re

import numpy as np
import pytest

from eqsim import (Hz, Network, NeuronGroup, PoissonInput, SpikeMonitor, Synapses,
                   linked_var, ms, network_operation, prefs, seed)
import eqsim.codegen.compiler as compiler
from eqsim.codegen.fusion import defer_team_parts


def _step_loop_calls(source):
    """(kernel called, whether the step loop flushes the deferred parts just before it)"""
    loop = source[source.index("EQSIM_EXPORT int eqsim_run(void)"):]
    lines = [line.strip() for line in loop.splitlines()]
    calls = []
    for k, line in enumerate(lines):
        found = re.match(r"if \(_clock_active\[\d+\]\) (_kernel_\w+)\(", line)
        if found:
            calls.append((found.group(1), lines[k - 1].startswith("eqsim_team_flush();")))
    return calls


def _network(on_pre_inh, sums, inh_targets=slice(None)):
    """600 neurons (three blocks: both threads have targets), an excitatory and an
    inhibitory pathway, and a network operation after them that records the sum of the
    variables they add to (it must see both pathways' work of the step)."""
    seed(21)
    group = NeuronGroup(600, """dv/dt = (ge + gi + 1.1 - v)/(10*ms) : 1
                                dge/dt = -ge/(5*ms) : 1
                                dgi/dt = -gi/(10*ms) : 1""",
                        threshold="v > 1", reset="v = 0", method="exact", name="defer_group")
    group.v = "rand()"
    exc = Synapses(group[:480], group, on_pre="ge_post += 0.02", name="defer_exc")
    exc.connect(p=0.1)
    inh = Synapses(group[480:], group[inh_targets], on_pre=on_pre_inh, name="defer_inh")
    inh.connect(p=0.1)

    @network_operation(when="synapses", order=5)
    def record():
        sums.append(float(np.sum(group.ge_) + 2 * np.sum(group.gi_)))
    spikes = SpikeMonitor(group, name="defer_spikes")
    return Network(group, exc, inh, record, spikes), group, spikes


def _simulate(run_switching, on_pre_inh, threads, alternate=None, inh_targets=slice(None)):
    prefs["codegen.cython.num_threads"] = threads
    sums = []
    net, group, spikes = _network(on_pre_inh, sums, inh_targets)
    run_switching(net, 25 * ms, alternate)
    return (spikes.i[:].copy(), spikes.t_[:].copy(), group.v_[:].copy(), np.array(sums),
            net._module.source)


@pytest.mark.parametrize("alternate", [1, 1_000_000])
def test_pathways_onto_other_variables_share_a_fork_and_give_what_one_thread_gives(
        two_threads, run_switching, alternate):
    one = _simulate(run_switching, "gi_post -= 0.03", threads=1)
    team = _simulate(run_switching, "gi_post -= 0.03", threads=2, alternate=alternate)
    assert one[0].size > 300
    for a, b in zip(one[:4], team[:4]):
        np.testing.assert_array_equal(a, b)
    assert "eqsim_team_defer_parts(_kernel" in team[4]  # a kernel defers its part
    joined = [name for name, flushed in _step_loop_calls(team[4]) if not flushed]
    assert len(joined) == 1  # the inhibitory pathway joins the excitatory one's fork


def test_pathways_onto_one_variable_of_the_same_targets_share_a_fork_as_one_thread(
        two_threads, run_switching):
    """brunel's excitatory and inhibitory pathways both add to v: each thread's share of
    the targets is the same in both, so each target sees the excitatory events, then the
    inhibitory ones, on one thread, as on one thread."""
    one = _simulate(run_switching, "ge_post -= 0.03", threads=1)
    team = _simulate(run_switching, "ge_post -= 0.03", threads=2, alternate=1_000_000)
    assert one[0].size > 300
    for a, b in zip(one[:4], team[:4]):
        np.testing.assert_array_equal(a, b)
    joined = [name for name, flushed in _step_loop_calls(team[4]) if not flushed]
    assert len(joined) == 1


@pytest.mark.parametrize("on_pre_inh, inh_targets", [
    ("ge_post -= 0.03", slice(None, 300)),  # shares of other targets: [0, 256, 300)
    ("ge_post -= 0.03", slice(100, None)),  # the same shares of targets, other elements
    ("ge_post -= 0.03*ge_pre", slice(None)),  # ge read at the source, on any thread
], ids=["fewer targets", "offset targets", "read at the source"])
def test_pathways_onto_one_variable_split_otherwise_each_fork_in_order(
        two_threads, run_switching, on_pre_inh, inh_targets):
    one = _simulate(run_switching, on_pre_inh, threads=1, inh_targets=inh_targets)
    team = _simulate(run_switching, on_pre_inh, threads=2, alternate=1_000_000,
                     inh_targets=inh_targets)
    assert one[0].size > 300
    for a, b in zip(one[:4], team[:4]):
        np.testing.assert_array_equal(a, b)
    assert "eqsim_team_defer_parts(_kernel" in team[4]
    assert all(flushed for _, flushed in _step_loop_calls(team[4]))  # each forks alone


def _brunel_like(run_switching, threads, inputs, alternate=None, size=600):
    """Two pathways and a PoissonInput all adding to v (Brunel 2000's network, small):
    ``inputs`` of 100 at 10 % a step (10 on average; an element beyond the 16 counted CDF
    entries every step or so, drawn by the thread whose block it is in) or of 600 (60 on
    average: more than one chunk of trials, no team part). ``size`` neurons: 600 are 3
    element blocks (3 parts, kinds.target_parts), 3000 are 12 (8 parts)."""
    prefs["codegen.cython.num_threads"] = threads
    seed(8)
    group = NeuronGroup(size, "dv/dt = -v/(20*ms) : 1 (unless refractory)", threshold="v > 1",
                        reset="v = 0", refractory=2 * ms, method="exact", name="bl_group")
    n_exc = size * 4 // 5
    exc = Synapses(group[:n_exc], group, on_pre="v_post += 0.02", name="bl_exc")
    exc.connect(p=0.1 * 600 / size)
    # multiplied, not added: in any other order than the serial one, v would differ
    inh = Synapses(group[n_exc:], group, on_pre="v_post *= 0.9", name="bl_inh")
    inh.connect(p=0.1 * 600 / size)
    drive = PoissonInput(group, "v", N=inputs, rate=1000 * Hz, weight=0.002)
    spikes = SpikeMonitor(group, name="bl_spikes")
    net = Network(group, exc, inh, drive, spikes)
    run_switching(net, 20 * ms, alternate)
    return spikes.i[:].copy(), spikes.t_[:].copy(), group.v_[:].copy(), net._module.source


@pytest.mark.parametrize("inputs, size", [(100, 600), (600, 600), (100, 3000)])
def test_pathways_and_a_poisson_input_onto_one_variable_share_a_fork_as_one_thread(
        two_threads, run_switching, inputs, size):
    """The threads claim the targets' parts as they get to them; each part has every
    kernel's work of the step in the serial order, on one thread."""
    one = _brunel_like(run_switching, 1, inputs, size=size)
    team = _brunel_like(run_switching, 2, inputs, alternate=1_000_000, size=size)
    assert one[0].size > 300
    parts = {600: 3, 3000: 8}[size]
    assert re.search(rf"eqsim_team_defer_parts\(_kernel_\w+_team, {parts}, ", team[3])
    for a, b in zip(one[:3], team[:3]):
        np.testing.assert_array_equal(a, b)
    joined = [name for name, flushed in _step_loop_calls(team[3]) if not flushed]
    # the inhibitory pathway, the PoissonInput and the reset (each thread resets the
    # events among its own elements, after their inputs) join
    assert len(joined) == 3


def _subgroup_targets(run_switching, threads, alternate=None):
    """Pathways onto a subgroup that starts mid-block (targets 250 to 3,199 of 3,200:
    12 blocks of the subgroup's own indices, 8 tapered parts), one with a shared synaptic
    variable in its statement, into refractory neurons."""
    prefs["codegen.cython.num_threads"] = threads
    seed(13)
    group = NeuronGroup(3200, "dv/dt = (1.05 - v)/(20*ms) : 1 (unless refractory)",
                        threshold="v > 1", reset="v = 0", refractory=3 * ms, method="exact",
                        name="sub_group")
    group.v = "rand()"
    exc = Synapses(group[:2560], group[250:], "c : 1 (shared)", on_pre="v_post += c",
                   name="sub_exc")
    exc.connect(p=0.05)
    exc.c = 0.01
    inh = Synapses(group[2560:], group[250:], on_pre="v_post *= 0.95", name="sub_inh")
    inh.connect(p=0.05)
    spikes = SpikeMonitor(group, name="sub_spikes")
    net = Network(group, exc, inh, spikes)
    run_switching(net, 20 * ms, alternate)
    return spikes.i[:].copy(), spikes.t_[:].copy(), group.v_[:].copy(), net._module.source


def test_tapered_parts_of_a_subgroup_target_give_what_one_thread_gives(two_threads,
                                                                       run_switching):
    one = _subgroup_targets(run_switching, 1)
    team = _subgroup_targets(run_switching, 2, alternate=1_000_000)
    assert one[0].size > 300
    assert re.search(r"eqsim_team_defer_parts\(_kernel_\w+_team, 8, ", team[3])
    for a, b in zip(one[:3], team[:3]):
        np.testing.assert_array_equal(a, b)


def test_a_profiled_run_on_the_team_times_each_pathway_where_it_runs(two_threads):
    """profile=True times each kernel where it runs: nothing is deferred to a later
    kernel's slot (and the build needs no deferral marks)."""
    sums = []
    net, _, _ = _network("gi_post -= 0.03", sums)
    net.run(5 * ms, profile=True)
    assert "eqsim_team_defer_parts(_kernel" not in net._module.source
    names = [name for name, _ in net.profiling_info]
    assert "defer_exc_pre" in names and "defer_inh_pre" in names


def _two_populations(link_drive):
    """Two groups of 2,600 neurons (the team's size: more than THREAD_MIN_ELEMENTS) with
    refractoriness (each update's event statements set lastspike and not_refractory after
    the team's part) and a shared subexpression (scalar code before the part), coupled by
    two pathways. ``link_drive``: the second group's update reads the first group's v
    through a linked variable (it must then not share the first update's fork)."""
    seed(5)
    first = NeuronGroup(2600, """dv/dt = (1.2 + ge - v)/(10*ms) + a/(100*ms) : 1 (unless refractory)
                                 dge/dt = -ge/(5*ms) : 1
                                 a = 0.1*sin(t/(7*ms)) : 1 (shared)""",
                        threshold="v > 1", reset="v = 0", refractory=2 * ms, method="euler",
                        name="su_first")
    drive = " + 0.01*vd/ms" if link_drive else ""
    second = NeuronGroup(2600, f"""dv/dt = (1.1 + gi - v)/(8*ms){drive} : 1 (unless refractory)
                                  dgi/dt = -gi/(5*ms) : 1
                                  {"vd : 1 (linked)" if link_drive else ""}""",
                         threshold="v > 1", reset="v = 0", refractory=3 * ms, method="euler",
                         name="su_second")
    if link_drive:
        second.vd = linked_var(first, "v")
    first.v, second.v = "rand()", "rand()"
    forward = Synapses(first, second, on_pre="gi_post += 0.05", name="su_forward")
    forward.connect(p=0.01)
    back = Synapses(second, first, on_pre="ge_post += 0.05", name="su_back")
    back.connect(p=0.01)
    monitors = (SpikeMonitor(first, name="su_spikes_first"),
                SpikeMonitor(second, name="su_spikes_second"))
    return Network(first, second, forward, back, *monitors), (first, second), monitors


def _simulate_populations(run_switching, threads, alternate=None, **options):
    prefs["codegen.cython.num_threads"] = threads
    net, groups, monitors = _two_populations(**options)
    run_switching(net, 20 * ms, alternate)
    values = [m.i[:].copy() for m in monitors] + [m.t_[:].copy() for m in monitors]
    values += [g.v_[:].copy() for g in groups] + [g.lastspike_[:].copy() for g in groups]
    values += [np.asarray(g.not_refractory[:]).copy() for g in groups]
    return values, net._module.source


def _update_kernels(source):
    """The step loop's calls of fused state update and threshold kernels, with whether the
    loop flushes the deferred parts just before each"""
    fused = {name for name in re.findall(r"static void (_kernel_\w+)_after\(", source)}
    return [(name, flushed) for name, flushed in _step_loop_calls(source) if name in fused]


@pytest.mark.parametrize("alternate", [1, 1_000_000])
def test_updates_of_two_groups_share_a_fork_and_give_what_one_thread_gives(
        two_threads, run_switching, alternate):
    one, _ = _simulate_populations(run_switching, 1, link_drive=False)
    team, source = _simulate_populations(run_switching, 2, alternate, link_drive=False)
    assert one[0].size > 200 and one[1].size > 200
    for a, b in zip(one, team):
        np.testing.assert_array_equal(a, b)
    assert "eqsim_team_defer_then(_kernel" in source  # an update defers its part
    assert [flushed for _, flushed in _update_kernels(source)] == [True, False]


def test_an_update_that_reads_the_other_groups_variables_forks_alone(two_threads, run_switching):
    one, _ = _simulate_populations(run_switching, 1, link_drive=True)
    team, source = _simulate_populations(run_switching, 2, 1_000_000, link_drive=True)
    for a, b in zip(one, team):
        np.testing.assert_array_equal(a, b)
    calls = _step_loop_calls(source)
    (first, _), = _update_kernels(source)  # the linked update is not fused: it defers nothing
    after_first = calls[[name for name, _ in calls].index(first) + 1]
    assert after_first[1]  # the kernel after the first update waits for its part


def test_updates_that_name_an_array_of_each_other_do_not_join():
    """The rule itself (fusion.defer_team_parts), on two fused update contexts: disjoint
    names join, one shared name (here a linked array) keeps them apart, as does a clock."""
    def fused(name, uses):
        return ([], "stateupdate_threshold", dict(
            name=name, state_update=dict(uses=set(uses), in_order=False),
            threshold=dict(uses={name + "_flags"})))

    for uses_b, clock_b, joins in ((["b_v"], 0, True), (["b_v", "a_v"], 0, False),
                                   (["b_v"], 1, False)):
        kernels = [fused("a", ["a_v"]), fused("b", uses_b)]
        slots = [dict(kernel="a", clock=0), dict(kernel="b", clock=clock_b)]
        assert defer_team_parts(slots, kernels, allowed=True)
        assert [s["joins"] for s in slots] == [False, joins]
        assert not defer_team_parts(slots, kernels, allowed=False)
        assert [s["joins"] for s in slots] == [False, False]


def test_an_update_whose_arguments_do_not_fit_a_deferred_part_runs_at_once(
        two_threads, run_switching, monkeypatch, tmp_path):
    """Built with room for 40 bytes of a deferred part's arguments (a pathway's fit, an
    update's do not): each update's part runs at once, then its event list; same results."""
    one, _ = _simulate_populations(run_switching, 1, link_drive=False)
    monkeypatch.setattr(compiler, "BASE_FLAGS", compiler.BASE_FLAGS + ("-DEQSIM_DEFER_ARGS=40",))
    monkeypatch.setenv("EQSIM_CACHE_DIR", str(tmp_path))  # flags are not in the cache key
    team, source = _simulate_populations(run_switching, 2, 1_000_000, link_drive=False)
    assert "eqsim_team_defer_then(_kernel" in source
    for a, b in zip(one, team):
        np.testing.assert_array_equal(a, b)


def _reset_after_pathway(run_switching, threads, reset, alternate=None):
    """A group whose reset reads and writes several of its variables, after a pathway
    onto another variable of it: the reset joins the pathway's fork when every thread may
    reset the events among its own elements. ``mirror`` reads ge of the element at the
    other end of the group (a link to the group itself)."""
    prefs["codegen.cython.num_threads"] = threads
    seed(3)
    group = NeuronGroup(700, """dv/dt = (1.1 + ge - v - w)/(10*ms) : 1 (unless refractory)
                                dge/dt = -ge/(5*ms) : 1
                                dw/dt = -w/(30*ms) : 1
                                mirror : 1 (linked)""",
                        threshold="v > 1", reset=reset, refractory=1 * ms, method="euler",
                        name="rt_group")
    group.mirror = linked_var(group, "ge", index=np.arange(700)[::-1])
    group.v = "rand()"
    exc = Synapses(group, group, on_pre="ge_post += 0.03", name="rt_exc")
    exc.connect(p=0.05)
    spikes = SpikeMonitor(group, name="rt_spikes")
    net = Network(group, exc, spikes)
    run_switching(net, 20 * ms, alternate)
    return (spikes.i[:].copy(), spikes.t_[:].copy(), group.v_[:].copy(), group.w_[:].copy(),
            net._module.source)


@pytest.mark.parametrize("alternate", [1, 1_000_000])
def test_a_reset_of_its_own_elements_joins_the_pathways_fork_with_one_threads_results(
        two_threads, run_switching, alternate):
    # rand(): each element's draw is keyed by its index, whichever thread resets it
    reset = "w += 0.05 + 0.1*v + 0.01*rand(); v = 0.2*w"
    one = _reset_after_pathway(run_switching, 1, reset)
    team = _reset_after_pathway(run_switching, 2, reset, alternate)
    assert one[0].size > 300
    for a, b in zip(one[:4], team[:4]):
        np.testing.assert_array_equal(a, b)
    calls = _step_loop_calls(team[4])
    reset_kernel = calls[-1][0]
    assert f"eqsim_team_defer_parts({reset_kernel}_team" in team[4]
    assert [name for name, flushed in calls if not flushed] == [reset_kernel]


def test_a_reset_reading_what_the_pathway_adds_elsewhere_waits_for_the_pathway(
        two_threads, run_switching):
    """mirror is ge of an element another thread adds to: the reset stays on the calling
    thread, after the join of the pathway's fork."""
    reset = "w += 0.05 + 0.5*mirror; v = 0.2*w"
    one = _reset_after_pathway(run_switching, 1, reset)
    team = _reset_after_pathway(run_switching, 2, reset, 1_000_000)
    assert one[0].size > 300
    for a, b in zip(one[:4], team[:4]):
        np.testing.assert_array_equal(a, b)
    calls = _step_loop_calls(team[4])
    assert f"eqsim_team_defer_parts({calls[-1][0]}_team" not in team[4]
    assert calls[-1][1]  # the step loop flushes the pathway's part before the reset
