"""Brian2's Quantity/Dimension API that scripts call, with Brian2 2.9.0's values in the
comments: q.dimensions, q.has_same_dimensions, Quantity.with_dimensions with exponents,
Dimension.get_dimension, the refusal of cumprod and of lists mixing numbers and
quantities, and the plain zero that fits any unit in linspace/arange."""
import numpy as np
import pytest

from eqsim import *  # noqa: F401,F403 - the names a Brian2 script has
from eqsim.units import DIMENSIONLESS, Quantity, get_dimensions


def test_dimensions_is_dim_and_can_be_set():
    # Brian2: (5*mV).dimensions is metre ** 2 * kilogram * second ** -3 * amp ** -1
    q = 5 * mV
    assert q.dimensions is volt.dim
    q.dimensions = second.dim
    assert q.dim is second.dim


def test_has_same_dimensions_compares_with_quantities_numbers_and_dimensions():
    # Brian2: (5*mV).has_same_dimensions(3*volt) True, .has_same_dimensions(3) False
    assert (5 * mV).has_same_dimensions(3 * volt)
    assert not (5 * mV).has_same_dimensions(3)
    assert (5 * mV).has_same_dimensions(volt.dim)
    assert Quantity([1, 2]).has_same_dimensions(1)


def test_with_dimensions_takes_keywords_exponents_or_a_dimension():
    # Brian2: Quantity.with_dimensions([1, 2], second=1) is array([1., 2.]) * second,
    # Quantity.with_dimensions(2, length=1) is 2. * metre
    times = Quantity.with_dimensions(array([1, 2]), second=1)
    assert times.dim is second.dim and list(times / second) == [1.0, 2.0]
    assert Quantity.with_dimensions(2, length=1) == 2 * metre
    assert Quantity.with_dimensions(2, metre=1, second=-1).dim is (metre / second).dim
    assert Quantity.with_dimensions(3, volt.dim) == 3 * volt
    assert Quantity.with_dimensions(3, [1, 0, 0, 0, 0, 0, 0]) == 3 * metre
    plain = Quantity.with_dimensions(3, DIMENSIONLESS)
    assert isinstance(plain, Quantity) and plain.dim is DIMENSIONLESS


def test_dimension_get_dimension_reads_one_exponent_by_any_brian2_name():
    # Brian2: get_dimensions(mV).get_dimension("time") is -3, ("length") is 2
    dim = get_dimensions(mV)
    assert dim.get_dimension("time") == -3 and dim.get_dimension("s") == -3
    assert dim.get_dimension("length") == 2 and dim.get_dimension("Electric Current") == -1
    assert dim.get_dimension("candles") == 0 and dim.dim is dim
    with pytest.raises(KeyError):
        dim.get_dimension("colour")


def test_a_list_mixing_plain_numbers_and_quantities_is_a_type_error():
    # Brian2: Quantity([1, mV]) and get_dimensions([1, mV]) raise TypeError
    for mixed in ([1, mV], [mV, 1], [[1 * mV], [2]], (0, 3 * mV)):
        with pytest.raises(TypeError):
            Quantity(mixed)
        with pytest.raises(TypeError):
            get_dimensions(mixed)
    assert get_dimensions([mV, 2 * mV]) is volt.dim


def test_check_units_with_a_list_mixing_units_and_numbers_is_a_type_error():
    # Brian2: @check_units(x=[1, mV]) makes every call raise TypeError ("Object of type
    # <class 'list'> does not have dimensions")
    checked = check_units(x=[1, mV])(lambda x: x)
    for argument in (3, 3 * mV):
        with pytest.raises(TypeError):
            checked(argument)


def test_cumprod_of_a_quantity_with_a_unit_is_a_type_error():
    # Brian2: (np.arange(1, 5)*mV).cumprod() raises TypeError("cumprod over array
    # elements on quantities with dimensions is not possible.")
    values = np.arange(1, 5) * mV
    for call in (values.cumprod, lambda: np.cumprod(values), lambda: np.nancumprod(values)):
        with pytest.raises(TypeError, match="cumprod over array elements") as info:
            call()
        assert info.value.code == "EQ294"
    np.testing.assert_array_equal((values / mV).cumprod(), [1.0, 2.0, 6.0, 24.0])


def test_nanprod_raises_the_unit_to_the_element_count_like_prod():
    # Brian2: np.nanprod(np.arange(1, 5)*mV) is 2.4e-11 * metre ** 8.0 * kilogram ** 4.0 ...
    product = np.nanprod(np.arange(1, 5) * mV)
    assert product.dim is volt.dim ** 4 and float(product / volt ** 4) == pytest.approx(2.4e-11)


def test_linspace_lets_a_plain_zero_stand_for_any_unit_and_takes_starts_unit():
    # Brian2: linspace(0, 5*mV, 3) is array([0., 0.0025, 0.005]) (start's unit, none);
    # linspace(0*mV, 0, 3) is array([0., 0., 0.]) * volt; linspace(1, 5*mV, 3) refused
    np.testing.assert_allclose(linspace(0, 5 * mV, 3), [0.0, 0.0025, 0.005])
    assert not isinstance(linspace(0, 5 * mV, 3), Quantity)
    assert linspace(0 * mV, 0, 3).dim is volt.dim
    with pytest.raises(DimensionMismatchError):
        linspace(1, 5 * mV, 3)


def test_arange_lets_a_plain_zero_stop_or_step_fit_any_unit():
    # Brian2: arange(0*mV, 0, 1*mV) is array([], dtype=float64); arange(0, 3*mV) refused
    # (the default step 1 is dimensionless)
    empty = arange(0 * mV, 0, 1 * mV)
    assert empty.size == 0 and not isinstance(empty, Quantity)
    assert str(arange(0, 3 * mV, 1 * mV)) == "[0. 1. 2.] mV"
    with pytest.raises(DimensionMismatchError):
        arange(0, 3 * mV)


def test_zeros_like_gives_plain_zeros_as_ones_like_does():
    # Brian2: zeros_like([1, 2]*mV) and numpy.zeros_like([1, 2]*mV) are array([0., 0.])
    for zeros in (zeros_like(array([1, 2]) * mV), np.zeros_like(array([1, 2]) * mV)):
        assert not isinstance(zeros, Quantity)
        np.testing.assert_array_equal(zeros, [0.0, 0.0])


def test_a_dimension_changed_in_place_is_a_type_error():
    # Brian2: volt.dimensions.__imul__(...) raises TypeError("Dimension object is immutable")
    dim = volt.dim
    for change in ("dim *= dim", "dim /= dim", "dim **= 2"):
        with pytest.raises(TypeError, match="Dimension object is immutable") as info:
            exec(change, {"dim": dim})  # noqa: S102
        assert info.value.code == "EQ296"
    assert volt.dim is dim and str(dim) == "m^2 kg s^-3 A^-1"
