"""``G[item]``: a slice, one integer (a one-neuron subgroup, as Brian2) or an ascending
run of indices makes a Subgroup; anything else raises Brian2's exception type as an
EqsimError. Brian2's numbers for ``G[k]`` in a network are in
tests/reference/test_brian2_linked_variables.py (one_neuron_subgroups)."""
import numpy as np
import pytest

from eqsim import (NeuronGroup, PoissonGroup, SpikeGeneratorGroup, Subgroup, SubgroupIndexError,
                   Hz, ms)
from eqsim.errors import EqsimError, SubgroupTypeError


def group(n=5):
    return NeuronGroup(n, "v : 1", name="G")


@pytest.mark.parametrize("item, start, stop", [
    (2, 2, 3), (np.int64(4), 4, 5), (0, 0, 1), ([1, 2, 3], 1, 4), (np.arange(2, 5), 2, 5),
    (slice(1, 3), 1, 3), (slice(-2, None), 3, 5), (slice(0, 99), 0, 5)])
def test_items_that_make_a_subgroup(item, start, stop):
    sub = group()[item]
    assert type(sub) is Subgroup
    assert (sub._start, sub._stop, len(sub)) == (start, stop, stop - start)


@pytest.mark.parametrize("item, message", [
    (-1, "positive"), (5, "illegal start value"), (slice(2, 2), "start/end"),
    (slice(3, 1), "start/end"), (slice(None, None, 2), "contiguous"), ([0, 2], "contiguous"),
    ([], "contiguous"), ([[1, 2]], "contiguous"), (np.int64(-3), "positive")])
def test_items_that_name_no_contiguous_range_raise_an_index_error(item, message):
    with pytest.raises(SubgroupIndexError, match=message) as info:
        group()[item]
    assert isinstance(info.value, IndexError) and isinstance(info.value, EqsimError)
    assert info.value.code == "EQ150" and info.value.obj == "G"


@pytest.mark.parametrize("item", [1.0, "1", [1.0, 2.0], None, True])
def test_items_of_the_wrong_type_raise_a_type_error(item):
    with pytest.raises(SubgroupTypeError) as info:
        group()[item]
    assert isinstance(info.value, TypeError) and info.value.code == "EQ152"


def test_a_subgroup_of_a_subgroup_needs_a_slice_as_in_brian2():
    sub = group()[1:4]
    assert (sub[1:3]._start, sub[1:3]._stop) == (2, 4)
    with pytest.raises(SubgroupTypeError, match="with a slice"):
        sub[1]
    with pytest.raises(SubgroupIndexError, match="illegal stop value|start/end"):
        sub[2:2]


def test_one_neuron_subgroups_read_and_write_their_own_element():
    G = group()
    G[3].v = 7
    G[1].v = "i + 2"  # i counts from the subgroup's start
    np.testing.assert_array_equal(G.v[:], [0, 2, 0, 7, 0])
    assert G[3].v[0] == 7 and len(G[3].v[:]) == 1


def test_input_groups_give_one_neuron_subgroups_too():
    P = PoissonGroup(4, 10 * Hz)
    S = SpikeGeneratorGroup(3, [0, 2], [1, 2] * ms)
    assert (P[2]._start, len(P[2])) == (2, 1)
    assert (S[0]._start, len(S[0])) == (0, 1)
    with pytest.raises(SubgroupIndexError):
        S[3]
