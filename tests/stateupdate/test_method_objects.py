"""Integration methods as objects (``method=euler``), Brian2's description language
(``ExplicitStateUpdater``), ``StateUpdateMethod.register``, ``independent`` and the
errors for GSL integrators. Numbers against Brian2 are in
tests/reference/test_brian2_units12.py."""
import logging
import re

import pytest
import sympy

import eqsim
from eqsim import (ExplicitStateUpdater, NeuronGroup, StateUpdateMethod, Synapses, euler,
                   heun, milstein, ms, rk4)
from eqsim.errors import (IntegrationError, MethodRegistrationError,
                          StateUpdaterDescriptionError, UnsupportedMethodError)
from eqsim.stateupdate import integrate
from eqsim.parsing.functions import randn
from eqsim.stateupdate.registry import available_methods



def symbol(name):
    return sympy.Symbol(name, real=True)


v, w, tau, sigma, t = (symbol(n) for n in ("v", "w", "tau", "sigma", "t"))
xi, xi_a, xi_b = symbol("xi"), symbol("xi_a"), symbol("xi_b")


def _final_values(statements, names):
    """The new value of each state variable as one expression of the old values, with
    every random draw ``randn(k)`` replaced by the same symbol per occurrence order."""
    values = {}
    for target, expr in statements:
        values[target] = expr.xreplace({symbol(k): e for k, e in values.items()})
    out = {name: values.get(name, symbol(name)) for name in names}
    draws = sorted({d for e in out.values() for d in e.atoms(randn)},
                   key=lambda d: int(d.args[0]))
    return {name: e.xreplace({d: symbol(f"N{k}") for k, d in enumerate(draws)})
            for name, e in out.items()}


def _same_update(first, second, names):
    a, b = _final_values(first, names), _final_values(second, names)
    for n in names:
        difference = a[n] - b[n]  # dt**.5 in a description is a float power
        difference = difference.xreplace({f: sympy.Rational(str(f))
                                          for f in difference.atoms(sympy.Float)})
        if sympy.expand(difference) != 0:
            return False
    return True


def test_method_objects_give_the_statements_of_their_names():
    eqs = {"v": (1 - v) * (1 + w**2) / tau, "w": -w / tau}
    for method in (eqsim.euler, eqsim.rk2, eqsim.rk4, eqsim.exponential_euler):
        assert integrate(eqs, method) == integrate(eqs, str(method))
    linear = {"v": (1 - v) / tau + w / tau, "w": -w / tau}
    assert integrate(linear, eqsim.exact) == integrate(linear, "exact")
    assert integrate(linear, eqsim.linear) == integrate(linear, "linear")


def test_a_list_of_method_objects_takes_the_first_that_accepts():
    statements, used = integrate({"v": (1 - v**2) / tau}, [eqsim.exact, eqsim.rk2, rk4])
    assert used == "rk2"


def test_calling_a_method_on_equations_gives_its_statements_as_text():
    assert euler("dv/dt = -v/tau : 1") == "v = -dt*v/tau + v"
    assert "_k" in rk4("dv/dt = -v**2/tau : 1")


def test_the_description_language_reproduces_the_built_in_methods():
    eqs = {"v": (1 - v**3) / tau + w / tau, "w": (v - w) / (2 * tau)}
    rk4_text = """k1 = dt*f(x,t)
    k2 = dt*f(x+k1/2,t+dt/2)
    k3 = dt*f(x+k2/2,t+dt/2)
    k4 = dt*f(x+k3,t+dt)
    x_new = x+(k1+2*k2+2*k3+k4)/6"""
    ours, _ = integrate(eqs, ExplicitStateUpdater(rk4_text))
    assert _same_update(ours, integrate(eqs, "rk4")[0], ["v", "w"])


def test_additive_noise_description_is_euler_maruyama():
    eqs = {"v": -v / tau + sigma * xi / tau**0.5}
    method = ExplicitStateUpdater("x_new = x + dt*f(x,t) + g(x,t)*dW", stochastic="additive")
    assert _same_update(integrate(eqs, method)[0], integrate(eqs, euler)[0], ["v"])


def test_brian2s_milstein_description_matches_the_built_in_milstein():
    eqs = {"v": -v / tau + sigma * v * xi / tau**0.5}
    description = """x_support = x + dt*f(x, t) + dt**.5 * g(x, t)
    g_support = g(x_support, t)
    k = 1/(2*dt**.5)*(g_support - g(x, t))*(dW**2)
    x_new = x + dt*f(x,t) + g(x, t) * dW + k"""
    method = ExplicitStateUpdater(description, stochastic="multiplicative")
    assert _same_update(integrate(eqs, method)[0], integrate(eqs, milstein)[0], ["v"])


