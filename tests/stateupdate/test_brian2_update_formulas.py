"""The integrators against Brian2's own update code and method choice.

``tests/reference/brian2_stateupdate_formulas.json`` (written by
``tests/reference/make_brian2_stateupdate_reference.py`` in the Brian2 environment) holds,
per equation set and method, the states after 20 steps of Brian2's abstract update code
run with fixed standard normal draws; here eqsim's statements run from the same start
with the same draws. It also holds which methods Brian2 accepts for a set of equations
and which one its automatic choice takes.
"""
import json
from pathlib import Path

import numpy as np
import pytest
import sympy

from eqsim.errors import IntegrationError
from eqsim.parsing.equations import Equations
from eqsim.parsing.functions import randn
from eqsim.stateupdate import integrate

REFERENCE = json.loads((Path(__file__).parents[1] / "reference" /
                        "brian2_stateupdate_formulas.json").read_text())


def exprel(x):
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x == 0, 1.0, np.expm1(x) / x)


FUNCTIONS = {"clip": np.clip, "exprel": exprel}


def differential_equations(text):
    """``{name: right-hand side}`` with subexpressions substituted, as a group passes them."""
    equations = Equations(text)
    subexpressions = {eq.name: eq.expr for eq in equations.equations.values()
                      if eq.kind == "subexpression"}
    substitute = {sympy.Symbol(name, real=True): expr for name, expr in subexpressions.items()}
    return {eq.name: eq.expr.xreplace(substitute) for eq in equations.equations.values()
            if eq.kind == "differential"}


def case_id(case):
    return f"{case['method']}-{case['name']}"


@pytest.mark.parametrize("case", REFERENCE["cases"], ids=case_id)
def test_update_follows_brian2_code_step_by_step(stepper, case):
    statements, used = integrate(differential_equations(case["equations"]), case["method"])
    assert used == case["method"]
    # Draws are numbered in the sorted order of the noise names (noise.wiener_increments).
    numbers = sorted({int(call.args[0]) for _, expr in statements for call in expr.atoms(randn)})
    noise_of = dict(zip(numbers, sorted(case["draws"])))
    step = {"n": 0}

    def draw(k, shape):
        return np.array(case["draws"][noise_of[k]][step["n"]])

    run = stepper(statements, dict(case["parameters"], pi=np.pi), REFERENCE["dt"], draw=draw,
                  functions=FUNCTIONS)
    state = {name: np.array(values, dtype=float) for name, values in case["start"].items()}
    for n in range(REFERENCE["steps"]):
        step["n"] = n
        run.step(state, n * REFERENCE["dt"])
        for name, values in state.items():
            expected = case["trajectory"][name][n + 1]
            np.testing.assert_allclose(values, expected, rtol=1e-12, atol=1e-14,
                                       err_msg=f"{name} after step {n + 1}")


CHOICES = REFERENCE["choices"]
# Where eqsim deliberately refuses what Brian2 accepts: v*(1 + v) expands to v + v**2 and
# Brian2's exponential_euler drops the v**2 term without a word (a wrong number).
REFUSED_UNLIKE_BRIAN2 = {("own_variable_squared", "exponential_euler"): "EQ308"}


@pytest.mark.parametrize("name", sorted(CHOICES))
def test_accepted_methods_and_reasons_for_refusal_are_brian2s(name):
    equations = differential_equations(CHOICES[name]["equations"])
    for method, brian2_result in CHOICES[name]["methods"].items():
        try:
            integrate(equations, method)
            ours = "accepted"
        except IntegrationError as error:
            ours = f"refused ({error.code}: {error.message})"
        if (name, method) in REFUSED_UNLIKE_BRIAN2:
            expected = f"refused ({REFUSED_UNLIKE_BRIAN2[name, method]}:"
        elif brian2_result == "accepted":
            expected = "accepted"
        else:
            expected = f"refused ({same_reason(brian2_result)}:"
        assert ours.startswith(expected), (method, ours, brian2_result)


# Brian2's reason for refusing (UnsupportedEquationsException text) -> eqsim's code.
REASONS = [("non-diagonal noise", "EQ310"), ("multiplicative noise", "EQ305"),
           ("stochastic equations", "EQ304"), ("conditionally linear", "EQ308"),
           ("not guaranteed to be constant", "EQ303"), ("could not be separated", "EQ302")]


def same_reason(brian2_message):
    return next(code for text, code in REASONS if text in brian2_message)


@pytest.mark.parametrize("name", sorted(CHOICES))
def test_automatic_choice_is_brian2s(name):
    _, used = integrate(differential_equations(CHOICES[name]["equations"]), None)
    assert used == CHOICES[name]["automatic"]
