"""check_units lets strings and None through unchecked, as Brian2 2.9.0 does (a string
presumably names a variable); values from running Brian2 2.9.0's test_check_units."""
import pytest

from eqsim import DimensionMismatchError, check_units, mV, second, volt


@check_units(v=volt)
def a_function(v, x):
    return v


def test_string_and_none_arguments_pass_unchecked():
    # Brian2 2.9.0: a_function("a string", None) and a_function(None, None) return normally
    assert a_function("a string", None) == "a string"
    assert a_function(None, None) is None
    assert a_function(3 * mV, "something") == 3 * mV


def test_wrong_units_and_non_quantities_are_still_refused():
    # Brian2 2.9.0: DimensionMismatchError for 5*second and 5, TypeError for object()
    with pytest.raises(DimensionMismatchError):
        a_function(5 * second, None)
    with pytest.raises(DimensionMismatchError):
        a_function(5, None)
    with pytest.raises(TypeError):
        a_function(object(), None)