def test_brian2s_heun_description_repeats_noise_lines_per_noise_symbol():
    eqs = {"v": -v / tau + v * xi_a / tau**0.5, "w": (v - w) / tau + sigma * w * xi_b / tau**0.5}
    description = """x_support = x + g(x,t) * dW
    g_support = g(x_support,t+dt)
    x_new = x + dt*f(x,t) + .5*dW*(g(x,t)+g_support)"""
    method = ExplicitStateUpdater(description, stochastic="multiplicative")
    assert _same_update(integrate(eqs, method)[0], integrate(eqs, heun)[0], ["v", "w"])


def test_f_at_a_noise_dependent_point_with_several_noises_is_refused():
    method = ExplicitStateUpdater("y = x + g(x,t)*dW\nx_new = x + dt*f(y,t)",
                                  stochastic="multiplicative")
    with pytest.raises(IntegrationError) as info:
        integrate({"v": -v / tau + xi_a / tau**0.5 + xi_b / tau**0.5}, method)
    assert info.value.code == "EQ225"


def test_a_deterministic_description_refuses_noise_and_an_additive_one_multiplicative():
    with pytest.raises(IntegrationError) as info:
        integrate({"v": -v / tau + xi / tau**0.5}, ExplicitStateUpdater("x_new = x + dt*f(x,t)"))
    assert info.value.code == "EQ304"
    additive = ExplicitStateUpdater("x_new = x + dt*f(x,t) + g(x,t)*dW", stochastic="additive")
    with pytest.raises(IntegrationError) as info:
        integrate({"v": -v / tau + v * xi / tau**0.5}, additive)
    assert info.value.code == "EQ305"


@pytest.mark.parametrize("description, words", [
    ("", "empty"),
    ("k = dt*f(x,t)", "no final line"),
    ("x_new = x + dt*f(x,t)\nk = 1", "last line"),
    ("k = dt*f(x,t)\nk = 2*k\nx_new = x + k", "cannot be assigned"),
    ("t = 1\nx_new = x", "cannot be assigned"),
    ("x_new = x + dt*h(x,t)", "unknown function 'h'"),
    ("x_new = x + dt*f(x)", "two arguments"),
    ("x_new = x + y", "'y' is not defined"),
    ("k dt*f(x,t)\nx_new = x + k", "not an assignment"),
    ("x_new = x + dt*f(x,t) +", "cannot parse"),
])
def test_malformed_descriptions_raise_eq221_naming_the_line(description, words):
    with pytest.raises(StateUpdaterDescriptionError) as info:
        ExplicitStateUpdater(description)
    assert info.value.code == "EQ221" and words in info.value.message


def test_hostile_descriptions_are_only_data(sentinel):
    for text in (f"x_new = __import__('os').system('touch {sentinel}')",
                 f"x_new = x + open('{sentinel}', 'w')",
                 f"k = x\nimport os; os.system('touch {sentinel}')\nx_new = k"):
        with pytest.raises(StateUpdaterDescriptionError):
            ExplicitStateUpdater(text)


def test_stochastic_must_be_one_of_brian2s_kinds():
    with pytest.raises(StateUpdaterDescriptionError):
        ExplicitStateUpdater("x_new = x", stochastic="sometimes")


def test_register_makes_a_method_available_by_name_in_any_case():
    method = ExplicitStateUpdater("k = f(x,t)\nx_new = x + dt*f(x + dt*k/2, t + dt/2)")
    StateUpdateMethod.register("midpoint_for_test", method)
    assert "midpoint_for_test" in available_methods()
    assert StateUpdateMethod.stateupdaters["midpoint_for_test"] is method
    eqs = {"v": (1 - v**2) / tau}
    assert integrate(eqs, "Midpoint_For_Test")[0] == integrate(eqs, "rk2")[0]


@pytest.mark.parametrize("name, method", [
    ("euler", ExplicitStateUpdater("x_new = x")),
    ("RK4", ExplicitStateUpdater("x_new = x")),
    ("gsl_rk2", ExplicitStateUpdater("x_new = x")),
    ("not a name", ExplicitStateUpdater("x_new = x")),
    ("fine_name_for_test", "x_new = x"),
])
def test_register_refuses_taken_or_invalid_names_and_non_methods(name, method):
    with pytest.raises(MethodRegistrationError) as info:
        StateUpdateMethod.register(name, method)
    assert info.value.code == "EQ220"
    assert "fine_name_for_test" not in available_methods()


