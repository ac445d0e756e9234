"""Values given from Python as ranges, lists and tuples (of numbers or quantities), with
Brian2's unit checks; anything that is not numbers is a clear error. Brian2's results for
the accepted forms are compared in tests/reference/test_brian2_linked_variables.py
(sequence_values)."""
import numpy as np
import pytest

from eqsim import DimensionMismatchError, NeuronGroup, Synapses, mV, ms
from eqsim.errors import ValueTypeError
from eqsim.groups.group import StateError


def group():
    return NeuronGroup(5, "v : volt\nk : integer\nx : 1\nb : boolean", name="G")


def test_a_range_sets_integer_float_and_unit_variables():
    G = group()
    G.k = range(5)
    G.x[1:4] = range(3)
    G.v = range(5) * mV
    np.testing.assert_array_equal(G.k[:], [0, 1, 2, 3, 4])
    np.testing.assert_array_equal(G.x[:], [0, 0, 1, 2, 0])
    np.testing.assert_allclose(G.v_[:], np.arange(5) * 1e-3)
    np.testing.assert_allclose((mV * range(2)) / mV, [0, 1])


def test_a_range_without_the_unit_is_a_dimension_error():
    with pytest.raises(DimensionMismatchError):
        group().v = range(5)


def test_synaptic_variables_take_ranges_and_quantity_lists():
    G = group()
    S = Synapses(G, G, "w : 1\nd : second")
    S.connect(i=[0, 1, 2], j=[1, 2, 3])
    S.w = range(3)
    S.d = (1 * ms, 2 * ms, 3 * ms)
    np.testing.assert_array_equal(S.w[:], [0, 1, 2])
    np.testing.assert_allclose(S.d_[:], [1e-3, 2e-3, 3e-3])


@pytest.mark.parametrize("value", [["a"] * 5, [None] * 5, [{}, 1, 2, 3, 4]])
def test_values_that_are_not_numbers_raise_a_type_error(value):
    G = group()
    with pytest.raises(ValueTypeError, match="not numbers") as info:
        G.x = value
    assert isinstance(info.value, TypeError) and info.value.code == "EQ157"
    np.testing.assert_array_equal(G.x[:], 0)


def test_a_nested_list_is_not_spread_over_the_elements():
    G = group()
    with pytest.raises(StateError, match="shape"):
        G.x = [[1, 2, 3, 4, 5]]
    with pytest.raises(StateError, match="shape"):
        G.x[[0, 2]] = [[1, 2]]
    np.testing.assert_array_equal(G.x[:], 0)


def test_a_range_of_the_wrong_length_is_refused():
    G = group()
    with pytest.raises(StateError, match="3 values into 5 elements"):
        G.k = range(3)
