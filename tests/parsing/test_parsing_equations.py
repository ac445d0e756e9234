"""Equations: Brian2's equation grammar, flags, units, combination, substitution."""
import pytest
import sympy

from eqsim.errors import EquationError
from eqsim.parsing.equations import Equations, SingleEquation
from eqsim.units import DIMENSIONLESS, all_units

VOLT = all_units["volt"].dim
AMP = all_units["amp"].dim
SECOND = all_units["second"].dim
SIEMENS = all_units["siemens"].dim


def sym(name):
    return sympy.Symbol(name, real=True)


def error_of(text, **kwargs):
    with pytest.raises(EquationError) as info:
        Equations(text, **kwargs)
    return info.value


LIF = """
    dv/dt = (I - v)/tau : volt (unless refractory)   # membrane
    x = 2*v : volt

    I : amp
    tau : second (constant)
"""


def test_differential_equation_fields():
    eq = Equations(LIF)["v"]
    assert isinstance(eq, SingleEquation)
    assert (eq.kind, eq.name, eq.unit_text, eq.var_type) == ("differential", "v", "volt", "float")
    assert eq.expr == (sym("I") - sym("v")) / sym("tau")
    assert eq.dim == VOLT
    assert eq.flags == ("unless refractory",)
    assert eq.line == 2
    assert eq.text == "dv/dt = (I - v)/tau : volt (unless refractory)"


def test_subexpression_and_parameter_fields():
    eqs = Equations(LIF)
    assert (eqs["x"].kind, eqs["x"].expr, eqs["x"].dim) == ("subexpression", 2 * sym("v"), VOLT)
    assert (eqs["I"].kind, eqs["I"].expr, eqs["I"].dim) == ("parameter", None, AMP)
    assert eqs["tau"].flags == ("constant",)


def test_name_views_keep_order_and_support_set_operations():
    eqs = Equations(LIF)
    assert list(eqs.names) == ["v", "x", "I", "tau"]
    assert list(eqs.diff_eq_names) == ["v"]
    assert list(eqs.subexpr_names) == ["x"]
    assert list(eqs.parameter_names) == ["I", "tau"]
    assert eqs.names - {"x"} == {"v", "I", "tau"}
    assert eqs.parameter_names == {"I", "tau"}


def test_equations_behave_as_an_ordered_mapping():
    eqs = Equations(LIF)
    assert list(eqs) == ["v", "x", "I", "tau"]
    assert len(eqs) == 4 and "tau" in eqs and "w" not in eqs
    assert list(eqs.equations) == list(eqs)


def test_dimensions_and_types_of_every_variable():
    eqs = Equations("b : boolean\nn : integer\nw : 1 (shared)\ng : siemens/meter**2\n"
                    "k : 1/(volt*second)")
    assert eqs.dimensions == {"b": DIMENSIONLESS, "n": DIMENSIONLESS, "w": DIMENSIONLESS,
                              "g": SIEMENS / all_units["metre"].dim ** 2,
                              "k": (VOLT * SECOND) ** -1}
    assert [eqs[name].var_type for name in "bnwgk"] == ["boolean", "integer", "float", "float",
                                                       "float"]
    assert eqs["w"].flags == ("shared",)


@pytest.mark.parametrize("line, name, flags", [
    ("dapre/dt = -apre/taupre : 1 (clock-driven)", "apre", ("clock-driven",)),
    ("dv / dt = -v/tau : volt", "v", ()),
    ("d delta/dt = -delta/tau : 1 (event-driven)", "delta", ("event-driven",)),
    ("x = v : 1 (constant over dt)", "x", ("constant over dt",)),
    ("x : 1 (constant over dt)", "x", ("constant over dt",)),
    ("g_post = g : siemens (summed)", "g_post", ("summed",)),
    ("c : 1 (constant, shared)", "c", ("constant", "shared")),
    ("s = a == b : boolean", "s", ()),
])
def test_line_forms_and_flags(line, name, flags):
    eqs = Equations(line)
    assert list(eqs) == [name] and eqs[name].flags == flags


def test_unknown_flag_is_named():
    error = error_of("dv/dt = -v/tau : volt (unles refractory)")
    assert error.code == "EQ121" and "'unles refractory'" in error.message
    assert error.column == 23


