"""``Equations.substitute`` as Brian2's: rename variables, insert expressions, numbers
and scalar quantities; the original equations stay as they were."""
import pytest

from eqsim import Equations, NeuronGroup, mV, ms, nS, run
from eqsim.errors import EquationError

GENERAL = """dg/dt = -g/tau : siemens
I = g*(E - v) : amp
v : volt"""


def test_substitute_renames_variables_and_parameters():
    eqs = Equations(GENERAL)
    exc = eqs.substitute(g="g_e", tau="tau_e", E="E_e")
    assert str(exc) == "dg_e/dt = -g_e/tau_e : siemens\nI = g_e*(E_e - v) : amp\nv : volt"
    assert set(exc.diff_eq_names) == {"g_e"} and "g" not in exc.names
    assert str(eqs) == GENERAL  # unchanged


def test_substitute_inserts_quantities_numbers_and_expressions():
    eqs = Equations(GENERAL).substitute(tau=5 * ms, E="E_a + E_b")
    assert str(eqs["g"]) == "dg/dt = -g/(0.005*(second)) : siemens"
    assert str(eqs["I"]) == "I = g*((E_a + E_b) - v) : amp"
    assert Equations("dx/dt = -x/tau : 1").substitute(tau=0.01)["x"].expr_text == "-x/0.01"


def test_substitute_result_simulates_like_the_written_out_model(numpy_target):
    template = Equations("dv/dt = (E - v)/tau : volt")
    G = NeuronGroup(1, template.substitute(E=-60 * mV, tau="tau_m"),
                    namespace={"tau_m": 10 * ms}, method="exact")
    H = NeuronGroup(1, "dv/dt = (-60*mV - v)/(10*ms) : volt", method="exact")
    run(5 * ms)
    assert float(G.v[0]) == pytest.approx(float(H.v[0]), rel=1e-12)


def test_substitute_without_arguments_gives_an_equal_copy():
    eqs = Equations(GENERAL)
    copy = eqs.substitute()
    assert copy is not eqs and str(copy) == str(eqs)


@pytest.mark.parametrize("replacements, words", [
    (dict(g=5 * nS), "defined"),
    (dict(g="a + b"), "not a valid name"),
    (dict(E="v +"), "Cannot substitute"),
    (dict(g="I"), "I"),
])
def test_invalid_substitutions_raise_equation_errors(replacements, words):
    with pytest.raises(EquationError) as info:
        Equations(GENERAL).substitute(**replacements)
    assert words in str(info.value)


def test_substituting_a_name_the_equations_do_not_use_changes_nothing_as_in_brian2():
    eqs = Equations(GENERAL)
    assert str(eqs.substitute(zz="q", volt="x", yy=5 * ms)) == str(eqs)
    renamed = Equations("dx/dt = -x/tau : 1", x="v", unused=3)
    assert renamed.names == Equations("dv/dt = -v/tau : 1").names


def test_substituted_expressions_are_only_data(sentinel):
    for text in (f"__import__('os').system('touch {sentinel}')", f"open('{sentinel}', 'w')"):
        with pytest.raises(EquationError):
            Equations(GENERAL).substitute(E=text)


@pytest.mark.parametrize("new_name", ["illegal name", "_reserved", "t", "xi"])
def test_renaming_a_variable_to_an_impossible_name_is_a_syntax_error(new_name):
    # Brian2 2.9.0 (test_equations.py::test_wrong_replacements): SyntaxError
    with pytest.raises(SyntaxError) as info:
        Equations("dv/dt = -v / tau : 1", v=new_name)
    assert isinstance(info.value, EquationError) and info.value.code == "EQ282"
    assert f"Cannot rename 'v' to '{new_name}'" in str(info.value)
