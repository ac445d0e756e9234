"""Method lookup, automatic choice, refusals, and the shape of the emitted statements."""
import logging

import pytest
import sympy

from eqsim.errors import IntegrationError
from eqsim.parsing.functions import clip
from eqsim.stateupdate import available_methods, describe, integrate

v, x, w, I, tau, sigma, t, dt, g, tau_g, E = (
    sympy.Symbol(n, real=True) for n in ["v", "x", "w", "I", "tau", "sigma", "t", "dt", "g",
                                          "tau_g", "E"])
xi, xi_a = sympy.Symbol("xi", real=True), sympy.Symbol("xi_a", real=True)

ALL_METHODS = ["euler", "exact", "exp_auto", "exponential_euler", "heun", "independent", "linear",
               "milstein", "rk2", "rk4"]


def test_available_methods_lists_every_name_and_alias():
    assert available_methods() == ALL_METHODS


def test_unknown_method_error_lists_valid_methods():
    with pytest.raises(IntegrationError) as caught:
        integrate({"v": -v / tau}, "runge_kutta")
    assert caught.value.code == "EQ301"
    assert "runge_kutta" in str(caught.value)
    for name in ALL_METHODS:
        assert name in str(caught.value)


def test_linear_is_an_alias_of_exact():
    assert integrate({"v": -v / tau}, "linear") == integrate({"v": -v / tau}, "exact")
    assert integrate({"v": -v / tau}, "linear")[1] == "exact"


@pytest.mark.parametrize("equations, expected", [
    ({"v": (I - v) / tau}, "exact"),
    ({"x": v, "v": -w**2 * x}, "exact"),
    ({"v": v**2 / tau}, "euler"),
    ({"v": (I - v) / tau + sympy.sin(t) / tau}, "euler"),
    ({"v": -v / tau + sigma * xi * tau**-0.5}, "euler"),
    ({"v": -v / tau + sigma * v * xi * tau**-0.5}, "heun"),
])
def test_automatic_choice_follows_brian2_order(equations, expected):
    assert integrate(equations)[1] == expected


def test_automatic_choice_is_logged_with_method_and_object(caplog):
    with caplog.at_level(logging.INFO, logger="eqsim.stateupdate"):
        # An equation no other test integrates: a cached result logs "(derived earlier)".
        integrate({"v": v**2 / tau - v**3 * w}, obj="neurongroup_1")
    (record,) = [r for r in caplog.records if r.name == "eqsim.stateupdate"]
    assert record.levelno == logging.INFO
    # Brian2's wording; exact was tried (and refused) first.
    assert record.getMessage().startswith(
        "No numerical integration method specified for group 'neurongroup_1', "
        "using method 'euler' (took ")
    assert "trying other methods took" in record.getMessage()


def test_explicit_choice_is_not_logged(caplog):
    with caplog.at_level(logging.INFO, logger="eqsim.stateupdate"):
        integrate({"v": -v / tau}, "rk4")
    assert not [r for r in caplog.records if r.name == "eqsim.stateupdate"]


def test_exact_refuses_non_linear_equation_and_names_object():
    with pytest.raises(IntegrationError) as caught:
        integrate({"v": v**2 / tau}, "exact", obj="neurons")
    assert caught.value.code == "EQ302"
    assert caught.value.obj == "neurons"
    assert "v**2" in str(caught.value)


def test_exact_refuses_time_dependent_coefficients():
    with pytest.raises(IntegrationError) as caught:
        integrate({"v": (sympy.sin(t) - v) / tau}, "exact")
    assert caught.value.code == "EQ303"


def test_exact_refuses_coupling_whose_solution_depends_on_parameter_sign():
    # Eigenvalues of [[0, 1], [-w, 0]] are real or imaginary depending on the sign of w.
    with pytest.raises(IntegrationError) as caught:
        integrate({"x": v, "v": -w * x}, "exact")
    assert caught.value.code == "EQ309"


@pytest.mark.parametrize("rhs", [v**2 / tau, sympy.exp(v) / tau, v * (1 + v) / tau],
                         ids=["square", "exp", "linear_plus_square"])
def test_exponential_euler_refuses_equation_not_conditionally_linear(rhs):
    # x**2 and exp(x) have no A*x term (Brian2 refuses them too); x*(1 + x) expands to
    # x + x**2, which Brian2 accepts while dropping the x**2 term without a word.
    with pytest.raises(IntegrationError) as caught:
        integrate({"v": rhs}, "exponential_euler")
    assert caught.value.code == "EQ308"
    assert "conditionally linear" in caught.value.message


def test_exponential_euler_accepts_coefficient_that_reads_own_variable():
    # Brian2's split: v*exp(v) + I -> A = exp(v), B = I, both frozen over the step.
    statements, _ = integrate({"v": v * sympy.exp(v) + I}, "exponential_euler")
    temporaries = {}
    for name, expr in statements:
        temporaries[sympy.Symbol(name, real=True)] = expr.xreplace(temporaries)
    new_v = temporaries[v]
    expected = -I / sympy.exp(v) + (v + I / sympy.exp(v)) * sympy.exp(dt * sympy.exp(v))
    assert sympy.simplify(new_v - expected) == 0


