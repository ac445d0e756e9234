"""Derivative-free Milstein method for diagonal noise, as Brian2's ``milstein``.

For each noise symbol ``xi_j`` with coefficients ``g_j`` and Wiener increment ``dW_j``::

    x_support_j = x + dt*f(x, t) + sqrt(dt)*g_j(x, t)     (for every state variable)
    g_support_j = g_j(x_support_j, t)
    k_j = (g_support_j - g_j(x, t))*dW_j**2/(2*sqrt(dt))
    x_new = x + dt*f(x, t) + sum_j [g_j(x, t)*dW_j + k_j]

This is Brian2's scheme term for term: ``k_j`` replaces the Milstein correction
``g*(dg/dx)*dW**2/2`` by a finite difference, so the noise coefficient needs no symbolic
derivative and may use ``clip``, ``abs`` or any other function. Each support point
reads all state variables at their support values for that noise (a variable the noise
does not act on moves by ``dt*f`` only), ``t`` stays at the start of the step.

Interpretation: Stratonovich, like Brian2 and :mod:`.heun` (``dW**2`` rather than the
Ito ``dW**2 - dt``). Caveat inherited from Brian2: the ``dt*f`` in the support point,
multiplied by ``dW**2`` (mean ``dt``), adds a bias of order ``sqrt(dt)`` per unit time
for multiplicative noise, so the scheme converges with strong order 1/2 there; the
limit dt -> 0 is the Stratonovich SDE. With additive noise ``k_j`` is zero and the
scheme is Euler–Maruyama.

As in Brian2 the noise must be diagonal, additive or not (each equation at most one
noise symbol, each noise symbol in at most one equation); otherwise EQ310.
"""
import sympy

from eqsim.errors import IntegrationError

from .noise import diffusion_by_noise, wiener_increments
from .statements import temporary

NAME = "milstein"


def _require_diagonal_noise(system):
    shared = [n for n, column in diffusion_by_noise(system).items() if len(column) > 1]
    crowded = [name for name in system.variables if len(system.diffusion[name]) > 1]
    if shared or crowded:
        detail = (f"noise {shared[0]} appears in several equations" if shared
                  else f"the equation for '{crowded[0]}' has several noise terms")
        raise IntegrationError(
            f"method '{NAME}' needs diagonal noise (one noise symbol per equation, "
            f"each in one equation only, as in Brian2), but {detail}",
            code="EQ310",
            hint="use 'heun', which accepts non-diagonal noise (or 'euler' if the "
                 "noise is additive)")


def scheme(system):
    """Intermediates and new values of one Milstein step.

    Raises
    ------
    IntegrationError
        For non-diagonal noise (EQ310).
    """
    _require_diagonal_noise(system)
    intermediates, increments = wiener_increments(system)
    root_dt = sympy.sqrt(system.dt)
    euler_step = {name: system.symbols[name] + system.dt * system.drift[name]
                  for name in system.variables}
    new_values = dict(euler_step)
    for noise_name, column in diffusion_by_noise(system).items():
        dW = increments[noise_name]
        support = {}
        for name in system.variables:
            holder = temporary(f"support_{name}_{noise_name}")
            g = column.get(name, sympy.S.Zero)
            intermediates.append((holder, euler_step[name] + root_dt * g))
            support[name] = holder
        for name, g in column.items():
            g_support = temporary(f"g_support_{name}_{noise_name}")
            intermediates.append((g_support, system.at(g, support)))
            new_values[name] += g * dW + (g_support - g) * dW**2 / (2 * root_dt)
    return intermediates, new_values
