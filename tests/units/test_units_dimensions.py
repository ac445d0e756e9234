import copy
import pickle

import numpy as np
import pytest

from eqsim.errors import DimensionMismatchError, EqsimError
from eqsim.units import (DIMENSIONLESS, Dimension, fail_for_dimension_mismatch, get_dimensions,
                         get_or_create_dimension, get_unit_for_display, have_same_dimensions,
                         is_dimensionless, ms, mV, nS, second, um2, volt)

VOLT = Dimension.from_exponents(m=2, kg=1, s=-3, A=-1)


def test_equal_exponents_give_the_identical_interned_dimension():
    assert Dimension.from_exponents(m=1, s=-1) is get_or_create_dimension(m=1, s=-1)
    assert get_or_create_dimension((2, 1, -3, -1, 0, 0, 0)) is VOLT
    assert get_or_create_dimension(length=2, mass=1, time=-3, current=-1) is VOLT


def test_dimension_is_immutable_and_hashable():
    with pytest.raises(AttributeError):
        VOLT._exponents = (0,) * 7
    assert {VOLT: "v"}[Dimension.from_exponents(m=2, kg=1, s=-3, A=-1)] == "v"


def test_multiplication_division_and_power_combine_exponents():
    second_dim = Dimension.from_exponents(s=1)
    metre = Dimension.from_exponents(m=1)
    assert (metre / second_dim).exponents == (1.0, 0.0, -1.0, 0.0, 0.0, 0.0, 0.0)
    assert metre * metre is metre ** 2
    assert (metre ** 2) ** 0.5 is metre
    assert 1 / second_dim is second_dim ** -1
    assert (VOLT / VOLT).is_dimensionless
    assert not VOLT.is_dimensionless


def test_exponent_round_off_does_not_create_a_new_dimension():
    metre = Dimension.from_exponents(m=1)
    assert (metre ** (1 / 3)) ** 3 is metre


def test_str_is_brian2s_base_unit_form_even_for_a_named_dimension():
    # Brian2 2.9.0: str(get_dimensions(mV)) is 'm^2 kg s^-3 A^-1' (eqsim printed 'V'),
    # str of 1/second's dimension 's^-1' (eqsim: 'Hz'), of DIMENSIONLESS '1'
    assert str(VOLT) == "m^2 kg s^-3 A^-1"
    assert str(Dimension.from_exponents(s=1)) == "s"
    assert str(Dimension.from_exponents(s=-1)) == "s^-1"
    assert str(DIMENSIONLESS) == "1"


def test_str_falls_back_to_base_units_with_exponents():
    assert str(Dimension.from_exponents(m=2)) == "m^2"
    assert str(VOLT * VOLT) == "m^4 kg^2 s^-6 A^-2"
    assert str(Dimension.from_exponents(m=0.5)) == "m^0.5"


def test_repr_is_brian2s_python_code_in_base_units():
    # Brian2 2.9.0: repr(get_dimensions(mV)) is 'metre ** 2 * kilogram * second ** -3 *
    # amp ** -1', repr(DIMENSIONLESS) 'Dimension()'; evaluated, the repr has that dimension
    import eqsim.units as units
    assert repr(VOLT) == "metre ** 2 * kilogram * second ** -3 * amp ** -1"
    assert units.get_dimensions(eval(repr(VOLT), vars(units))) is VOLT  # noqa: S307
    assert repr(Dimension.from_exponents(m=0.5, cd=1)) == "metre ** 0.5 * candle"
    assert repr(DIMENSIONLESS) == "Dimension()"


def test_pickled_and_copied_dimensions_stay_interned():
    assert pickle.loads(pickle.dumps(VOLT)) is VOLT
    assert copy.deepcopy(VOLT) is VOLT


def test_get_dimensions_of_numbers_arrays_and_quantities():
    assert get_dimensions(3) is DIMENSIONLESS
    assert get_dimensions(2.5) is DIMENSIONLESS
    assert get_dimensions(True) is DIMENSIONLESS
    assert get_dimensions(np.arange(3)) is DIMENSIONLESS
    assert get_dimensions([1, 2]) is DIMENSIONLESS
    assert get_dimensions(3 * mV) is VOLT
    assert get_dimensions([1 * mV, 2 * mV]) is VOLT
    assert get_dimensions(VOLT) is VOLT
    with pytest.raises(TypeError):
        get_dimensions("volt")


def test_have_same_dimensions_and_is_dimensionless():
    assert have_same_dimensions(3 * mV, volt)
    assert not have_same_dimensions(3 * mV, 3 * ms)
    assert have_same_dimensions(2, np.ones(3))
    assert is_dimensionless(ms / second)
    assert not is_dimensionless(ms)


def test_fail_for_dimension_mismatch_returns_dims_when_they_agree():
    assert fail_for_dimension_mismatch(1 * mV, 2 * volt) == (VOLT, VOLT)
    assert fail_for_dimension_mismatch(3.0) == (DIMENSIONLESS, DIMENSIONLESS)


def test_fail_for_dimension_mismatch_raises_eqsim_error_naming_both_units():
    with pytest.raises(DimensionMismatchError) as info:
        fail_for_dimension_mismatch(1 * mV, 2 * ms, "Cannot add v and t")
    error = info.value
    assert isinstance(error, EqsimError)
    assert error.code == "EQ200"
    assert "Cannot add v and t" in str(error)
    assert "volt" in str(error) and "second" in str(error)
    assert set(error.dims) == {VOLT, Dimension.from_exponents(s=1)}


def test_fail_for_dimension_mismatch_without_second_argument_needs_dimensionless():
    with pytest.raises(DimensionMismatchError, match="volt"):
        fail_for_dimension_mismatch(1 * mV)


def test_get_unit_for_display_gives_unit_names_and_readable_combinations():
    assert get_unit_for_display(VOLT) == "volt"
    assert get_unit_for_display(ms) == "second"
    assert get_unit_for_display(nS) == "siemens"
    assert get_unit_for_display(DIMENSIONLESS) == "1"
    assert get_unit_for_display(3.0) == "1"
    assert get_unit_for_display(nS / um2) == "siemens / metre ** 2"
    assert get_unit_for_display(mV / ms) == "volt / second"
    assert get_unit_for_display(Dimension.from_exponents(m=2)) == "metre ** 2"
