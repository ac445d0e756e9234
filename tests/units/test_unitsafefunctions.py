"""arange keeps units as Brian2 2.9.0's does (brian2.units.unitsafefunctions.arange);
expected arrays obtained by running the same calls with Brian2 2.9.0."""
import numpy as np
import pytest

import eqsim
import eqsim.numpy_
from eqsim import DimensionMismatchError, arange, mV, ms, second
from eqsim.units import unitsafefunctions


def test_arange_of_quantities_is_in_their_unit():
    # Brian2 2.9.0: arange(1*mV, 5*mV, 1*mV) -> array([1., 2., 3., 4.]) * mvolt
    result = arange(1 * mV, 5 * mV, 1 * mV)
    assert result.dim is mV.dim
    np.testing.assert_allclose(np.asarray(result), [0.001, 0.002, 0.003, 0.004])
    # Brian2 2.9.0: arange(0, 5*mV, 1*mV) and arange(5*mV, step=1*mV) -> [0. 1. 2. 3. 4.] mV
    for result in (arange(0, 5 * mV, 1 * mV), arange(5 * mV, step=1 * mV)):
        assert result.dim is mV.dim
        np.testing.assert_allclose(np.asarray(result), np.arange(5) * 1e-3)
    times = arange(0 * second, 1 * ms, 0.25 * ms)
    np.testing.assert_allclose(np.asarray(times / ms), [0, 0.25, 0.5, 0.75])


def test_arange_of_plain_numbers_is_numpys():
    np.testing.assert_array_equal(arange(5), np.arange(5))
    np.testing.assert_array_equal(arange(1, 5), np.arange(1, 5))
    np.testing.assert_array_equal(arange(10, step=2), np.arange(10, step=2))
    np.testing.assert_array_equal(arange(0, 5, 0.5), np.arange(0, 5, 0.5))


@pytest.mark.parametrize("args", [(1 * mV, 5), (5 * mV,), (1 * mV, 5 * mV), (1 * mV, 5 * mV, 1)])
def test_arange_with_mixed_units_is_a_dimension_mismatch(args):
    # Brian2 2.9.0 raises DimensionMismatchError for each (the default step 1 has no unit)
    with pytest.raises(DimensionMismatchError):
        arange(*args)


def test_arange_argument_errors_are_type_errors():
    with pytest.raises(TypeError):
        arange(1, 2, 3, 4)
    with pytest.raises(TypeError):
        arange()
    with pytest.raises(TypeError):
        arange(5, stop=6)


def test_every_public_arange_is_the_unit_aware_one():
    assert eqsim.arange is eqsim.numpy_.arange is eqsim.units.arange is unitsafefunctions.arange
