"""Random draws of stored synapses are keyed by the synapse's canonical identity
(pre, post, multisynaptic rank), not by where it is stored (issue 9)."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Synapses, ms, prefs, run, seed, start_scope
from eqsim.runtime.streams import synapse_key
from eqsim.synapses.identity import multisynaptic_ranks

PRE = np.array([0, 0, 1, 2, 3, 4, 4, 2])
POST = np.array([1, 2, 3, 0, 4, 0, 3, 0])  # (2, 0) twice: ranks 0 and 1


def _by_identity(S, *names):
    """{(i, j, k): (value of each name)} with k the rank among the pair's synapses."""
    i, j = np.asarray(S.i[:]), np.asarray(S.j[:])
    k = multisynaptic_ranks(i, j, len(S.target))
    columns = [np.asarray(getattr(S, name)[:]) for name in names]
    return {(a, b, c): tuple(col[n] for col in columns)
            for n, (a, b, c) in enumerate(zip(i, j, k))}


def _draws(pieces, run_steps=2):
    """Per-synapse values drawn by a string assignment, on_pre, run_regularly and a
    noisy synaptic equation, for the synapses made by connect(i=, j=) of each piece."""
    start_scope()
    seed(11)
    G = NeuronGroup(5, "v : 1", threshold="True")
    S = Synapses(G, G, """w : 1
                          x : 1
                          y : 1
                          dz/dt = xi * (1*ms)**-0.5 : 1 (clock-driven)""",
                 on_pre="x += rand()")
    for i, j in pieces:
        S.connect(i=i, j=j)
    S.w = "rand() + randn()"
    S.run_regularly("y += rand()")
    run(run_steps * 0.1 * ms)
    return _by_identity(S, "w", "x", "y", "z")


def test_synapses_made_in_another_order_draw_the_same_values(numpy_target):
    order = np.random.default_rng(1).permutation(PRE.size)
    whole = _draws([(PRE, POST)])
    shuffled_in_two_calls = _draws([(PRE[order][:3], POST[order][:3]),
                                    (PRE[order][3:], POST[order][3:])])
    assert whole == shuffled_in_two_calls
    values = np.array(list(whole.values()))
    assert np.unique(values[:, 0]).size == PRE.size  # every synapse its own draw


def test_synapse_draws_agree_between_targets(both_targets):
    numpy_values, cython_values = both_targets(lambda _: _draws([(PRE, POST)]))
    assert numpy_values.keys() == cython_values.keys()
    for key, values in numpy_values.items():
        np.testing.assert_allclose(values, cython_values[key], rtol=1e-12, atol=1e-12)


def test_synapses_of_one_pair_draw_different_values(numpy_target):
    values = _draws([([2, 2, 2], [0, 0, 0])])
    assert sorted(values) == [(2, 0, 0), (2, 0, 1), (2, 0, 2)]
    assert len({v[0] for v in values.values()}) == 3


def test_compiled_string_assignment_draws_as_numpy_evaluation():
    previous = prefs["codegen.target"], prefs["codegen.cython.compiled_assignment_size"]
    results = []
    try:
        for target, size in (("numpy", 10**12), ("cython", 1)):
            prefs["codegen.target"], prefs["codegen.cython.compiled_assignment_size"] = \
                target, size
            start_scope()
            seed(3)
            G = NeuronGroup(4, "v : 1")
            S = Synapses(G, G, "w : 1")
            S.connect(i=[3, 0, 1, 1], j=[2, 2, 0, 0])
            S.w = "rand()"
            results.append(np.asarray(S.w[:]))
    finally:
        prefs["codegen.target"], prefs["codegen.cython.compiled_assignment_size"] = previous
    np.testing.assert_array_equal(results[0], results[1])


def test_synapse_key_is_the_pair_key_of_procedural_synapses_for_rank_zero():
    pre, post = np.array([0, 3, 7]), np.array([5, 0, 9])
    np.testing.assert_array_equal(synapse_key(pre, post, None, 8, 10), pre * 10 + post)
    np.testing.assert_array_equal(synapse_key(pre, post, [0, 0, 0], 8, 10), pre * 10 + post)
    assert synapse_key(3, 0, 1, 8, 10) == 3 * 10 + 80


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]])
def test_multisynaptic_ranks_count_in_creation_order(order):
    pre = np.array([1, 1, 0, 1])[order]
    post = np.array([2, 2, 2, 2])[order]
    ranks = multisynaptic_ranks(pre, post, 3)
    for pair in {(1, 2), (0, 2)}:
        mine = ranks[(pre == pair[0]) & (post == pair[1])]
        np.testing.assert_array_equal(mine, np.arange(mine.size))
