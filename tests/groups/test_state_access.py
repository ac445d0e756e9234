"""``G.i[condition]`` gives the indices where the condition holds, for a group and for a
subgroup (its own ``i``; a subexpression in the condition is the parent's), as Brian2's
``G.i`` view does (the numbers are Brian2 2.9.0's)."""
import numpy as np

from eqsim import NeuronGroup


def _group():
    g = NeuronGroup(10, "v : 1\nx : 1\nI = x + 10*i : 1", name="G")
    g.x = "i*0.5"
    return g


def test_the_index_of_a_group_read_with_a_condition():
    g = _group()
    assert np.array_equal(g.i["I > 40"], [4, 5, 6, 7, 8, 9])
    assert np.array_equal(g.i["i > 4"], [5, 6, 7, 8, 9])
    assert g.i["i > 4"].dtype == np.int32
    assert np.array_equal(g.i[:], np.arange(10)) and len(g.i) == 10


def test_the_index_of_a_subgroup_read_with_a_condition_counts_from_the_subgroup_start():
    g = _group()
    sub = g[2:8]
    assert np.array_equal(sub.i["I > 40"], [2, 3, 4, 5])
    assert np.array_equal(sub.i["i > 4"], [5])
    assert np.array_equal(sub[1:4].i["x > 1.5"], [1, 2])
