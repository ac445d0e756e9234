"""Values that are not numbers raise TypeError, as in Brian2 2.9.0 (checked by running the
same lines there), and eqsim's error says which value."""
import numpy as np
import pytest

from eqsim import DimensionMismatchError, Quantity, kilogram, mV, ms, volt
from eqsim.errors import EqsimError


@pytest.mark.parametrize("operation", [
    lambda q: q / "string", lambda q: "string" / q, lambda q: "string" * q,
    lambda q: q * "string", lambda q: q + "string"])
def test_string_operands_are_type_errors(operation):
    # Brian2 2.9.0: TypeError for each ("string" * q used to ask q for an index)
    with pytest.raises(TypeError) as info:
        operation(3 * mV)
    if isinstance(info.value, EqsimError):  # "*" is refused by eqsim, the others by Python
        assert info.value.code == "EQ290"


def test_multiplying_by_a_string_names_the_string():
    with pytest.raises(TypeError, match="'string'") as info:
        "string" * (3 * mV)
    assert info.value.code == "EQ290"


def test_comparing_with_a_string_is_not_equal():
    # Brian2 2.9.0: 3*mV == 'a' -> False, 3*mV != 'a' -> True, 3*mV < 'a' -> TypeError
    assert not (3 * mV == "a") and (3 * mV != "a")
    with pytest.raises(TypeError):
        3 * mV < "a"


def test_raising_to_an_array_of_different_exponents_is_a_type_error():
    # Brian2 2.9.0: (array([1, 2])*kilogram) ** array([2, 3]) -> TypeError
    q = np.array([1, 2]) * kilogram
    with pytest.raises(TypeError) as info:
        q ** np.array([2, 3])
    assert info.value.code == "EQ291"
    with pytest.raises(TypeError):
        q **= np.arange(10)
    with pytest.raises(DimensionMismatchError):
        q ** (2 * mV)


def test_lists_mixing_quantities_and_plain_numbers_are_type_errors():
    # Brian2 2.9.0: Quantity([500*ms, 1]) and Quantity(["some", "nonsense"]) -> TypeError,
    # Quantity([500*ms, 1*volt]) -> DimensionMismatchError
    with pytest.raises(TypeError):
        Quantity([500 * ms, 1])
    with pytest.raises(TypeError):
        Quantity(["some", "nonsense"])
    with pytest.raises(DimensionMismatchError):
        Quantity([500 * ms, 1 * volt])
    np.testing.assert_allclose(np.asarray(Quantity([[1 * mV], [2 * mV]])), [[0.001], [0.002]])


def test_a_quantity_with_a_unit_as_an_index_is_a_type_error_and_a_mismatch():
    # Brian2 2.9.0: [1, 2][1*mV] -> TypeError
    with pytest.raises(TypeError) as info:
        [1, 2][1 * mV]
    assert isinstance(info.value, DimensionMismatchError)


def test_complex_of_a_quantity_is_its_si_value():
    # Brian2 2.9.0: complex(3*mV) -> (0.003+0j), like float(3*mV) -> 0.003
    assert complex(3 * mV) == 0.003 + 0j
