"""restore() of synapses: which stored presynaptic indices are the ones a Synapses object
holds (eqsim/synapses/synapse_state.py), in its implicit (row pointers) and explicit form."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Synapses
from eqsim.synapses.synapse_state import same_presynaptic


def _synapses(i, j):
    group = NeuronGroup(5, "v : 1")
    synapses = Synapses(group, group)
    synapses.connect(i=np.asarray(i), j=np.asarray(j))
    return synapses.variables["_synaptic_pre"]


@pytest.mark.parametrize("other, same", [
    ([0, 0, 2, 2, 2, 4], True),
    ([0, 0, 2, 2, 3, 4], False),   # one synapse in another row, the rows' ends the same
    ([0, 2, 0, 2, 2, 4], False),   # not sorted
    ([0, 0, 2, 2, 2], False),      # one fewer
    ([0, 0, 1, 2, 2, 4], False),   # a row that has none
    ([[0, 0, 2], [2, 2, 4]], False),
])
def test_stored_presynaptic_indices_are_the_held_ones_only_when_equal(other, same):
    held = _synapses([0, 0, 2, 2, 2, 4], [1, 2, 0, 1, 3, 0])
    assert held.implicit  # sorted by source: row pointers only
    assert same_presynaptic(held, np.asarray(other, dtype=np.int32)) is same
    explicit = _synapses([2, 0, 0, 2, 2, 4], [1, 2, 0, 1, 3, 0])
    assert not explicit.implicit
    assert same_presynaptic(explicit, np.asarray([2, 0, 0, 2, 2, 4], dtype=np.int32))
    assert not same_presynaptic(explicit, np.asarray(other, dtype=np.int32))


def test_no_synapses_are_the_same_as_none_stored():
    group = NeuronGroup(3, "v : 1")
    synapses = Synapses(group, group)
    assert same_presynaptic(synapses.variables["_synaptic_pre"], np.zeros(0, np.int32))
    assert not same_presynaptic(synapses.variables["_synaptic_pre"], np.zeros(1, np.int32))
