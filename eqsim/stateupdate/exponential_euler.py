"""Exponential Euler for conditionally linear equations, deterministic only (as Brian2's).

Each right-hand side is split as Brian2 splits it: expanded, then collected by powers
of its own variable, ``dx/dt = A*x + B``. ``A`` and ``B`` may still read ``x`` (through
a gating subexpression such as ``m = alpha_m/(alpha_m + beta_m)`` or a
``tanh((V - V_1)/V_2)``), other state variables, parameters and ``t``; all are taken at
the start of the step. Freezing ``A`` and ``B`` over the step gives

    x_new = -B/A + (x + B/A)*exp(A*dt)

which is exact for a single linear equation and first order in general. When ``A``
is identically zero the update is ``x + B*dt``; when ``B`` is identically zero it is
``x*exp(A*dt)``. The split is the one Brian2's ``get_conditionally_linear_system``
makes, so the update is Brian2's too (Hodgkin–Huxley models with voltage-dependent
gating, Morris–Lecar, Wang–Buzsáki).

Refused (EQ308): an equation whose expansion has no term ``A*x`` (``x**2``,
``exp(x)``), and one with a term in another power of ``x`` (``x*(1 + x)`` expands to
``x + x**2``). Brian2 refuses the first kind too but accepts the second and silently
drops the ``x**2`` term; a wrong number without an error is worse than a refusal.

Caveat: ``A`` is assumed non-zero at run time; if a coefficient such as ``-g/C`` can
become 0 while ``B`` is not 0, ``B/A`` divides by zero (Brian2 has the same limitation).
"""
import sympy

from eqsim.errors import IntegrationError

from .noise import require_deterministic
from .statements import temporary

NAME = "exponential_euler"


def _refuse(name, f, detail):
    raise IntegrationError(
        f"method '{NAME}' needs each equation to be conditionally linear in its own "
        f"variable (A*{name} + B), but d{name}/dt = {f} {detail}",
        code="EQ308",
        hint="use 'rk4', 'rk2' or 'euler' for this equation")


def linear_coefficients(system, name):
    """``(A, B)`` with ``f = A*x + B`` for variable ``name``, split as Brian2 splits it.

    Raises
    ------
    IntegrationError
        If the expanded ``f`` has no term linear in ``name``, or a term in another
        power of it (EQ308).
    """
    x = system.symbols[name]
    f = system.drift[name]
    expanded = f.expand()
    if not expanded.has(x):
        return sympy.S.Zero, expanded
    terms = sympy.collect(expanded, x, evaluate=False)
    if x not in terms:
        _refuse(name, f, f"has no term proportional to {name}")
    others = [power for power in terms if power not in (x, sympy.S.One)]
    if others:
        _refuse(name, f, f"has a term in {others[0]} (Brian2 would drop it silently)")
    return terms[x], terms.get(sympy.S.One, sympy.S.Zero)


def _fixed_point_ratio(a, b, a_symbol):
    # B/A as Brian2 writes it when sympy shortens it by itself (B/A of (I - v)/tau is
    # -I); otherwise divide by the stored A rather than repeat a long A.
    return min([b / a, b / a_symbol], key=sympy.count_ops)


def scheme(system):
    """Intermediates and new values of one exponential Euler step.

    Raises
    ------
    IntegrationError
        For stochastic equations (EQ304) or an equation that is not conditionally
        linear in its own variable (EQ308).
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