def test_flag_of_another_kind_of_equation_is_rejected():
    error = error_of("tau : second (unless refractory)")
    assert error.code == "EQ121" and "does not apply to the parameter" in error.message


def test_repeated_flag_is_rejected():
    assert error_of("tau : second (constant, constant)").code == "EQ121"


def test_unknown_unit_is_named_and_pointed_at():
    error = error_of("I : amp\nv : milivolt")
    assert error.code == "EQ122" and "'milivolt'" in error.message
    assert "Did you mean" in error.hint
    assert (error.line, error.column) == (2, 4)


def test_unit_with_numeric_factor_is_rejected():
    assert error_of("v : 2*volt").code == "EQ122"


def test_unit_part_cannot_run_code():
    assert error_of("v : volt.__class__").code == "EQ102"


def test_duplicate_definition_is_rejected():
    error = error_of("v : volt\ndv/dt = -v/tau : volt")
    assert error.code == "EQ123" and error.line == 2 and "'v'" in error.message


@pytest.mark.parametrize("line", ["t : second", "dt : second", "i : 1", "N : 1", "xi : 1",
                                  "xi_2 : 1", "_v : volt", "exp : 1", "dpi/dt = 1/second : 1"])
def test_reserved_names_cannot_be_defined(line):
    assert error_of(line).code == "EQ125"


def test_differential_equation_cannot_be_boolean():
    assert error_of("db/dt = 1/second : boolean").code == "EQ126"


@pytest.mark.parametrize("line", ["v volt", "v + w : volt", "dv/dt : volt", "2 = v : 1"])
def test_malformed_lines_are_rejected(line):
    assert error_of(line).code == "EQ120"


def test_error_in_right_hand_side_points_into_the_full_text():
    error = error_of("I : amp\n  dv/dt = v.real/tau : volt", obj="neurons")
    assert error.code == "EQ102"
    assert (error.line, error.column) == (2, 10)
    assert error.obj == "neurons"


def test_str_round_trips_through_the_parser():
    eqs = Equations(LIF + "w : 1 (constant, shared)")
    again = Equations(str(eqs))
    assert str(again) == str(eqs)
    for name in eqs:
        assert (again[name].expr, again[name].dim, again[name].flags) == (
            eqs[name].expr, eqs[name].dim, eqs[name].flags)


def test_addition_combines_equations_and_strings():
    combined = Equations("dv/dt = -v/tau : volt") + "tau : second"
    assert list(combined) == ["v", "tau"]
    assert list("I : amp" + combined) == ["I", "v", "tau"]
    assert list(combined + Equations("I : amp")) == ["v", "tau", "I"]


def test_addition_rejects_duplicates():
    with pytest.raises(EquationError) as info:
        Equations("v : volt") + "v : volt"
    assert info.value.code == "EQ123"


def test_identifiers_are_the_names_used_but_not_defined():
    eqs = Equations("dv/dt = (El - v + stim(t))/tau + s*xi*tau**-0.5 : volt\ntau : second")
    assert eqs.identifiers == {"El", "stim", "t", "s"}
    assert eqs.stochastic_variables == {"xi"}


def test_substitution_renames_identifiers_including_the_defined_variable():
    eqs = Equations("dx/dt = -x/tau : volt", x="v", tau="tau_m")
    assert list(eqs) == ["v"]
    assert eqs["v"].expr == -sym("v") / sym("tau_m")
    assert str(eqs) == "dv/dt = -v/tau_m : volt"


def test_substitution_replaces_names_by_numbers_without_touching_longer_names():
    eqs = Equations("dx/dt = -x/tau + tau_2*c : 1", tau=0.5, c=-2)
    assert eqs["x"].expr == -sym("x") / sympy.Float(0.5) - 2 * sym("tau_2")


def test_substitution_inserts_quantities_with_their_units_as_brian2_does():
    eqs = Equations("dx/dt = (E - x)/tau : volt", tau=10 * all_units["ms"],
                    E=-70 * all_units["mV"])
    assert str(eqs) == "dx/dt = ((-0.07*(volt)) - x)/(0.01*(second)) : volt"
    assert {str(s) for s in eqs["x"].expr.free_symbols} == {"x", "volt", "second"}


