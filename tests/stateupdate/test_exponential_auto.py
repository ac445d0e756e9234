"""'exp_auto' (BrainPy's exponential Euler): exact for linear equations, the linearised
step for nonlinear ones, deterministic only."""
import numpy as np
import pytest

from eqsim import IntegrationError, NeuronGroup, StateMonitor, mV, ms, run


def _trace(model, start, duration=5 * ms, name="G"):
    group = NeuronGroup(1, model, method="exp_auto", name=name)
    group.v = start
    monitor = StateMonitor(group, "v", record=0, name=f"{name}_M")
    run(duration)
    return np.asarray(monitor.v[0])


def test_exp_auto_is_exact_for_a_linear_equation(target):
    v = _trace("dv/dt = (-v + 3)/(2*ms) : 1", 0.0)
    t = np.arange(len(v)) * 0.1e-3
    np.testing.assert_allclose(v, 3 * (1 - np.exp(-t / 2e-3)), rtol=1e-12, atol=1e-14)


def test_exp_auto_takes_the_linearised_step_for_a_nonlinear_equation(target):
    # dv/dt = -v**2/tau: J = -2v/tau, v_new = v + dt*exprel(J*dt)*f, computed here in NumPy
    v = _trace("dv/dt = -v**2/(10*ms) : 1", 1.0)
    expected, dt, tau = [1.0], 0.1e-3, 10e-3
    for _ in range(len(v) - 1):
        x = expected[-1]
        f, J = -x * x / tau, -2 * x / tau
        expected.append(x + dt * np.expm1(J * dt) / (J * dt) * f)
    np.testing.assert_allclose(v, expected, rtol=1e-12)
    # first order: close to the exact 1/(1 + t/tau)
    t = np.arange(len(v)) * dt
    np.testing.assert_allclose(v, 1 / (1 + t / tau), rtol=1e-3)


def test_exp_auto_refuses_noise(numpy_target):
    group = NeuronGroup(1, "dv/dt = -v/ms + xi/sqrt(ms) : 1", method="exp_auto", name="N")
    with pytest.raises(IntegrationError):
        run(0.1 * ms)
