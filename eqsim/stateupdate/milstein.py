"""Milstein method for diagonal noise, Stratonovich reading (like Brian2's ``milstein``).

For each noise symbol ``xi_j`` acting on variable ``x`` with coefficient ``g_j``::

    x_new = x + dt*f(x, t) + sum_j [g_j*dW_j + g_j*(dg_j/dx)*dW_j**2/2]

Interpretation: Stratonovich, like Brian2 and like :mod:`.heun`, so that a model means
the same SDE whichever stochastic method runs it (``dW**2`` rather than the Ito
``dW**2 - dt``). Strong order 1.

Difference from Brian2: Brian2 uses a derivative-free variant that replaces
``g*dg/dx`` by ``(g(x + dt*f + sqrt(dt)*g) - g(x))/sqrt(dt)``. Multiplied by ``dW**2``,
whose mean is ``dt`` (not 0 as with the Ito ``dW**2 - dt``), the ``dt*f`` in that
support point adds a bias of order ``sqrt(dt)`` per unit time, so the scheme is only
strong order 1/2 for Stratonovich equations. We have the equations symbolically, so we
differentiate ``g`` exactly instead; the limit dt -> 0 is the same SDE.

With multiplicative noise the noise must be diagonal (each equation at most one noise
symbol, each noise symbol in at most one equation): several noise sources acting on
one variable would need iterated Wiener integrals. With additive noise the correction
vanishes and the scheme is Euler–Maruyama, for any noise structure.
"""
import sympy

from eqsim.errors import IntegrationError

from .noise import diffusion_by_noise, wiener_increments

NAME = "milstein"


def _require_diagonal_noise(system):
    columns = diffusion_by_noise(system)
    shared = [n for n, column in columns.items() if len(column) > 1]
    crowded = [name for name in system.variables if len(system.diffusion[name]) > 1]
    if shared or crowded:
        detail = (f"noise {shared[0]} appears in several equations" if shared
                  else f"the equation for '{crowded[0]}' has several noise terms")
        raise IntegrationError(
            f"method '{NAME}' needs diagonal multiplicative noise, but {detail}",
            code="EQ310",
            hint="use 'heun', which accepts non-diagonal multiplicative noise")


def _slope(system, name, g):
    slope = sympy.diff(g, system.symbols[name])
    if slope.has(sympy.Derivative):
        raise IntegrationError(
            f"method '{NAME}' needs the derivative of the noise coefficient {g} "
            f"with respect to '{name}', which sympy cannot write in closed form",
            code="EQ312",
            hint="use 'heun' for this equation")
    return slope


def scheme(system):
    """Intermediates and new values of one Milstein step.

    Raises
    ------
    IntegrationError
        For non-diagonal multiplicative noise (EQ310) or a noise coefficient without
        a closed-form derivative (EQ312).
    """
    if system.noise_type == "multiplicative":
        _require_diagonal_noise(system)
    intermediates, increments = wiener_increments(system)
    new_values = {}
    for name in system.variables:
        value = system.symbols[name] + system.dt * system.drift[name]
        for noise_name, g in system.diffusion[name].items():
            dW = increments[noise_name]
            value += g * dW + g * _slope(system, name, g) * dW**2 / 2
        new_values[name] = value
    return intermediates, new_values