def test_unregistered_method_objects_with_equal_descriptions_share_one_entry():
    first = ExplicitStateUpdater("x_new = x + dt*f(x,t)")
    second = ExplicitStateUpdater("  x_new = x + dt*f(x,t)  ")
    assert integrate({"v": -v / tau}, first)[1] == integrate({"v": -v / tau}, second)[1]
    assert integrate({"v": -v / tau}, first)[0] == integrate({"v": -v / tau}, "euler")[0]


@pytest.mark.parametrize("method", ["gsl", "gsl_rk4", "GSL_RKF45", ["rk4", "gsl_rk2"]])
def test_gsl_integrators_raise_eq222_naming_the_alternatives(method):
    with pytest.raises(UnsupportedMethodError) as info:
        NeuronGroup(1, "dv/dt = -v/(10*ms) : 1", method=method, name="gsl_group")
    assert info.value.code == "EQ222"
    assert "'exact'" in info.value.hint and "'rk4'" in info.value.hint
    NeuronGroup(1, "v : 1", name="gsl_group")  # the name was not taken: nothing was built


def test_method_options_raise_eq222_on_groups_and_synapses():
    G = NeuronGroup(2, "dv/dt = -v/(10*ms) : 1", method="euler", method_options={})
    with pytest.raises(UnsupportedMethodError) as info:
        NeuronGroup(1, "dv/dt = -v/(10*ms) : 1", method="rk4",
                    method_options={"absolute_error": 1e-6})
    assert "method_options" in info.value.message
    with pytest.raises(UnsupportedMethodError):
        Synapses(G, G, "dw/dt = -w/(10*ms) : 1 (clock-driven)", method="gsl_rk4")


@pytest.mark.parametrize("method", [3, [], [euler, 2.5], {"euler"}])
def test_other_method_values_raise_eq223(method):
    with pytest.raises(IntegrationError) as info:
        NeuronGroup(1, "dv/dt = -v/(10*ms) : 1", method=method)
    assert info.value.code == "EQ223"


def test_independent_refuses_coupled_and_stochastic_equations():
    with pytest.raises(IntegrationError) as info:
        integrate({"v": -v / tau + w / tau, "w": -w / tau}, "independent")
    assert info.value.code == "EQ224" and "'v'" in info.value.message
    with pytest.raises(IntegrationError) as info:
        integrate({"v": -v / tau + xi / tau**0.5}, eqsim.independent)
    assert info.value.code == "EQ304"


def test_independent_solves_each_equation_exactly():
    statements, _ = integrate({"v": (2 - v) / tau}, eqsim.independent)
    dt = symbol("dt")
    assert sympy.simplify(statements[0][1] - (2 + (v - 2) * sympy.exp(-dt / tau))) == 0


def test_independent_warns_once_that_it_is_deprecated(caplog, monkeypatch):
    from eqsim.stateupdate import independent
    monkeypatch.setattr(independent, "_warned", [])
    with caplog.at_level(logging.WARNING, logger="eqsim.stateupdate"):
        integrate({"v": -v / (3 * tau)}, "independent")
        integrate({"v": -v / (5 * tau)}, "independent")
    assert len([r for r in caplog.records if "deprecated" in r.message]) == 1


def test_a_group_runs_with_a_method_object(numpy_target):
    # compiled runs with method objects: tests/reference/test_brian2_units12.py
    G = NeuronGroup(2, "dv/dt = (1 - v)/(5*ms) : 1", method=eqsim.exponential_euler)
    eqsim.run(1 * ms)
    assert re.fullmatch(r"\[0\.18\d* 0\.18\d*\]", str(G.v[:]))


def test_exact_accepts_brian2s_simplify_option(target):
    # Brian2 2.9.0: method='exact' takes method_options={'simplify': bool} (its linear
    # integrator's one option); v(1 ms) = exp(-0.1) either way
    from eqsim import Network, ms
    import numpy as np
    G = NeuronGroup(1, "dv/dt = -v/(10*ms) : 1", method="exact",
                    method_options={"simplify": False})
    G.v = 1
    Network(G).run(1 * ms)
    assert np.isclose(G.v[0], np.exp(-0.1), rtol=1e-12)
    with pytest.raises(UnsupportedMethodError):
        NeuronGroup(1, "dv/dt = -v/(10*ms) : 1", method="euler",
                    method_options={"simplify": False})
