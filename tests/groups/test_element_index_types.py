"""What an element index may be (``G.v[item]``, ``G.indices[item]``, ``S.w[item]``),
with the exception types Brian2 2.9.0 raises: anything but an integer, a slice, an
integer/boolean array or a condition is a TypeError (``None`` too, although NumPy reads it
as a new axis: Brian2 refuses it so that matplotlib's ``x[0, None]`` probe is not
answered wrongly), an index outside the group or with two dimensions an IndexError."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Synapses, mV, start_scope


@pytest.fixture
def group():
    start_scope()
    G = NeuronGroup(4, "v : volt")
    G.v = [1, 2, 3, 4] * mV
    return G


NOT_AN_INDEX = [None, object(), 1.5, np.array([1.0]), [0.5, 1.5]]
# ids fixed by hand: an object's repr holds its address, which differs between pytest-xdist
# workers (they must collect the same tests)
NOT_AN_INDEX_IDS = ["None", "object", "float", "float array", "float list"]


@pytest.mark.parametrize("item", NOT_AN_INDEX, ids=NOT_AN_INDEX_IDS)
def test_group_indices_refuse_what_is_not_an_index_with_a_type_error(group, item):
    with pytest.raises(TypeError):  # Brian2: TypeError "Indexing is only supported..."
        group.indices[item]
    with pytest.raises(TypeError):
        group[1:3].indices[item]


@pytest.mark.parametrize("item", NOT_AN_INDEX, ids=NOT_AN_INDEX_IDS)
def test_variable_reads_and_writes_refuse_what_is_not_an_index_with_a_type_error(group, item):
    with pytest.raises(TypeError):
        group.v[item]
    with pytest.raises(TypeError):
        group.v_[item]
    with pytest.raises(TypeError):
        group.v[item] = 1 * mV
    assert np.allclose(group.v_[:], [0.001, 0.002, 0.003, 0.004])


def test_synaptic_variables_refuse_an_object_or_float_index_with_an_index_error(group):
    S = Synapses(group, group, "w : 1")
    S.connect(j="i")
    for item in (object(), 1.5):  # Brian2: IndexError "Unsupported index type"
        with pytest.raises(IndexError):
            S.w[item]


@pytest.mark.parametrize("item", [(0, 0), 4, -5, np.array([[0, 1]]), np.array([7])], ids=repr)
def test_an_index_outside_the_group_or_of_two_dimensions_is_an_index_error(group, item):
    with pytest.raises(IndexError):  # Brian2: IndexError
        group.v[item]


def test_what_is_an_index_still_selects(group):
    assert np.allclose(group.v_[range(2)], [0.001, 0.002])
    assert np.allclose(group.v_[np.array([3, 0], dtype=np.uint8)], [0.004, 0.001])
    assert np.allclose(group.v_[np.int64(-1)], 0.004)
    assert np.allclose(group.v_[np.array([True, False, True, False])], [0.001, 0.003])
    assert group.indices[[]].size == 0 and group.v_[[]].size == 0
    assert list(group[1:3].indices[:]) == [1, 2]
    # NumPy-style reshaping through a tuple stays, for matplotlib's x[:, None]
    assert group.v_[:, None].shape == (4, 1)


def test_a_subgroup_as_index_selects_its_elements(group):
    # Brian2 2.9.0 test_state_variables_group_as_index: G.v[G[4:9]] = 1 sets elements
    # 4..8 (eqsim selected nothing, silently)
    G = NeuronGroup(10, "v : 1")
    G.v[G[4:9]] = 1
    assert list(G.v[:]) == [0, 0, 0, 0, 1, 1, 1, 1, 1, 0]
    assert list(G.indices[G[4:9]]) == [4, 5, 6, 7, 8] and list(G.v[G[4:9]]) == [1] * 5
