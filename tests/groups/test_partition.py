"""A network built as process ``rank`` of ``size`` (issue 9, in one process): each group
stores its slice of the global elements, with the values the whole group has there, and
the Synapses the synapses onto that slice with their per-synapse random values."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Synapses, ms, prefs, run, seed, start_scope
from eqsim.groups.partition import local_slice
from eqsim.synapses.identity import multisynaptic_ranks

N_PRE, N_POST = 3000, 2500


def _build(partition, run_steps=0, compiled=False):
    start_scope()
    seed(7)
    G = NeuronGroup(N_PRE, """dv/dt = (i*1.0/N - v)/(5*ms) + 0.1*xi/sqrt(5*ms) : 1
                              x : 1""", _partition=partition)
    H = NeuronGroup(N_POST, "u : 1", _partition=partition)
    G.v = "rand() + i*1.0/N"
    if not compiled:  # fewer kernels to compile
        G.x = "int(i % 7 == 0) * randn()"
        H.u = "randn()"
    S = Synapses(G, H, "w : 1")
    S.connect(p=0.01)
    S.connect(j="k for k in range(i, i + 3) if k < N_post", n=2)  # duplicate pairs: ranks
    S.w = "rand() + u_post + j*1e-4"
    if run_steps:
        run(run_steps * 0.1 * ms)
    i, j = np.asarray(S.i[:]), np.asarray(S.j[:])
    synapses = {(a, b, k): w for a, b, k, w in
                zip(i, j, multisynaptic_ranks(i, j, N_POST), np.asarray(S.w[:]))}
    return np.asarray(G.v[:]), np.asarray(G.x[:]), np.asarray(H.u[:]), synapses


def _check_parts_make_the_whole(whole, parts):
    for column in range(3):
        np.testing.assert_array_equal(np.concatenate([part[column] for part in parts]),
                                      whole[column])
    union = {}
    for part in parts:
        assert not set(part[3]) & set(union)  # each synapse on one process only
        union.update(part[3])
    assert union == whole[3]


@pytest.mark.parametrize("size", [2, 3, 4])
def test_each_rank_builds_its_slice_of_the_neurons_and_the_synapses_onto_it(numpy_target,
                                                                            size):
    _check_parts_make_the_whole(_build(None), [_build((rank, size)) for rank in range(size)])


def test_each_rank_integrates_its_neurons_as_the_whole_group_does(numpy_target):
    whole = _build(None, run_steps=3)
    _check_parts_make_the_whole(whole, [_build((rank, 2), run_steps=3) for rank in range(2)])


def test_compiled_kernels_of_a_rank_draw_as_the_whole_group():
    previous = prefs["codegen.target"], prefs["codegen.cython.compiled_assignment_size"]
    prefs["codegen.target"], prefs["codegen.cython.compiled_assignment_size"] = "cython", 1
    try:
        _check_parts_make_the_whole(_build(None, 1, True),
                                    [_build((rank, 2), 1, True) for rank in range(2)])
    finally:
        prefs["codegen.target"], prefs["codegen.cython.compiled_assignment_size"] = previous


@pytest.mark.parametrize("n, size", [(10, 3), (2, 4), (1000, 7)])
def test_local_slices_are_contiguous_and_cover_the_group(n, size):
    slices = [local_slice(n, rank, size) for rank in range(size)]
    assert slices[0][0] == 0 and slices[-1][1] == n
    assert all(a[1] == b[0] for a, b in zip(slices, slices[1:]))
    assert max(b - a for a, b in slices) - min(b - a for a, b in slices) <= 1


def _drive_onto_slice(partition):
    """Every source neuron spikes once (all processes have every source's spikes); the
    targets of this rank receive them through stored and procedural synapses."""
    start_scope()
    seed(11)
    src = NeuronGroup(30, "tspike : second", threshold="t >= tspike", refractory=1000 * ms)
    src.tspike = "i*0.05*ms"
    tgt = NeuronGroup(N_POST, "v : 1\nu : 1", _partition=partition)
    stored = Synapses(src, tgt, "w : 1", on_pre="u_post += w")
    stored.connect(p=0.05)
    stored.w = "rand()"
    procedural = Synapses(src, tgt, on_pre="v_post += 1 + i*0.01 + j*1e-5")
    procedural.connect(p=0.05, procedural=True)
    run(1.6 * ms)
    return np.asarray(tgt.v[:]), np.asarray(tgt.u[:])


def test_spikes_reach_a_rank_s_targets_as_in_the_whole_network(target):
    whole = _drive_onto_slice(None)
    parts = [_drive_onto_slice((rank, 3)) for rank in range(3)]
    assert np.count_nonzero(whole[0]) > N_POST // 2
    for column in range(2):
        np.testing.assert_allclose(np.concatenate([part[column] for part in parts]),
                                   whole[column], rtol=1e-14)  # summation order aside
