"""A subexpression read through a subgroup is its parent's: its ``i`` is the parent's
index and its ``N`` the parent's size, in reads, string assignments, monitors,
run_regularly and synaptic code, on both targets (the numbers are Brian2 2.9.0's); a
``(shared)`` subexpression is one value, read with ``[:]`` only."""
import numpy as np
import pytest

from eqsim import (NeuronGroup, StateMonitor, Synapses, defaultclock, run)
from eqsim.errors import SharedIndexError


def _group():
    g = NeuronGroup(5, "x : 1\nI = x + 10*i : 1\nJ = x + N : 1\ny : 1\nz : 1")
    g.x = "i"
    return g


def test_a_subexpression_read_through_a_subgroup_uses_the_parents_index_and_size():
    g = _group()
    sub = g[2:4]
    assert np.array_equal(sub.I[:], [22, 33]) and np.array_equal(sub.J[:], [7, 8])
    assert np.array_equal(sub.I["i > 0"], [33])  # the condition's i is the subgroup's
    sub.y = "I"
    sub.z = "x + 10*i"  # the subgroup's own i in its own string
    assert np.array_equal(g.y, [0, 0, 22, 33, 0])
    assert np.array_equal(g.z, [0, 0, 2, 13, 0])


def test_monitors_run_regularly_and_synapses_of_a_subgroup_read_the_parents_subexpression(
        target):
    g = _group()
    sub = g[2:4]
    monitor = StateMonitor(sub, "I", record=True)
    sub.run_regularly("z = I")
    trigger = NeuronGroup(1, "", threshold="True")
    onto_sub = Synapses(trigger, sub, "u : 1", on_pre="u = I_post")
    onto_sub.connect()
    from_group = Synapses(g, NeuronGroup(5, "v : 1"), "w = I_pre : 1")
    from_group.connect(j="i")
    run(defaultclock.dt)
    assert np.array_equal(monitor.I[:, 0], [22, 33])
    assert np.array_equal(g.z, [0, 0, 22, 33, 0])
    assert np.array_equal(onto_sub.u, [22, 33])
    assert np.array_equal(from_group.w, [0, 11, 22, 33, 44])


def test_a_pathway_from_a_subgroup_reads_the_parents_subexpression(target):
    g = NeuronGroup(5, "x : 1\nI = x + 10*i : 1", threshold="True")
    g.x = "i"
    h = NeuronGroup(5, "v : 1")
    s = Synapses(g[2:4], h, on_pre="v += I_pre")
    s.connect(j="i")
    run(defaultclock.dt)
    assert np.array_equal(h.v, [22, 33, 0, 0, 0])


def test_a_shared_subexpression_is_one_value_read_with_a_colon_only():
    g = NeuronGroup(5, "sc : 1 (shared)\nss = 2*sc + N : 1 (shared)")
    g.sc = 4
    assert g.ss[:] == 13 and g[2:4].ss[:] == 13  # the parent's N
    assert np.ndim(g.get_states(["ss"])["ss"]) == 0
    for index in (0, "True", slice(0, 2)):
        with pytest.raises(SharedIndexError):
            g.ss[index]
