"""Brian2's ``independent`` method: each equation solved on its own by sympy's dsolve.

For ``dx/dt = f(x, t)`` whose right-hand side reads no other state variable, sympy finds
the general solution ``x(t)``; the constant is fixed by ``x(t) = x`` at the start of the
step and the solution is evaluated at ``t + dt``. Parameters count as constant over the
step. Deterministic equations only. Brian2 deprecates the method (it warns once); so
do we, on the ``eqsim.stateupdate`` logger.

Refused with EQ224: an equation that reads another state variable (Brian2 would update
the variables one after the other, the later ones reading new values), and equations
sympy cannot solve explicitly.
"""
import logging

import sympy

from eqsim.errors import IntegrationError

from .noise import require_deterministic

NAME = "independent"

logger = logging.getLogger("eqsim.stateupdate")
_warned = []


def _unsolvable(name, reason):
    return IntegrationError(
        f"method 'independent' cannot integrate the equation for '{name}': {reason}",
        code="EQ224", hint="use 'exact' for linear equations, else 'rk4' or 'euler'")


def _solve(name, rhs, x, t, dt):
    t0 = sympy.Symbol("_t0", real=True)
    function = sympy.Function(f"_{name}_of_t")
    equation = sympy.Eq(sympy.Derivative(function(t), t), rhs.xreplace({x: function(t)}))
    try:
        solution = sympy.dsolve(equation, function(t))
    except (NotImplementedError, ValueError, RuntimeError) as error:
        raise _unsolvable(name, f"sympy found no solution ({error})") from None
    if isinstance(solution, list) or getattr(solution, "lhs", None) != function(t):
        raise _unsolvable(name, "sympy found no explicit solution")
    constants = sorted(solution.rhs.free_symbols - rhs.free_symbols - {t},
                       key=lambda s: s.name)
    constants = [c for c in constants if c.name.startswith("C")]
    general = solution.rhs
    if len(constants) > 1:
        raise _unsolvable(name, f"too many constants in the solution {general}")
    if constants:
        values = sympy.solve(sympy.Eq(general.xreplace({t: t0}), x), constants[0])
        if len(values) != 1:
            raise _unsolvable(name, f"the constant of the solution {general} is not unique")
        general = general.xreplace({constants[0]: values[0]})
    # Brian2 simplifies here too; a full simplify() costs seconds on trigonometric
    # solutions, so only common exponentials are gathered
    return sympy.powsimp(general.xreplace({t: t + dt}).xreplace({t0: t}))


def scheme(system):
    """New values of one step, each equation solved independently.

    Raises
    ------
    IntegrationError
        For stochastic equations (EQ304), coupled or unsolvable equations (EQ224).
    """
    require_deterministic(system, NAME)
    if not _warned:
        _warned.append(True)
        logger.warning("The 'independent' state updater is deprecated and might be "
                       "removed in future versions of Brian2 (and eqsim).")
    states = set(system.symbols.values())
    new_values = {}
    for name in system.variables:
        x = system.symbols[name]
        rhs = system.drift[name]
        others = sorted(s.name for s in rhs.free_symbols & (states - {x}))
        if others:
            raise _unsolvable(name, f"it reads the state variable(s) {', '.join(others)}")
        new_values[name] = _solve(name, rhs, x, system.t, system.dt)
    return [], new_values
