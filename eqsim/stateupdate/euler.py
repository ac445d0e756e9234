"""Forward Euler; Euler–Maruyama for additive noise.

``x_new = x + dt*f(x, t) + sum_j g_j(t)*dW_j``. First order for ODEs; for additive
noise the scheme is also strong order 1 (Ito and Stratonovich agree there).
Multiplicative noise is refused, as in Brian2: use 'heun' or 'milstein'.
"""
from .noise import require_additive_noise, wiener_increments

NAME = "euler"


def scheme(system):
    """Intermediates and new values of one Euler(–Maruyama) step.

    Parameters
    ----------
    system : OdeSystem

    Returns
    -------
    (intermediates, new_values)
        See :func:`eqsim.stateupdate.statements.assemble`.

    Raises
    ------
    IntegrationError
        For multiplicative noise (EQ305).
    """
    require_additive_noise(system, NAME)
    intermediates, increments = wiener_increments(system)
    new_values = {}
    for name in system.variables:
        value = system.symbols[name] + system.dt * system.drift[name]
        for noise_name, g in system.diffusion[name].items():
            value += g * increments[noise_name]
        new_values[name] = value
    return intermediates, new_values
