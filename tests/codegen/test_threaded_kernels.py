"""Threads change the speed, never the result: the same spikes and state bit
for bit with one or two threads."""
import re

import numpy as np
import pytest

from eqsim import (Network, NeuronGroup, SpikeMonitor, Synapses,
                   linked_var, ms, mV, prefs, run, seed, start_scope)


def _ei_network(threads):
    prefs["codegen.cython.num_threads"] = threads
    start_scope()
    seed(5)
    eqs = """dv/dt = (-60*mV - v + ge*(0*mV - v) + gi*(-80*mV - v) + 20*mV)/(20*ms) : volt (unless refractory)
             dge/dt = -ge/(5*ms) : 1
             dgi/dt = -gi/(10*ms) : 1"""
    neurons = NeuronGroup(800, eqs, threshold="v > -50*mV", reset="v = -60*mV",
                          refractory=5 * ms, method="exponential_euler", name="threaded")
    neurons.v = "-55*mV + 2*mV*randn()"
    exc = Synapses(neurons[:640], neurons, "w : 1", on_pre="ge_post += w", delay=0.1 * ms,
                   name="threaded_exc")
    exc.connect(p=0.05)
    exc.w = "0.3 + 0.6*rand()"
    inh = Synapses(neurons[640:], neurons, on_pre="gi_post += 6.7", delay=0.2 * ms,
                   name="threaded_inh")
    inh.connect(p=0.05)
    spikes = SpikeMonitor(neurons, name="threaded_spikes")
    run(60 * ms)
    return spikes.i.copy(), spikes.t_.copy(), neurons.v_.copy(), neurons.ge_.copy()


def test_two_threads_give_the_same_spikes_and_state_as_one():
    previous = prefs["codegen.target"], prefs["codegen.cython.num_threads"]
    prefs["codegen.target"] = "cython"
    try:
        one = _ei_network(1)
        two = _ei_network(2)
    finally:
        prefs["codegen.target"], prefs["codegen.cython.num_threads"] = previous
    assert one[0].size > 100
    for a, b in zip(one, two):
        np.testing.assert_array_equal(a, b)


def test_thread_count_preference_rejects_nonsense():
    from eqsim.core.preferences import PreferenceError
    with pytest.raises(PreferenceError):
        prefs["codegen.cython.num_threads"] = 0


def test_thread_partition_uses_contiguous_row_parts_when_rows_are_in_target_order():
    from eqsim.codegen.kinds import thread_partition
    # rows 0-3, 4-5, 6-8 onto 901 targets: 4 blocks of 256, two per thread
    post = np.array([0, 300, 500, 900, 100, 800, 200, 400, 600], dtype=np.int32)
    ptr = np.array([0, 4, 6, 9])
    splits, syn = thread_partition(post, ptr, None, 2, False)  # thread 0: targets 0-511, 1: 512-900
    assert syn is None
    lo, mid, hi = splits.reshape(3, 3).T  # each row's part starts and end
    for s in range(3):
        assert np.all(post[lo[s]:mid[s]] < 512) and np.all(post[mid[s]:hi[s]] >= 512)
        assert (lo[s], hi[s]) == (ptr[s], ptr[s + 1])


def test_thread_partition_lists_synapses_when_rows_are_not_in_target_order():
    from eqsim.codegen.kinds import thread_partition
    post = np.array([900, 0, 700, 100], dtype=np.int32)  # one row, targets out of order
    ptr = np.array([0, 4])
    splits, syn = thread_partition(post, ptr, None, 2, False)
    assert syn is not None
    assert list(syn[splits[0]:splits[1]]) == [1, 3]  # thread 0: targets 0 and 100, in order
    assert list(syn[splits[2]:splits[3]]) == [0, 2]


def test_two_threads_match_one_with_synapses_stored_out_of_row_order():
    def simulate(threads):
        prefs["codegen.cython.num_threads"] = threads
        start_scope()
        seed(11)
        neurons = NeuronGroup(400, "dv/dt = (1.1 - v)/(10*ms) : 1", threshold="v > 1",
                              reset="v = 0", method="exact", name="unsorted_group")
        neurons.v = "rand()"
        rng = np.random.default_rng(3)
        pre, post = rng.integers(0, 400, 8000), rng.integers(0, 400, 8000)
        syn = Synapses(neurons, neurons, "w : 1", on_pre="v_post += w", name="unsorted_syn")
        syn.connect(i=pre, j=post)  # storage follows the arrays, not the rows
        syn.w = "0.02*rand()"
        spikes = SpikeMonitor(neurons, name="unsorted_spikes")
        run(30 * ms)
        return spikes.i.copy(), spikes.t_.copy(), neurons.v_.copy()

    previous = prefs["codegen.target"], prefs["codegen.cython.num_threads"]
    prefs["codegen.target"] = "cython"
    try:
        one, two = simulate(1), simulate(2)
    finally:
        prefs["codegen.target"], prefs["codegen.cython.num_threads"] = previous
    assert one[0].size > 100
    for a, b in zip(one, two):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("n_targets", [400, 5000])
