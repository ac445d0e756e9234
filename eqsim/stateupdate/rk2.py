"""Second-order Runge–Kutta (midpoint) method, deterministic equations only.

``k = dt*f(x, t)``, ``x_new = x + dt*f(x + k/2, t + dt/2)``.
"""
from .noise import require_deterministic
from .statements import temporary

NAME = "rk2"


def scheme(system):
    """Intermediates and new values of one midpoint step.

    Raises
    ------
    IntegrationError
        For stochastic equations (EQ304).
    """
    require_deterministic(system, NAME)
    k = {name: temporary(f"k_{name}") for name in system.variables}
    intermediates = [(k[name], system.dt * system.drift[name]) for name in system.variables]
    midpoint = {name: system.symbols[name] + k[name] / 2 for name in system.variables}
    t_mid = system.t + system.dt / 2
    new_values = {name: system.symbols[name]
                  + system.dt * system.at(system.drift[name], midpoint, t_mid)
                  for name in system.variables}
    return intermediates, new_values
