"""Exponential Euler for conditionally linear equations, deterministic only.

Each equation must be linear in its own variable, ``dx/dt = A*x + B`` with ``A`` and
``B`` free of ``x`` (they may read other state variables, parameters and ``t``, all
taken at the start of the step). Freezing ``A`` and ``B`` over the step gives

    x_new = -B/A + (x + B/A)*exp(A*dt)

which is exact for a single linear equation and first order in general. When ``A``
is identically zero the update is ``x + B*dt``. Caveat: ``A`` is assumed non-zero
at run time; if a coefficient such as ``-g/C`` can become 0 while ``B`` is not 0,
``B/A`` divides by zero (Brian2 has the same limitation).
"""
import sympy

from eqsim.errors import IntegrationError

from .noise import require_deterministic
from .statements import temporary

NAME = "exponential_euler"


def linear_coefficients(system, name):
    """``(A, B)`` with ``f = A*x + B`` for variable ``name``.

    Raises
    ------
    IntegrationError
        If ``f`` is not linear in ``name`` (EQ308).
    """
    x = system.symbols[name]
    f = system.drift[name]
    a = sympy.diff(f, x)
    if a.has(x):
        raise IntegrationError(
            f"method '{NAME}' needs each equation to be linear in its own variable, "
            f"but d{name}/dt = {f} is not linear in {name}",
            code="EQ308",
            hint="use 'rk4', 'rk2' or 'euler' for this equation")
    return a, f.xreplace({x: sympy.S.Zero})


def _fixed_point_ratio(a, b, a_symbol):
    # B/A in its cheapest form: sympy often cancels it to something short (B/A of
    # (I - v)/tau is -I); otherwise divide by the stored A rather than repeat it.
    candidates = [b / a, sympy.cancel(b / a), b / a_symbol]
    return min(candidates, key=sympy.count_ops)


def scheme(system):
    """Intermediates and new values of one exponential Euler step.

    Raises
    ------
    IntegrationError
        For stochastic equations (EQ304) or an equation that is not linear in its
        own variable (EQ308).
    """
    require_deterministic(system, NAME)
    intermediates, new_values = [], {}
    for name in system.variables:
        x = system.symbols[name]
        a, b = linear_coefficients(system, name)
        if a == 0:
            new_values[name] = x + b * system.dt
        elif b == 0:
            new_values[name] = x * sympy.exp(a * system.dt)
        else:
            # A is stored once: it appears in the exponent and, usually, in B/A.
            a_symbol, ratio = temporary(f"A_{name}"), temporary(f"BA_{name}")
            intermediates.append((a_symbol, a))
            intermediates.append((ratio, _fixed_point_ratio(a, b, a_symbol)))
            new_values[name] = -ratio + (x + ratio) * sympy.exp(a_symbol * system.dt)
    return intermediates, new_values