def test_contiguous_thread_parts_list_the_same_synapses_as_the_general_partition(n_targets):
    """Any number of parts (a team of two claims up to 8: kinds.target_parts), equal or
    tapered, empty rows and parts (the compiled glue's part_splits against NumPy's general
    partition)."""
    from eqsim.codegen import kinds
    rng = np.random.default_rng(8)
    rows = [np.sort(rng.choice(n_targets, rng.integers(0, 40), replace=False))
            for _ in range(150)]
    post = np.concatenate(rows).astype(np.int32)
    ptr = np.concatenate([[0], np.cumsum([r.size for r in rows])]).astype(np.int64)
    identity = np.arange(post.size)  # an explicit storage order takes the general path
    for parts, tapered in ((2, False), (3, False), (4, False), (16, False), (8, True),
                           (16, True)):
        splits, none = kinds.thread_partition(post, ptr, None, parts, tapered)
        general, syn = kinds.thread_partition(post, ptr, identity, parts, tapered)
        assert none is None and syn is not None
        n = ptr.size - 1
        for k in range(parts):
            for s in range(n):
                fast = list(range(splits[s * (parts + 1) + k], splits[s * (parts + 1) + k + 1]))
                listed = syn[general[k * (n + 1) + s]:general[k * (n + 1) + s + 1]].tolist()
                assert fast == listed


def test_rows_out_of_order_within_a_part_stay_contiguous_but_not_across_parts():
    from eqsim.codegen.kinds import thread_partition
    ptr = np.array([0, 3, 5])
    within = np.array([700, 600, 2000, 100, 50], dtype=np.int32)  # blocks 2, 2, 7 | 0, 0
    splits, syn = thread_partition(within, ptr, None, 4, False)  # parts of 2 blocks: 0-511, ...
    assert syn is None
    assert splits.reshape(2, 5)[0].tolist() == [0, 0, 2, 2, 3]  # row 0: part 1, 1, 3
    across = np.array([2000, 600, 700, 100, 50], dtype=np.int32)  # row 0: part 3, then 1
    splits, syn = thread_partition(across, ptr, None, 4, False)
    assert syn is not None
    assert syn[splits[3 * 1 + 0]:splits[3 * 1 + 1]].tolist() == [1, 2]  # part 1 of row 0


@pytest.mark.parametrize("n_targets, threads, parts", [
    (12_500, 2, 8), (4000, 2, 8), (1000, 2, 4), (100, 2, 2), (12_500, 1, 1),
    (12_500, 3, 3), (12_500, 4, 4)])
def test_a_team_of_two_splits_targets_into_up_to_eight_parts_of_whole_blocks(
        n_targets, threads, parts):
    from eqsim.codegen.kinds import ELEMENT_BLOCK, tapered_parts, target_parts, thread_bounds
    assert target_parts(n_targets, threads) == parts
    assert tapered_parts(threads) == (threads == 2)
    bounds = thread_bounds(n_targets, parts, tapered_parts(threads))
    assert bounds[0] == 0 and bounds[-1] == n_targets
    assert all(b % ELEMENT_BLOCK == 0 or b == n_targets for b in bounds)


def _shared_draw_network(target, threads):
    """A state update whose scalar code computes a temporary for every element (a shared
    subexpression with one draw per step): the team's blocks get it as an argument."""
    prefs["codegen.target"], prefs["codegen.cython.num_threads"] = target, threads
    start_scope()
    seed(9)
    group = NeuronGroup(900, """dv/dt = (x + a - v)/(10*ms) : 1
                                x = 0.5*rand() + y : 1 (shared, constant over dt)
                                y : 1 (shared)
                                a : 1""", threshold="v > 0.9", reset="v = 0",
                        method="euler", name="threaded_scalar")
    group.y = 0.4
    group.a = "rand()"
    spikes = SpikeMonitor(group, name="threaded_scalar_spikes")
    run(20 * ms)
    return spikes.i.copy(), spikes.t_.copy(), group.v_.copy()


def test_scalar_temporaries_reach_the_threads_blocks_with_the_one_thread_values():
    previous = prefs["codegen.target"], prefs["codegen.cython.num_threads"]
    try:
        numpy = _shared_draw_network("numpy", 1)
        one = _shared_draw_network("cython", 1)
        two = _shared_draw_network("cython", 2)
    finally:
        prefs["codegen.target"], prefs["codegen.cython.num_threads"] = previous
    assert one[0].size > 100
    for a, b in zip(one, two):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(numpy[0], one[0])
    np.testing.assert_allclose(numpy[2], one[2], rtol=1e-12, atol=1e-12)


