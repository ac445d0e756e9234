"""G.indices[...]: the indices an index selects, as Brian2's Group.indices."""
import numpy as np

from eqsim import NeuronGroup, volt


def _group():
    G = NeuronGroup(4, 'v : volt\nx : 1')
    G.v = 'i*volt'
    G.x = [0.5, 1.5, 2.5, 3.5]
    return G


def test_a_condition_selects_the_indices_where_it_holds(numpy_target):
    G = _group()
    # Brian2 2.9.0: G.indices['v >= 2*volt'] -> [2 3], G.indices['x > 1'] -> [1 2 3]
    assert G.indices['v >= 2*volt'].tolist() == [2, 3]
    assert G.indices['x > 1'].tolist() == [1, 2, 3]
    threshold = 1.5 * volt  # noqa: F841 (names resolve where the index is written)
    assert G.indices['v > threshold'].tolist() == [2, 3]
    assert G.indices['True'].tolist() == [0, 1, 2, 3]


def test_slices_arrays_and_masks_give_int32_indices(numpy_target):
    G = _group()
    assert G.indices[:].dtype == np.int32 and G.indices[:].tolist() == [0, 1, 2, 3]
    assert G.indices[[1, 2]].tolist() == [1, 2]
    assert G.indices[np.array([True, False, True, False])].tolist() == [0, 2]
    one = G.indices[2]  # Brian2: array(2), a 0-d array
    assert one.shape == () and int(one) == 2


def test_a_subgroup_gives_indices_of_its_group(numpy_target):
    G = _group()
    # Brian2 2.9.0: G[1:3].indices[:] -> [1 2]
    assert G[1:3].indices[:].tolist() == [1, 2]
    assert G[1:3].indices['v > 1.5*volt'].tolist() == [2]
