"""format() of quantities as in Brian2 2.9.0: without a spec the unit is shown, with a
spec the SI value is formatted like a float (values obtained by running Brian2 2.9.0)."""
import numpy as np
import pytest

from eqsim import mV, ms


def test_empty_format_spec_shows_the_unit():
    q = 0.5 * ms
    assert f"{q}" == f"{q!s}" == str(q) == "0.5 ms"


def test_format_spec_formats_the_value_in_si_units():
    # Brian2 2.9.0: f"{0.5*ms:g}" -> '0.0005', f"{0.5*ms:.3e}" -> '5.000e-04',
    # format(3*mV, ">10") -> '     0.003', f"{mV:g}" -> '0.001'
    assert f"{0.5 * ms:g}" == "0.0005"
    assert f"{0.5 * ms:.3e}" == "5.000e-04"
    assert format(3 * mV, ">10") == "     0.003"
    assert f"{mV:g}" == "0.001"


def test_format_spec_on_an_array_quantity_is_a_type_error():
    # Brian2 2.9.0 (NumPy's ndarray.__format__): TypeError
    with pytest.raises(TypeError):
        f"{np.array([1, 2]) * mV:g}"
