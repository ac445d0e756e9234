"""Deterministic methods against analytic solutions, at their expected orders."""
import numpy as np
import pytest
import sympy

from eqsim.stateupdate import integrate

S = {name: sympy.Symbol(name, real=True)
     for name in ["v", "x", "I", "tau", "w", "r", "K", "t", "dt", "gl", "El", "ge", "Ee", "C",
                  "taue", "g", "tau_g", "E"]}
v, x, I, tau, w, t, dt = (S[n] for n in ["v", "x", "I", "tau", "w", "t", "dt"])


def final_error(stepper, equations, method, parameters, state, dt_value, duration, exact):
    statements, used = integrate(equations, method)
    assert used == method
    steps = int(round(duration / dt_value))
    result = stepper(statements, parameters, dt_value).run(state, steps)
    return max(abs(float(result[name]) - exact[name]) for name in exact)


def convergence_ratio(stepper, equations, method, parameters, state, duration, exact, dt_value):
    coarse = final_error(stepper, equations, method, parameters, state, dt_value, duration, exact)
    fine = final_error(stepper, equations, method, parameters, state, dt_value / 2, duration, exact)
    return coarse / fine


def test_exact_relaxation_has_compact_closed_form():
    statements, used = integrate({"v": (I - v) / tau}, "exact")
    assert used == "exact"
    assert len(statements) == 1
    target, expr = statements[0]
    assert target == "v"
    assert sympy.simplify(expr - (I + (v - I) * sympy.exp(-dt / tau))) == 0
    assert sympy.count_ops(expr) <= 6


def test_exact_relaxation_matches_analytic_to_machine_precision(stepper):
    parameters = {"I": 2.0, "tau": 0.01}
    error = final_error(stepper, {"v": (I - v) / tau}, "exact", parameters, {"v": -1.0},
                        1e-3, 0.05, {"v": 2.0 + (-1.0 - 2.0) * np.exp(-5.0)})
    assert error < 1e-13


@pytest.mark.parametrize("method, expected_ratio", [("euler", 2), ("rk2", 4), ("rk4", 16)])
def test_decay_error_shrinks_at_method_order_when_dt_halves(stepper, method, expected_ratio):
    parameters = {"tau": 0.01}
    ratio = convergence_ratio(stepper, {"v": -v / tau}, method, parameters, {"v": 1.0},
                              0.02, {"v": np.exp(-2.0)}, 1e-3)
    assert expected_ratio * 0.9 < ratio < expected_ratio * 1.1


def oscillator():
    return {"x": v, "v": -w**2 * x}


def test_exact_harmonic_oscillator_matches_analytic_after_many_steps(stepper):
    omega = 2 * np.pi * 5.0
    duration = 1.0
    exact = {"x": np.cos(omega * duration), "v": -omega * np.sin(omega * duration)}
    error = final_error(stepper, oscillator(), "exact", {"w": omega}, {"x": 1.0, "v": 0.0},
                        1e-3, duration, exact)
    assert error < 1e-9 * omega


def test_rk4_harmonic_oscillator_is_fourth_order(stepper):
    omega = 2 * np.pi * 5.0
    exact = {"x": np.cos(omega * 0.2), "v": -omega * np.sin(omega * 0.2)}
    ratio = convergence_ratio(stepper, oscillator(), "rk4", {"w": omega}, {"x": 1.0, "v": 0.0},
                              0.2, exact, 2e-3)
    assert 14 < ratio < 18
    error = final_error(stepper, oscillator(), "rk4", {"w": omega}, {"x": 1.0, "v": 0.0},
                        1e-3, 0.2, exact)
    assert error < 1e-6 * omega


def logistic_solution(v0, rate, capacity, time):
    return capacity * v0 * np.exp(rate * time) / (capacity + v0 * (np.exp(rate * time) - 1))


def test_rk4_logistic_growth_matches_analytic_at_fourth_order(stepper):
    r, K = S["r"], S["K"]
    equations = {"v": r * v * (1 - v / K)}
    parameters = {"r": 10.0, "K": 3.0}
    exact = {"v": logistic_solution(0.1, 10.0, 3.0, 1.0)}
    error = final_error(stepper, equations, "rk4", parameters, {"v": 0.1}, 1e-2, 1.0, exact)
    assert error < 1e-5
    ratio = convergence_ratio(stepper, equations, "rk4", parameters, {"v": 0.1}, 1.0, exact, 2e-2)
    assert 13 < ratio < 19


def test_time_dependent_drift_uses_stage_times(stepper):
    # dv/dt = cos(t): stage times matter; rk4 is fourth order, rk2 second order.
    equations = {"v": sympy.cos(t)}
    exact = {"v": np.sin(2.0)}
    assert final_error(stepper, equations, "rk4", {}, {"v": 0.0}, 0.01, 2.0, exact) < 1e-10
    ratio = convergence_ratio(stepper, equations, "rk2", {}, {"v": 0.0}, 2.0, exact, 0.05)
    assert 3.6 < ratio < 4.4


def conductance_model():
    gl, El, ge, Ee, C, taue = (S[n] for n in ["gl", "El", "ge", "Ee", "C", "taue"])
    return {"v": (gl * (El - v) + ge * (Ee - v)) / C, "ge": -ge / taue}


