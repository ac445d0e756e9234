"""Wiener increments and the noise checks the stochastic methods share."""
import itertools

import sympy

from eqsim.errors import IntegrationError
from eqsim.parsing.functions import randn

from .statements import temporary

# Every draw gets its own occurrence number so two draws never compare equal,
# even across separate integrate() calls whose statements end up in one kernel.
_draw_numbers = itertools.count(1)


def new_normal_draw():
    """A fresh standard normal draw ``randn(k)``, distinct from every earlier one."""
    return randn(sympy.Integer(next(_draw_numbers)))


def wiener_increments(system):
    """One Wiener increment per noise symbol, for one step.

    Returns
    -------
    intermediates : list of (sympy.Symbol, sympy.Expr)
        ``_dW_<noise> = sqrt(dt)*randn(k)``, one per noise symbol.
    increments : dict
        Noise name -> the temporary symbol holding its increment.

    Notes
    -----
    Each noise symbol is one independent Wiener process; the same symbol in two
    equations shares the increment, which is why increments are temporaries.
    """
    intermediates, increments = [], {}
    for noise_name in system.noise_names:
        symbol = temporary(f"dW_{noise_name}")
        intermediates.append((symbol, sympy.sqrt(system.dt) * new_normal_draw()))
        increments[noise_name] = symbol
    return intermediates, increments


def require_deterministic(system, method):
    """Raise IntegrationError (EQ304) if ``system`` has noise."""
    if system.is_stochastic:
        raise IntegrationError(
            f"method '{method}' cannot integrate stochastic equations "
            f"(noise: {', '.join(system.noise_names)})",
            code="EQ304",
            hint="use 'euler' for additive noise, 'heun' or 'milstein' for "
                 "multiplicative noise")


def require_additive_noise(system, method):
    """Raise IntegrationError (EQ305) if a noise coefficient reads a state variable or t."""
    if system.noise_type == "multiplicative":
        raise IntegrationError(
            f"method '{method}' only integrates additive noise, but a noise "
            f"coefficient depends on a state variable or on time (as in Brian2)",
            code="EQ305",
            hint="use 'heun' or 'milstein' for multiplicative noise")


def diffusion_by_noise(system):
    """Noise name -> {state variable -> coefficient}, the columns of the noise matrix."""
    columns = {noise_name: {} for noise_name in system.noise_names}
    for name in system.variables:
        for noise_name, g in system.diffusion[name].items():
            columns[noise_name][name] = g
    return columns
