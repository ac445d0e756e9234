"""Brian2's derivative-free milstein and the exponential Euler of conditionally linear
equations inside a group's kernel: both targets run the same statements, and the same
seeded noise, to the same numbers."""
import numpy as np

from eqsim import *  # noqa: F401,F403


def test_milstein_with_clipped_noise_term_runs_alike_on_both_targets(both_targets):
    def simulate(target):
        start_scope()
        seed(7)
        tau, sigma = 10 * ms, 0.5
        group = NeuronGroup(20, "dv/dt = (0.5 - v)/tau + sigma*clip(v, 0, 1)*xi/sqrt(tau) : 1",
                            method="milstein", name=f"clipped_{target}")
        group.v = "i/20.0"
        run(20 * ms)
        return np.array(group.v[:])

    numpy_values, cython_values = both_targets(simulate)
    np.testing.assert_allclose(cython_values, numpy_values, rtol=1e-12, atol=1e-14)
    assert np.std(numpy_values) > 0  # the noise acted


def test_exponential_euler_with_gating_coefficient_runs_alike_on_both_targets(both_targets):
    def simulate(target):
        start_scope()
        group = NeuronGroup(5, """dv/dt = (-v*exp(v) + I)/tau : 1
                                  I : 1
                                  tau : second""",
                            method="Exponential_Euler", name=f"gated_{target}")
        group.I = "0.5*i"
        group.tau = 5 * ms
        run(10 * ms)
        return np.array(group.v[:])

    numpy_values, cython_values = both_targets(simulate)
    np.testing.assert_allclose(cython_values, numpy_values, rtol=1e-12, atol=1e-14)
    # The fixed point of v*exp(v) = I is reached: v*exp(v) close to I after 2 tau.
    assert np.all(np.abs(numpy_values * np.exp(numpy_values) - 0.5 * np.arange(5)) < 0.2)
