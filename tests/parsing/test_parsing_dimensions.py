"""dimension_of and check_equation_dimensions."""
import pytest

from eqsim.errors import DimensionMismatchError, EquationError, UnresolvedNameError
from eqsim.parsing.dimensions import check_equation_dimensions, dimension_of
from eqsim.parsing.equations import Equations
from eqsim.parsing.expressions import parse_expression
from eqsim.units import DIMENSIONLESS, all_units

VOLT = all_units["volt"].dim
AMP = all_units["amp"].dim
SECOND = all_units["second"].dim
METRE = all_units["metre"].dim
OHM = all_units["ohm"].dim

DIMS = {"v": VOLT, "v_th": VOLT, "I": AMP, "R": OHM, "tau": SECOND, "t": SECOND, "dt": SECOND,
        "area": METRE ** 2, "x": DIMENSIONLESS, "n": DIMENSIONLESS, "b": DIMENSIONLESS}


def dim(text, dims=DIMS, **kwargs):
    return dimension_of(parse_expression(text), dims, **kwargs)


def mismatch(text, dims=DIMS, **kwargs):
    with pytest.raises(DimensionMismatchError) as info:
        dim(text, dims, **kwargs)
    return info.value


# -- expressions -------------------------------------------------------------
def test_numbers_and_booleans_are_dimensionless():
    assert dim("3.5") is DIMENSIONLESS
    assert dim("True") is DIMENSIONLESS


def test_products_quotients_and_sums_combine_dimensions():
    assert dim("(R*I - v)/tau") == VOLT / SECOND
    assert dim("2*v + v_th") == VOLT


def test_sum_of_different_dimensions_names_terms_and_dimensions():
    error = mismatch("v + I")
    assert error.code == "EQ201"
    assert "v (volt)" in error.message and "I (amp)" in error.message
    assert set(error.dims) == {VOLT, AMP}


def test_missing_name_is_unresolved_with_close_match_hint():
    with pytest.raises(UnresolvedNameError) as info:
        dim("v_t + v")
    assert info.value.code == "EQ110" and "'v_t'" in info.value.message
    assert "v_th" in info.value.hint


def test_integer_and_fractional_powers_of_dimensioned_values():
    assert dim("v**2") == VOLT ** 2
    assert dim("area**0.5") == METRE
    assert dim("sqrt(area)") == METRE
    assert dim("2**x") is DIMENSIONLESS


def test_symbolic_power_of_dimensioned_value_is_rejected():
    assert mismatch("v**x").code == "EQ207"


def test_dimensioned_exponent_is_rejected():
    assert mismatch("x**v").code == "EQ207"


def test_comparison_needs_equal_dimensions_except_against_zero():
    assert dim("v > v_th") is DIMENSIONLESS
    assert dim("v > 0") is DIMENSIONLESS
    error = mismatch("v > I")
    assert error.code == "EQ202" and "amp" in error.message


def test_logical_operators_need_dimensionless_arguments():
    assert dim("v > v_th and not b") is DIMENSIONLESS
    assert mismatch("b and v").code == "EQ212"


def test_conditional_branches_must_agree_and_zero_agrees_with_any():
    assert dim("v if b else v_th") == VOLT
    assert dim("v if b else 0") == VOLT
    assert mismatch("v if b else I").code == "EQ201"


@pytest.mark.parametrize("text, expected", [
    ("exp(v/v_th)", DIMENSIONLESS), ("abs(v)", VOLT), ("clip(v, 0, v_th)", VOLT),
    ("floor(v)", VOLT), ("sign(v)", DIMENSIONLESS), ("rand()", DIMENSIONLESS),
    ("randn()", DIMENSIONLESS), ("int(x)", DIMENSIONLESS), ("timestep(t, dt)", DIMENSIONLESS),
    ("v % v_th", VOLT), ("v // v_th", DIMENSIONLESS), ("log10(x)", DIMENSIONLESS),
])
def test_whitelisted_function_dimension_rules(text, expected):
    assert dim(text) == expected


@pytest.mark.parametrize("text, code", [
    ("exp(v)", "EQ203"), ("int(v)", "EQ203"), ("clip(v, I, v_th)", "EQ201"),
    ("timestep(v, dt)", "EQ213"),
])
def test_function_dimension_rules_reject_bad_arguments(text, code):
    error = mismatch(text)
    assert error.code == code


def test_user_functions_use_the_given_rule():
    def stimulus(argument_dims):
        if argument_dims != [SECOND]:
            raise DimensionMismatchError("stimulus needs a time", *argument_dims)
        return AMP
    assert dim("stimulus(t)", functions={"stimulus": stimulus}) == AMP
    error = mismatch("stimulus(v)", functions={"stimulus": stimulus}, source="I = stimulus(v)",
                     line=1, obj="neurons")
    assert error.source == "I = stimulus(v)" and error.obj == "neurons"


def test_unknown_user_function_is_unresolved():
    with pytest.raises(UnresolvedNameError) as info:
        dim("open(x)")
    assert info.value.code == "EQ111" and "'open'" in info.value.message


def test_noise_names_have_dimension_second_to_the_minus_half():
    assert dim("xi") == SECOND ** -0.5
    assert dim("v*xi_1*tau**-0.5") == VOLT / SECOND


def test_errors_carry_the_given_context():
    error = mismatch("v + I", source="a\nx = v + I", line=2, obj="group")
    assert (error.source, error.line, error.obj) == ("a\nx = v + I", 2, "group")


# -- equations ---------------------------------------------------------------
def test_consistent_equations_pass():
    eqs = Equations("""
        dv/dt = (El - v + R*I)/tau + sigma*xi*tau**-0.5 : volt (unless refractory)
        I = I0*int(t > 10*ms) : amp
        above = v > -50*mV : boolean
        tau : second
        R : ohm
        sigma : volt
    """)
    check_equation_dimensions(eqs, {"El": VOLT, "I0": AMP, "t": SECOND})


def test_zero_right_hand_side_is_accepted_for_any_unit():
    check_equation_dimensions(Equations("dv/dt = 0 : volt"), {})


def test_differential_equation_with_wrong_rhs_dimension_says_expected_and_found():
    eqs = Equations("tau : second\ndv/dt = -v : volt", obj="neurons")
    with pytest.raises(DimensionMismatchError) as info:
        check_equation_dimensions(eqs, {})
    error = info.value
    assert error.code == "EQ210"
    assert "volt / second" in error.message and "has dimension volt" in error.message
    assert error.line == 2 and error.obj == "neurons"
    assert "dv/dt = -v : volt" in str(error)


def test_subexpression_with_wrong_dimension_is_rejected():
    eqs = Equations("x = v*2 : amp\nv : volt")
    with pytest.raises(DimensionMismatchError) as info:
        check_equation_dimensions(eqs, {})
    assert info.value.code == "EQ211" and info.value.line == 1


def test_equation_variables_shadow_external_names():
    eqs = Equations("dv/dt = -v/tau : volt\ntau : second")
    check_equation_dimensions(eqs, {"v": AMP, "tau": VOLT})


def test_unresolved_name_in_equation_reports_its_line():
    with pytest.raises(UnresolvedNameError) as info:
        check_equation_dimensions(Equations("a : 1\ndv/dt = -v/taux : volt"), {"tau": SECOND})
    assert info.value.line == 2 and isinstance(info.value, EquationError)