CONDUCTANCE_PARAMETERS = {"gl": 10e-9, "El": -0.065, "Ee": 0.0, "C": 200e-12, "taue": 0.005}
CONDUCTANCE_START = {"v": -0.065, "ge": 20e-9}


def test_exponential_euler_is_exact_for_constant_conductance(stepper):
    gl, El, ge, Ee, C = (S[n] for n in ["gl", "El", "ge", "Ee", "C"])
    parameters = dict(CONDUCTANCE_PARAMETERS, ge=20e-9)
    total = 30e-9
    rest = (10e-9 * -0.065) / total
    exact = {"v": rest + (-0.065 - rest) * np.exp(-total / 200e-12 * 0.01)}
    error = final_error(stepper, {"v": (gl * (El - v) + ge * (Ee - v)) / C},
                        "exponential_euler", parameters, {"v": -0.065}, 1e-3, 0.01, exact)
    assert error < 1e-15


def test_exponential_euler_conductance_model_converges_at_first_order(stepper):
    # ge*v makes the system non-linear: the reference is rk4 at a fine step.
    reference_statements, _ = integrate(conductance_model(), "rk4")
    reference = stepper(reference_statements, CONDUCTANCE_PARAMETERS, 1e-5).run(
        CONDUCTANCE_START, 500)
    exact = {"v": float(reference["v"]), "ge": float(reference["ge"])}
    assert exact["v"] > -0.065 + 5e-3  # the conductance moved the voltage noticeably
    error = final_error(stepper, conductance_model(), "exponential_euler",
                        CONDUCTANCE_PARAMETERS, CONDUCTANCE_START, 2e-4, 0.005, exact)
    assert error < 5e-4
    ratio = convergence_ratio(stepper, conductance_model(), "exponential_euler",
                              CONDUCTANCE_PARAMETERS, CONDUCTANCE_START, 0.005, exact, 2e-4)
    assert 1.8 < ratio < 2.2


def test_exponential_euler_stays_stable_where_euler_blows_up(stepper):
    # Stiff decay (dt = 3*tau): forward Euler diverges, the exponential update does not.
    parameters = {"tau": 1e-3}
    stiff = {"v": -v / tau}
    euler_error = final_error(stepper, stiff, "euler", parameters, {"v": 1.0}, 3e-3, 0.3,
                              {"v": 0.0})
    exponential_error = final_error(stepper, stiff, "exponential_euler", parameters,
                                    {"v": 1.0}, 3e-3, 0.3, {"v": 0.0})
    assert euler_error > 1e10
    assert exponential_error < 1e-100


def test_exact_triangular_system_matches_analytic(stepper):
    # v driven by a decaying input g: dv/dt = (E - v + g)/tau, dg/dt = -g/tau_g.
    g, tau_g, E = S["g"], S["tau_g"], S["E"]
    statements, _ = integrate({"v": (E - v + g) / tau, "g": -g / tau_g}, "exact")
    parameters = {"E": -0.07, "tau": 0.02, "tau_g": 0.005}
    result = stepper(statements, parameters, 1e-4).run({"v": -0.07, "g": 0.01}, 300)
    time_ = 0.03
    g_exact = 0.01 * np.exp(-time_ / 0.005)
    # v - E = g0*tau_g/(tau - tau_g)*(exp(-t/tau) - exp(-t/tau_g)) when v starts at E.
    v_exact = -0.07 + 0.01 * 0.005 / (0.02 - 0.005) * (np.exp(-time_ / 0.02) - np.exp(-time_ / 0.005))
    assert abs(float(result["g"]) - g_exact) < 1e-15
    assert abs(float(result["v"]) - v_exact) < 1e-14


def test_exact_chain_of_three_driven_variables_matches_rk4_with_tiny_steps(stepper):
    # s drives I drives v, with constant inputs on s and v: a chain whose exact form needs
    # Parlett's cross terms (s -> I -> v), solved without sympy's Jordan form
    s_, tau_s, tau_i = (sympy.Symbol(n, real=True) for n in ("s", "tau_s", "tau_i"))
    equations = {"v": (S["E"] - v + I) / tau, "I": (s_ - I) / tau_i, "s": -s_ / tau_s + S["r"]}
    parameters = {"E": -0.07, "tau": 0.02, "tau_i": 0.005, "tau_s": 0.011, "r": 3.0}
    state = {"v": -0.06, "I": 0.01, "s": 0.02}
    exact = stepper(integrate(equations, "exact")[0], parameters, 1e-3).run(state, 50)
    reference = stepper(integrate(equations, "rk4")[0], parameters, 1e-6).run(state, 50_000)
    for name in state:
        assert abs(float(exact[name]) - float(reference[name])) < 1e-12


def test_exact_damped_oscillator_with_numeric_coefficients_is_real_and_exact(stepper):
    statements, _ = integrate({"x": v, "v": -4 * x - v}, "exact")
    assert not any(expr.has(sympy.I) for _, expr in statements)
    result = stepper(statements, {}, 0.01).run({"x": 1.0, "v": 0.0}, 300)
    reference = stepper(integrate({"x": v, "v": -4 * x - v}, "rk4")[0], {}, 1e-4).run(
        {"x": 1.0, "v": 0.0}, 30000)
    assert abs(float(result["x"]) - float(reference["x"])) < 1e-12
    assert abs(float(result["v"]) - float(reference["v"])) < 1e-12