@pytest.mark.parametrize("substitutions", [
    {"x": 2.0},                     # defined variable replaced by a number
    {"tau": [1, 2] * all_units["ms"]},  # an array: one value per neuron is no constant
    {"tau": "not a name"},
    {"tau": float("inf")},
])
def test_invalid_substitutions_are_rejected(substitutions):
    with pytest.raises(EquationError) as info:
        Equations("dx/dt = -x/tau : 1", **substitutions)
    assert info.value.code == "EQ124"


def test_check_flags_enforces_what_a_group_allows():
    eqs = Equations("dv/dt = -v/tau : volt (event-driven)")
    eqs.check_flags({"differential": {"event-driven"}})
    with pytest.raises(EquationError) as info:
        eqs.check_flags({"differential": {"unless refractory"}})
    assert info.value.code == "EQ121" and "'event-driven'" in info.value.message


def test_empty_text_gives_no_equations():
    assert len(Equations("  \n # nothing\n")) == 0


def test_an_expression_may_continue_over_lines_until_its_unit():
    split = Equations("""
        dv/dt = (gl*(El-v) -
                 g_na*(v-ENa))/Cm : volt   # Brian2's COBAHH example splits it like this
        dm/dt = -m/tau : 1""")
    joined = Equations("dv/dt = (gl*(El-v) - g_na*(v-ENa))/Cm : volt\ndm/dt = -m/tau : 1")
    assert split["v"].expr == joined["v"].expr and split["m"].line == 4
    with pytest.raises(EquationError) as info:
        Equations("dv/dt = -v/tau : volt\ndw/dt = -w/tau")
    assert info.value.line == 2


@pytest.mark.parametrize("text, name, line, column", [
    ("x_pre : 1", "x_pre", 1, 0),
    ("v : 1\n  dx_post/dt = -x_post/ms : 1", "x_post", 2, 3),
    ("v : 1\ny_pre = 2*v : 1", "y_pre", 2, 0)])
def test_a_variable_named_like_a_synaptic_suffix_is_refused_at_its_name(text, name, line, column):
    """Brian2 2.9.0 raises ValueError ("the '_pre' and '_post' suffixes are used to refer to
    pre- and post-synaptic variables in synapses")."""
    from eqsim.errors import SynapticSuffixError
    with pytest.raises(ValueError, match=f"'{name}' cannot be used as a variable name") as info:
        Equations(text).refuse_synaptic_suffixes(obj="G")
    error = info.value
    assert isinstance(error, SynapticSuffixError) and error.code == "EQ183"
    assert (error.obj, error.line, error.column) == ("G", line, column)


def test_suffixes_inside_a_name_and_summed_variables_are_allowed():
    Equations("x_pre_ : 1\nx_prev : 1\npre_x : 1").refuse_synaptic_suffixes()
    Equations("w : 1\nv_post = w : 1 (summed)").refuse_synaptic_suffixes()


def test_column_of_finds_whole_names_in_either_side():
    eq = Equations("dv/dt = (vv - v)/tau : 1\nvv : 1")["v"]
    assert eq.column_of("v") == 1
    assert eq.column_of("v", right_side=True) == 14
    assert eq.column_of("vv", right_side=True) == 9
    assert eq.column_of("w") is None


@pytest.mark.parametrize("unit, base", [("mV", "volt"), ("mvolt", "volt"), ("kHz", "hertz"),
                                        ("cm", "metre"), ("nS/cm**2", "siemens")])
def test_scaled_units_in_equations_are_refused_naming_the_base_unit(unit, base):
    # Brian2 2.9.0 (test_equations.py::test_construction_errors): 'dv/dt = -v / tau : mvolt'
    # is an EquationError, "Unit specification refers to 'mvolt', but this is not a base
    # unit. Use 'volt' instead."
    with pytest.raises(EquationError) as info:
        Equations(f"v : {unit}")
    assert "not a base unit" in str(info.value) and f"Use '{base}'" in str(info.value)


@pytest.mark.parametrize("unit", ["volt", "siemens/meter**2", "Hz", "amp/metre**2", "mmolar"])
def test_unscaled_units_in_equations_are_accepted(unit):
    assert Equations(f"v : {unit}")["v"].var_type == "float"
