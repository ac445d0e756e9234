"""Classical fourth-order Runge–Kutta method, deterministic equations only.

``k1 = dt*f(x, t)``, ``k2 = dt*f(x + k1/2, t + dt/2)``, ``k3 = dt*f(x + k2/2, t + dt/2)``,
``k4 = dt*f(x + k3, t + dt)``, ``x_new = x + (k1 + 2*k2 + 2*k3 + k4)/6``.
"""
import sympy

from .noise import require_deterministic
from .statements import temporary

NAME = "rk4"

# (fraction of the previous stage added to x, fraction of dt added to t)
_STAGES = ((None, 0), (sympy.Rational(1, 2), sympy.Rational(1, 2)),
           (sympy.Rational(1, 2), sympy.Rational(1, 2)), (sympy.S.One, sympy.S.One))
_WEIGHTS = (sympy.Rational(1, 6), sympy.Rational(1, 3), sympy.Rational(1, 3), sympy.Rational(1, 6))


def scheme(system):
    """Intermediates and new values of one RK4 step.

    Raises
    ------
    IntegrationError
        For stochastic equations (EQ304).
    """
    require_deterministic(system, NAME)
    intermediates, stages = [], []
    for number, (fraction, time_fraction) in enumerate(_STAGES, start=1):
        k = {name: temporary(f"k{number}_{name}") for name in system.variables}
        if fraction is None:
            point = {}
        else:
            previous = stages[-1]
            point = {name: system.symbols[name] + fraction * previous[name]
                     for name in system.variables}
        t_stage = system.t + time_fraction * system.dt
        for name in system.variables:
            intermediates.append((k[name], system.dt * system.at(system.drift[name], point, t_stage)))
        stages.append(k)
    new_values = {name: system.symbols[name]
                  + sum(w * k[name] for w, k in zip(_WEIGHTS, stages))
                  for name in system.variables}
    return intermediates, new_values
