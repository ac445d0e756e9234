"""Stochastic methods: statistics of the Ornstein–Uhlenbeck process, strong order on
geometric Brownian motion, and how noise symbols map to random draws."""
import numpy as np
import pytest
import sympy

from eqsim.errors import IntegrationError
from eqsim.parsing.functions import rand, randn
from eqsim.stateupdate import integrate

v, x, y, tau, sigma, mu = (sympy.Symbol(n, real=True)
                           for n in ["v", "x", "y", "tau", "sigma", "mu"])
xi, xi_a, xi_b = (sympy.Symbol(n, real=True) for n in ["xi", "xi_a", "xi_b"])


def draws_in(statements):
    return {call for _, expr in statements for call in expr.atoms(randn)}


@pytest.mark.parametrize("method", ["euler", "heun", "milstein"])
def test_ornstein_uhlenbeck_reaches_analytic_stationary_statistics(stepper, method):
    # dv/dt = -v/tau + sigma*xi/sqrt(tau): stationary mean 0, variance sigma**2/2.
    statements, used = integrate({"v": -v / tau + sigma * xi * tau**-0.5}, method)
    assert used == method
    parameters = {"tau": 0.01, "sigma": 2.0}
    trajectories = 20000
    state = stepper(statements, parameters, 1e-4, seed=1).run(
        {"v": np.zeros(trajectories)}, 800)  # 8 time constants
    samples = state["v"]
    variance = 2.0**2 / 2
    assert abs(samples.mean()) < 4 * np.sqrt(variance / trajectories)
    # Standard error of a sample variance: variance*sqrt(2/n) ~ 1 %.
    assert abs(samples.var() / variance - 1) < 0.04


def gbm_strong_error(stepper, method, dt_value, paths=2000, seed=3):
    """Mean |X_T - exact| with the exact solution built from the same increments."""
    statements, _ = integrate({"x": mu * x + sigma * x * xi}, method)
    (draw,) = draws_in(statements)
    duration, mu_value, sigma_value = 1.0, 0.5, 0.8
    rng = np.random.default_rng(seed)
    wiener = np.zeros(paths)

    def record(k, shape):
        assert k == int(draw.args[0])
        z = rng.standard_normal(shape)
        wiener[:] += np.sqrt(dt_value) * z
        return z

    steps = int(round(duration / dt_value))
    run = stepper(statements, {"mu": mu_value, "sigma": sigma_value}, dt_value, draw=record)
    final = run.run({"x": np.ones(paths)}, steps)["x"]
    # Stratonovich reading (as Brian2): X_T = X_0*exp(mu*T + sigma*W_T).
    exact = np.exp(mu_value * duration + sigma_value * wiener)
    return np.mean(np.abs(final - exact))


def test_heun_geometric_brownian_motion_strong_error_is_first_order(stepper):
    coarse = gbm_strong_error(stepper, "heun", 1 / 50)
    fine = gbm_strong_error(stepper, "heun", 1 / 200)
    # Strong order 1: dt/4 gives error/4 (order 1/2 would give error/2).
    assert 3.0 < coarse / fine < 5.0
    assert fine < 0.02


def test_milstein_geometric_brownian_motion_strong_error_is_half_order_as_brian2(stepper):
    # Brian2's derivative-free support point x + dt*f + sqrt(dt)*g carries dt*f into a
    # term multiplied by dW**2 (mean dt): a bias of order sqrt(dt) with drift mu != 0.
    coarse = gbm_strong_error(stepper, "milstein", 1 / 50)
    fine = gbm_strong_error(stepper, "milstein", 1 / 200)
    assert 1.4 < coarse / fine < 2.4
    assert fine < 0.05


def test_milstein_uses_stratonovich_reading_like_heun(stepper):
    # E[X_T] = exp((mu + sigma**2/2)*T) under Stratonovich, exp(mu*T) under Ito.
    for method in ("milstein", "heun"):
        statements, _ = integrate({"x": mu * x + sigma * x * xi}, method)
        final = stepper(statements, {"mu": 0.0, "sigma": 0.8}, 0.01, seed=4).run(
            {"x": np.ones(40000)}, 100)["x"]
        assert abs(final.mean() - np.exp(0.32)) < 0.03


def test_euler_refuses_multiplicative_noise():
    with pytest.raises(IntegrationError) as caught:
        integrate({"x": mu * x + sigma * x * xi}, "euler")
    assert caught.value.code == "EQ305"
    assert "heun" in str(caught.value)


def test_milstein_refuses_non_diagonal_multiplicative_noise():
    with pytest.raises(IntegrationError) as caught:
        integrate({"x": sigma * x * xi_a + sigma * x * xi_b}, "milstein")
    assert caught.value.code == "EQ310"


def test_heun_accepts_non_diagonal_multiplicative_noise():
    statements, used = integrate({"x": sigma * x * xi_a + sigma * y * xi_b,
                                  "y": sigma * x * xi_a}, "heun")
    assert used == "heun"
    assert len(draws_in(statements)) == 2


@pytest.mark.parametrize("method", ["rk2", "rk4", "exponential_euler", "exact"])
def test_deterministic_methods_refuse_noise(method):
    with pytest.raises(IntegrationError) as caught:
        integrate({"v": -v / tau + sigma * xi}, method)
    assert caught.value.code == "EQ304"


def test_same_noise_symbol_in_two_equations_shares_one_draw():
    statements, _ = integrate({"x": -x / tau + sigma * xi, "y": -y / tau + sigma * xi}, "euler")
    assert len(draws_in(statements)) == 1
    readers = [target for target, expr in statements if expr.has(sympy.Symbol("_dW_xi", real=True))]
    assert readers == ["x", "y"]


def test_distinct_noise_symbols_get_independent_draws():
    statements, _ = integrate({"x": -x / tau + sigma * xi_a, "y": -y / tau + sigma * xi_b},
                              "euler")
    assert len(draws_in(statements)) == 2


def test_every_integration_draws_new_random_numbers():
    first, _ = integrate({"v": -v / tau + sigma * xi}, "euler")
    second, _ = integrate({"v": -v / tau + sigma * xi}, "euler")
    assert draws_in(first).isdisjoint(draws_in(second))


def test_noise_increment_is_scaled_by_sqrt_dt():
    statements, _ = integrate({"v": sigma * xi}, "euler")
    (target, expr), = statements
    (draw,) = draws_in(statements)
    dt = sympy.Symbol("dt", real=True)
    assert target == "v"
    assert sympy.simplify(expr - (v + sigma * sympy.sqrt(dt) * draw)) == 0


def test_noise_entering_non_linearly_is_refused():
    with pytest.raises(IntegrationError) as caught:
        integrate({"v": -v / tau + sigma * xi**2}, "euler")
    assert caught.value.code == "EQ306"


def test_random_function_in_differential_equation_is_refused():
    with pytest.raises(IntegrationError) as caught:
        integrate({"v": -v / tau + rand(sympy.Integer(1))}, "euler")
    assert caught.value.code == "EQ307"
    assert "constant over dt" in str(caught.value)


def test_two_draws_in_a_differential_equation_are_not_implemented():
    # Brian2 2.9.0 (test_multiple_stateless_function_calls): NotImplementedError
    from eqsim import Network, NeuronGroup, ms
    G = NeuronGroup(1, "dv/dt = (rand() - rand())/second : 1", method="euler")
    with pytest.raises(NotImplementedError) as caught:
        Network(G).run(0 * ms)
    assert "EQ307" in str(caught.value)