def _reads_at_the_source(run_switching, threads, alternate=None):
    prefs["codegen.cython.num_threads"] = threads
    start_scope()
    seed(21)
    group = NeuronGroup(600, """dv/dt = (ge + 1.1 - v)/(10*ms) : 1
                                dge/dt = -ge/(5*ms) : 1""",
                        threshold="v > 1", reset="v = 0", method="exact", name="reads_src")
    group.v = "rand()"
    exc = Synapses(group[:480], group, on_pre="ge_post += 0.02", name="reads_src_exc")
    exc.connect(p=0.1)
    # ge of a source (neurons 480-599) is also a target's ge, added to by this pathway
    inh = Synapses(group[480:], group, on_pre="ge_post -= 0.5*ge_pre", name="reads_src_inh")
    inh.connect(p=0.2)
    spikes = SpikeMonitor(group, name="reads_src_spikes")
    net = Network(group, exc, inh, spikes)
    run_switching(net, 30 * ms, alternate)
    return spikes.i[:].copy(), group.ge_[:].copy(), net._module.source


def test_a_pathway_reading_at_the_source_what_it_adds_at_the_targets_runs_as_one_thread(
        two_threads, run_switching):
    """Split by target, another thread would read a source's ge while this one adds to it
    (a race: other values from run to run); such a pathway keeps its serial loop."""
    one = _reads_at_the_source(run_switching, 1)
    team = _reads_at_the_source(run_switching, 2, alternate=1_000_000)
    assert one[0].size > 300
    np.testing.assert_array_equal(one[0], team[0])
    np.testing.assert_array_equal(one[1], team[1])
    # the excitatory pathway still splits its synapses among the threads, this one not
    assert len(re.findall(r"static void _kernel_o\d+_team\(", team[2])) == 1


def _reads_its_neighbour(run_switching, target, threads, alternate=None):
    prefs["codegen.target"], prefs["codegen.cython.num_threads"] = target, threads
    start_scope()
    n = 600
    group = NeuronGroup(n, """dv/dt = (v_left - v)/(2*ms) + 1/(20*ms) : 1
                              v_left : 1 (linked)""", method="euler", name="neighbour")
    group.v_left = linked_var(group, "v", index=(np.arange(n) - 1) % n)
    group.v = np.linspace(0, 1, n) ** 2
    net = Network(group)
    if target == "numpy":
        net.run(5 * ms)
    else:
        run_switching(net, 5 * ms, alternate)
    return group.v_[:].copy()


def _neighbour_reference(in_order):
    """50 Euler steps of the model above in plain Python: element by element, each reading
    its left neighbour's value of the moment (Brian2's C loop: the new value of element
    i - 1, the old one for element 0), or all from the step's old values (NumPy)."""
    n, dt, tau = 600, 0.1e-3, 2e-3
    v = list(np.linspace(0, 1, n) ** 2)
    for _ in range(50):
        old = list(v)
        for i in range(n):
            left = (v if in_order else old)[(i - 1) % n]
            v[i] = old[i] + dt * ((left - old[i]) / tau + 1 / 20e-3)
    return np.array(v)


def test_an_update_reading_through_a_link_what_it_writes_runs_in_brian2s_order(
        two_threads, run_switching):
    """``v_left`` linked to ``v`` of the neighbour: Brian2's C targets update the elements
    in order (each reads its neighbour's new value), its NumPy target all at once. A SIMD
    loop or a second thread gave a third answer (lanes and the other thread's elements
    read old values)."""
    in_order, at_once = _neighbour_reference(True), _neighbour_reference(False)
    assert np.max(np.abs(in_order - at_once)) > 1e-3
    for threads, alternate in ((1, None), (2, 1_000_000)):
        got = _reads_its_neighbour(run_switching, "cython", threads, alternate)
        np.testing.assert_allclose(got, in_order, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(_reads_its_neighbour(run_switching, "numpy", 1), at_once,
                               rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("synapses_per_row, parts, threads, first", [
    (1250, 8, 2, 1),   # brunel: long row parts, one part a claim
    (80, 8, 2, 3),     # coba x16: ~10 synapses a part, all but the innermost part first
    (80, 2, 2, 1), (80, 3, 3, 1), (80, 4, 4, 1)])
def test_a_team_of_two_claims_one_part_at_a_time_only_where_row_parts_are_long(
        synapses_per_row, parts, threads, first):
    from eqsim.codegen.kinds import first_claim
    assert first_claim(synapses_per_row, parts, threads) == first
