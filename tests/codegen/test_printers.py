"""Numbers and NumPy-semantics functions in the two printers (the text they produce).

End-to-end checks of the same rules on both targets are in test_numbers.py.
"""
import math

import pytest
import sympy

from eqsim.codegen.printers import CPrinter, NumpyPrinter, double_literal, integer_literal
from eqsim.errors import CodegenError
from eqsim.parsing import functions as fn

x = sympy.Symbol("x", real=True)
NAMES = {"x": "x"}  # the generated-code text of each symbol (kernel.py makes it with mangle)


def both(expr):
    """The text of ``expr`` as part of a larger expression, on each target."""
    return CPrinter(names=NAMES)._print(expr), NumpyPrinter(names=NAMES)._print(expr)


@pytest.mark.parametrize("n, text", [
    (2 ** 70, "1.1805916207174113e+21"), (10 ** 20, "1e+20"), (-(2 ** 63) - 1, "-9.223372036854776e+18"),
    (2 ** 31, "2147483648.0"), (3_000_000_000, "3000000000.0"), (2 ** 53 + 1, "9007199254740992.0"),
])
def test_integers_beyond_int32_print_as_the_nearest_double_on_both_targets(n, text):
    assert both(sympy.Integer(n)) == (text, text)
    assert float(text) == float(n)


@pytest.mark.parametrize("n", [0, 7, -5, 2 ** 31 - 1, -(2 ** 31) + 1])
def test_small_integers_stay_integer_literals(n):
    assert both(sympy.Integer(n)) == (str(n), str(n))


def test_integers_beyond_the_doubles_print_as_infinity():
    assert both(sympy.Integer(10) ** 400) == ("INFINITY", "numpy.inf")
    assert both(-sympy.Integer(10) ** 400) == ("(-INFINITY)", "(-numpy.inf)")


def test_rationals_print_as_one_correctly_rounded_double_not_an_integer_division():
    assert both(sympy.Rational(1, 3)) == ("0.3333333333333333", "0.3333333333333333")
    assert both(sympy.Rational(-7, 2)) == ("-3.5", "-3.5")
    assert both(sympy.Rational(1, 10 ** 400)) == ("0.0", "0.0")  # underflow, as 1/10**400 in Python
    assert both(sympy.Rational(10 ** 400, 3)) == ("INFINITY", "numpy.inf")


def test_floats_round_trip_and_overflowing_ones_are_infinite():
    assert both(sympy.Float(0.1)) == ("0.1", "0.1")
    assert both(sympy.Float("5e-324")) == ("5e-324", "5e-324")
    assert both(sympy.Float("1e309")) == ("INFINITY", "numpy.inf")  # sympy keeps 1e309 finite


def test_infinities_and_nan_use_each_target_s_names():
    assert both(sympy.oo) == ("INFINITY", "numpy.inf")
    assert both(-sympy.oo) == ("(-INFINITY)", "(-numpy.inf)")
    assert both(sympy.nan) == ("NAN", "numpy.nan")


def test_complex_infinity_is_refused():
    with pytest.raises(CodegenError, match="complex infinity"):
        CPrinter(names=NAMES).doprint(sympy.zoo)


def test_double_literal_always_reads_as_a_double_in_c():
    for value in (1.0, -2.0, 1e22, 2.0 ** 60, 123456789.0):
        text = double_literal(value, "INFINITY", "NAN")
        assert "." in text or "e" in text
        assert float(text) == value
    assert integer_literal(2 ** 40, "INFINITY", "NAN") == "1099511627776.0"
    assert math.isnan(float(double_literal(math.nan, "nan", "nan")))


def test_cube_root_is_pow_not_cbrt_so_negative_bases_give_nan_as_in_numpy():
    c, numpy_text = both(x ** sympy.Rational(1, 3))
    assert c == "pow(x, 0.3333333333333333)" and "cbrt" not in c
    assert numpy_text == "numpy.float_power(x, 0.3333333333333333)"


def test_powers_are_spelled_alike_on_both_targets():
    assert both(x ** 3) == ("((x)*(x)*(x))", "((x)*(x)*(x))")
    assert both(x ** -2) == ("(1.0/((x)*(x)))", "(1.0/((x)*(x)))")
    assert both(1 / x) == ("(1.0/((x)))", "(1.0/((x)))")
    assert both(sympy.sqrt(x)) == ("sqrt(x)", "numpy.sqrt(x)")
    assert both(x ** sympy.Float(0.5)) == ("sqrt(x)", "numpy.sqrt(x)")
    assert both(x ** 7) == ("pow(x, 7.0)", "numpy.float_power(x, 7.0)")


def test_clip_sign_and_mod_in_c_follow_numpy():
    assert CPrinter(names=NAMES).doprint(fn.clip(x, 0, 1)) == "eqsim_clip(x, 0, 1)"
    assert CPrinter(names=NAMES).doprint(sympy.sign(x)) == "eqsim_sign(x)"
    assert CPrinter(names=NAMES).doprint(sympy.Mod(x, 3)) == "eqsim_mod(x, 3)"
    # in doubles, as C (string assignments evaluate int32 arrays: n % 0 was 0, C's NaN)
    assert NumpyPrinter(names=NAMES).doprint(sympy.Mod(x, 3)) == \
        "numpy.mod(numpy.asarray(x, dtype=numpy.float64), 3)"
    # Python's a // b (numpy.floor_divide), not the floor of the rounded quotient
    assert CPrinter(names=NAMES).doprint(fn.floordiv(x, 3)) == "eqsim_floordiv(x, 3)"
    assert NumpyPrinter(names=NAMES).doprint(fn.floordiv(x, 3)) == \
        "numpy.floor_divide(numpy.asarray(x, dtype=numpy.float64), 3)"


def test_a_bare_number_is_a_numpy_scalar_so_dividing_by_it_follows_numpy():
    assert NumpyPrinter(names=NAMES).doprint(sympy.Float(0.0)) == "numpy.float64(0.0)"
    assert NumpyPrinter(names=NAMES).doprint(x + 1) == "x + 1"


def test_int_of_a_truth_value_is_a_double_on_the_numpy_target():
    text = NumpyPrinter(names=NAMES).doprint(fn.int_(x > 1))
    assert text == "numpy.trunc(numpy.asarray((x > 1), dtype=numpy.float64))"
