"""A plain (dimensionless) zero stands for zero in any unit, as in Brian2 2.9.0.

Expected values were obtained by running the same lines with Brian2 2.9.0.
"""
import numpy as np
import pytest

from eqsim import DimensionMismatchError, Quantity, mV, second, volt


def test_adding_or_subtracting_plain_zero_keeps_the_quantity():
    # Brian2 2.9.0: 3*mV + 0 -> 3. mV, 0 - 3*mV -> -3. mV
    for result, expected in [(3 * mV + 0, 3 * mV), (0 + 3 * mV, 3 * mV),
                             (3 * mV - 0, 3 * mV), (0 - 3 * mV, -3 * mV)]:
        assert isinstance(result, Quantity) and result.dim is volt.dim
        assert float(result) == pytest.approx(float(expected))


def test_adding_an_array_of_zeros_keeps_the_unit():
    # Brian2 2.9.0: array([1, 2])*mV + zeros(2) -> [1. 2.] mV
    result = np.array([1, 2]) * mV + np.zeros(2)
    assert result.dim is volt.dim
    np.testing.assert_allclose(np.asarray(result), [0.001, 0.002])
    assert (np.array([1, 2]) * mV - 0.0).dim is volt.dim


def test_nonzero_plain_numbers_still_mismatch():
    with pytest.raises(DimensionMismatchError):
        3 * mV + 1
    with pytest.raises(DimensionMismatchError):
        3 * mV - np.array([0.0, 1.0])
    with pytest.raises(DimensionMismatchError):
        3 * mV + 0 * second  # a zero with a unit is not "any unit"


def test_setting_an_element_to_plain_zero():
    # Brian2 2.9.0: q[1, 2] = 0 is allowed and gives 0 mV
    q = np.reshape(np.arange(6), (2, 3)) * mV
    q[1, 2] = 0
    assert q[1, 2] == 0 * mV
    with pytest.raises(DimensionMismatchError):
        q[0] = 1


def test_where_with_a_plain_zero_branch_keeps_the_other_branch_unit():
    # Brian2 2.9.0: where([True, False], 3*mV, 0) -> [3. 0.] mV
    result = np.where(np.array([True, False]), 3 * mV, 0)
    assert result.dim is volt.dim
    np.testing.assert_allclose(np.asarray(result), [0.003, 0.0])
    with pytest.raises(DimensionMismatchError):
        np.where(np.array([True, False]), 3 * mV, 1)


def test_where_with_one_branch_is_a_value_error_and_three_a_type_error():
    # Brian2 2.9.0: where(cond, ar1) -> ValueError, where(cond, ar1, ar1, ar2) -> TypeError
    cond = np.array([True, False])
    with pytest.raises(ValueError):
        np.where(cond, np.array([1, 2]) * mV)
    with pytest.raises(TypeError):
        np.where(cond, np.array([1, 2]) * mV, np.array([1, 2]) * mV, np.array([1, 2]) * mV)
