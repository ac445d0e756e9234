"""Stochastic Heun method (Stratonovich), as Brian2's ``heun``.

For each noise symbol ``xi_j`` with coefficients ``g_j``::

    x_support_j = x + g_j(x, t)*dW_j
    g_support_j = g_j(x_support_j, t + dt)
    x_new = x + dt*f(x, t) + sum_j dW_j*(g_j(x, t) + g_support_j)/2

Interpretation: with multiplicative noise the equations are read as **Stratonovich**
SDEs, exactly as in Brian2 (whose documentation states that its stochastic methods use
the Stratonovich interpretation, the limit of coloured noise with a short correlation
time). ``dx/dt = mu*x + sigma*x*xi`` therefore has the solution
``x0*exp(mu*t + sigma*W_t)``. For additive noise Ito and Stratonovich coincide and the
scheme reduces to Euler–Maruyama (with ``g`` averaged over ``t`` and ``t + dt``).
Strong order 1 for a single (commutative) noise; non-diagonal noise is accepted.
The drift part is forward Euler, also as in Brian2.
"""

from .noise import diffusion_by_noise, wiener_increments
from .statements import temporary

NAME = "heun"


def scheme(system):
    """Intermediates and new values of one stochastic Heun step.

    Deterministic equations are integrated with forward Euler.
    """
    intermediates, increments = wiener_increments(system)
    new_values = {name: system.symbols[name] + system.dt * system.drift[name]
                  for name in system.variables}
    t_end = system.t + system.dt
    for noise_name, column in diffusion_by_noise(system).items():
        dW = increments[noise_name]
        support = {}
        for name, g in column.items():
            holder = temporary(f"support_{name}_{noise_name}")
            intermediates.append((holder, system.symbols[name] + g * dW))
            support[name] = holder
        for name, g in column.items():
            g_support = temporary(f"g_support_{name}_{noise_name}")
            intermediates.append((g_support, system.at(g, support, t_end)))
            new_values[name] += dW * (g + g_support) / 2
    return intermediates, new_values
