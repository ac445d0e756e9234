"""Consecutive threaded pathways that touch disjoint arrays share one fork of the thread
team (codegen/fusion.py defer_pathway_parts, thread_team.c.j2): their parts run in turn on
each thread at the step loop's next flush. Whatever shares a fork, and whatever reads the
pathways' work next (a network operation), the results are those of one thread."""
import re

import numpy as np
import pytest

from eqsim import (Network, NeuronGroup, SpikeMonitor, Synapses, ms, network_operation, prefs,
                   seed)


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


def _network(on_pre_inh, sums):
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
    inh = Synapses(group[480:], group, on_pre=on_pre_inh, name="defer_inh")
    inh.connect(p=0.1)

    @network_operation(when="synapses", order=5)
    def record():
        sums.append(float(np.sum(group.ge_) + 2 * np.sum(group.gi_)))
    spikes = SpikeMonitor(group, name="defer_spikes")
    return Network(group, exc, inh, record, spikes), group, spikes


def _simulate(run_switching, on_pre_inh, threads, alternate=None):
    prefs["codegen.cython.num_threads"] = threads
    sums = []
    net, group, spikes = _network(on_pre_inh, sums)
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
    assert "eqsim_team_defer(_kernel" in team[4]  # a kernel defers its part
    joined = [name for name, flushed in _step_loop_calls(team[4]) if not flushed]
    assert len(joined) == 1  # the inhibitory pathway joins the excitatory one's fork


def test_pathways_that_write_one_variable_each_fork_in_order(two_threads, run_switching):
    one = _simulate(run_switching, "ge_post -= 0.03", threads=1)
    team = _simulate(run_switching, "ge_post -= 0.03", threads=2, alternate=1_000_000)
    for a, b in zip(one[:4], team[:4]):
        np.testing.assert_array_equal(a, b)
    assert all(flushed for _, flushed in _step_loop_calls(team[4]))  # each forks alone


def test_a_profiled_run_on_the_team_times_each_pathway_where_it_runs(two_threads):
    """profile=True times each kernel where it runs: nothing is deferred to a later
    kernel's slot (and the build needs no deferral marks)."""
    sums = []
    net, _, _ = _network("gi_post -= 0.03", sums)
    net.run(5 * ms, profile=True)
    assert "eqsim_team_defer(_kernel" not in net._module.source
    names = [name for name, _ in net.profiling_info]
    assert "defer_exc_pre" in names and "defer_inh_pre" in names
