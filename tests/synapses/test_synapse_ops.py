"""Summed variables onto subgroups: disjoint subgroups of one group each get their own
sums (the numbers are Brian2 2.9.0's); two summed variables writing one variable of the
same group or of overlapping subgroups are refused, as Brian2 refuses them."""
import numpy as np
import pytest

from eqsim import Network, NeuronGroup, Synapses, defaultclock, run
from eqsim.errors import SummedTargetOverlapError


def _summed_into(g, sub, value):
    s = Synapses(g, sub, f"y_post = {value} : 1 (summed)")
    s.connect(j="i", skip_if_invalid=True)
    return s


def test_summed_variables_onto_disjoint_subgroups_each_write_their_own_part(target):
    g = NeuronGroup(10, "y : 1\nx : 1", name="G")
    g.x = "i"
    s1 = Synapses(g, g[0:5], "y_post = x_pre : 1 (summed)")
    s1.connect(j="i", skip_if_invalid=True)
    s2 = Synapses(g, g[5:10], "y_post = 2*x_pre : 1 (summed)")
    s2.connect(j="i - 5", skip_if_invalid=True)
    run(defaultclock.dt)
    # Brian2 2.9.0's numbers
    assert np.array_equal(g.y[:], [0, 1, 2, 3, 4, 10, 12, 14, 16, 18])


def test_summed_variables_from_and_onto_subgroups_of_subgroups(target):
    g = NeuronGroup(10, "y : 1\nx : 1", name="G")
    g.x = "i"
    s = Synapses(g[2:8][1:3], g[2:8][3:6], "y_post = w*x_pre : 1 (summed)\nw : 1")
    s.connect()
    s.w = "i + 10*j"
    run(defaultclock.dt)
    # Brian2 2.9.0's numbers
    assert np.array_equal(g.y[:], [0, 0, 0, 0, 0, 4, 74, 144, 0, 0])


@pytest.mark.parametrize("first, second", [
    (slice(None), slice(None)),      # the same group
    (slice(0, 6), slice(4, 10)),     # overlapping subgroups
    (slice(0, 5), slice(None)),      # a subgroup and its parent
])
def test_two_summed_variables_writing_overlapping_elements_are_refused(target, first, second):
    g = NeuronGroup(10, "y : 1")
    net = Network(g, _summed_into(g, g[first], 1), _summed_into(g, g[second], 2))
    with pytest.raises(SummedTargetOverlapError, match="both write 'y'") as info:
        net.run(defaultclock.dt)
    assert isinstance(info.value, NotImplementedError)  # Brian2's type
    assert info.value.code == "EQ240" and info.value.hint


def test_summed_variables_of_subgroups_of_subgroups_overlap_in_the_parents_numbering(target):
    g = NeuronGroup(10, "y : 1")
    net = Network(g, _summed_into(g, g[0:6][2:4], 1), _summed_into(g, g[3:10], 2))
    with pytest.raises(SummedTargetOverlapError):
        net.run(defaultclock.dt)
    g2 = NeuronGroup(10, "y : 1")  # g2[0:6][2:4] is g2[2:4]: no overlap with g2[4:10]
    net = Network(g2, _summed_into(g2, g2[0:6][2:4], 1), _summed_into(g2, g2[4:10], 2))
    net.run(defaultclock.dt)
    assert np.array_equal(g2.y[:], [0, 0, 1, 1, 2, 2, 2, 2, 2, 2])