def test_milstein_accepts_noise_coefficient_without_closed_form_derivative():
    statements, _ = integrate({"v": sigma * clip(v, 0, 1) * xi}, "milstein")
    assert not any(expr.has(sympy.Derivative) for _, expr in statements)
    assert any(expr.has(clip) for _, expr in statements)


def test_milstein_refuses_non_diagonal_additive_noise_as_brian2():
    with pytest.raises(IntegrationError) as caught:
        integrate({"v": -v / tau + sigma * xi + sigma * xi_a}, "milstein")
    assert caught.value.code == "EQ310"


def test_string_right_hand_side_is_rejected_not_evaluated():
    with pytest.raises(TypeError):
        integrate({"v": "-v/tau"}, "euler")


def test_constant_drift_gives_a_single_euler_like_statement_for_rk4():
    # All four rk4 stages are equal, so they collapse into one increment.
    statements, _ = integrate({"v": I / tau}, "rk4")
    assert len(statements) == 1
    assert sympy.simplify(statements[0][1] - (v + dt * I / tau)) == 0


def test_unchanging_variable_gets_no_statement():
    # not 'exact': Brian2's refuses dv/dt = 0 (no unique fixed point, EQ283)
    for method in ["euler", "rk2", "rk4", "exponential_euler", "heun", "milstein"]:
        statements, _ = integrate({"v": sympy.S.Zero, "x": -x / tau}, method)
        assert [target for target, _ in statements if not target.startswith("_")] == ["x"]


def test_unused_noise_support_points_are_not_emitted():
    # Additive noise: heun's support point and milstein's correction are not needed.
    for method in ["heun", "milstein"]:
        statements, _ = integrate({"v": -v / tau + sigma * xi}, method)
        assert [target for target, _ in statements] == ["v"]


COUPLED_SYSTEMS = {
    "exact": {"x": v, "v": -w**2 * x},
    "euler": {"x": v, "v": -w**2 * x + sigma * xi},
    "rk2": {"x": v, "v": -w**2 * x},
    "rk4": {"x": v, "v": -w**2 * x},
    "exponential_euler": {"v": (E - v + g) / tau, "g": (v - g) / tau_g},
    "heun": {"x": v + sigma * x * xi_a, "v": -w**2 * x + sigma * v * xi_a},
    "milstein": {"x": v * x, "v": -w**2 * x + sigma * v * xi},
}


@pytest.mark.parametrize("method", sorted(COUPLED_SYSTEMS))
def test_no_statement_reads_a_state_variable_after_overwriting_it(method):
    equations = COUPLED_SYSTEMS[method]
    statements, _ = integrate(equations, method)
    overwritten = set()
    for target, expr in statements:
        read = {s.name for s in expr.free_symbols}
        assert not read & overwritten, f"{target} = {expr} reads an updated variable"
        if target in equations:
            overwritten.add(target)
        else:
            assert target.startswith("_")
    assert overwritten == set(equations)


def test_describe_prints_one_assignment_per_line():
    statements, _ = integrate({"x": v, "v": -w**2 * x}, "rk2")
    text = describe(statements)
    lines = text.splitlines()
    assert len(lines) == len(statements)
    assert all(line.startswith(f"{target} = ") for line, (target, _) in zip(lines, statements))


def test_method_name_is_case_insensitive_as_brian2():
    statements, used = integrate({"v": (I - v) / tau}, "Euler")
    assert used == "euler"
    assert statements == integrate({"v": (I - v) / tau}, "euler")[0]


def test_sequence_of_methods_uses_first_that_accepts(caplog):
    with caplog.at_level(logging.INFO, logger="eqsim.stateupdate"):
        _, used = integrate({"v": v**2 / tau}, ("exact", "exponential_euler", "rk4", "euler"),
                            obj="seq")
    assert used == "rk4"
    assert "'rk4'" in caplog.text and "'seq'" in caplog.text


def test_sequence_of_methods_none_accepting_names_each_refusal():
    with pytest.raises(IntegrationError) as caught:
        integrate({"v": v**2 / tau}, ["exact", "exponential_euler"])
    assert caught.value.code == "EQ311"
    assert "no integration method suitable" in caught.value.message
    assert "exact:" in caught.value.message and "exponential_euler:" in caught.value.message


def test_sequence_with_unknown_name_is_refused_before_trying():
    with pytest.raises(IntegrationError) as caught:
        integrate({"v": (I - v) / tau}, ("exact", "rk5"))
    assert caught.value.code == "EQ301"


def test_neurongroup_takes_a_list_of_methods_as_brian2(target):
    from eqsim import NeuronGroup, ms, run
    G = NeuronGroup(1, "dv/dt = -v**2/(10*ms) : 1", method=["exact", "euler"])
    G.v = 1
    run(0.1 * ms)
    assert abs(G.v[0] - (1 - 0.01)) < 1e-12
