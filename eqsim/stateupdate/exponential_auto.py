"""BrainPy's exponential Euler ('exp_auto'): linearise each equation in its own variable
at the start of the step.

For ``dx/dt = f(x, ...)`` with ``J = df/dx`` taken at the start of the step,

    x_new = x + dt * exprel(J*dt) * f

(``exprel(z) = (exp(z) - 1)/z``). The other variables are taken at the start of the step.
This is BrainPy's default for its neuron and synapse models (``method='exp_auto'``, computed
there by automatic differentiation, here symbolically), so the ready models of
``eqsim.models`` use it to give BrainPy's numbers. For an equation that is linear in its own
variable it is exactly Brian2's 'exponential_euler'; unlike that method it also accepts
equations that are not (the exponential term of ExpIF, the quadratic one of QuaIF), where it
is first order.
"""
import sympy

from .noise import require_deterministic
from .statements import temporary
from ..parsing.functions import exprel

NAME = "exp_auto"


def scheme(system):
    """Intermediates and new values of one step.

    Raises
    ------
    IntegrationError
        For stochastic equations (EQ304).
    """
    require_deterministic(system, NAME)
    intermediates, new_values = [], {}
    for name in system.variables:
        x = system.symbols[name]
        f = system.drift[name]
        slope = sympy.diff(f, x)
        if slope == 0:
            new_values[name] = x + system.dt * f
            continue
        drift, rate = temporary(f"f_{name}"), temporary(f"J_{name}")
        intermediates.append((drift, f))
        intermediates.append((rate, slope))
        new_values[name] = x + system.dt * exprel(rate * system.dt) * drift
    return intermediates, new_values
