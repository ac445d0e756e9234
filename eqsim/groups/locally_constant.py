"""Exact integration with TimedArray inputs, as Brian2 does it.

``dv/dt = (I(t) - v)/tau`` has a time-dependent coefficient, which the exact method
refuses; but a TimedArray whose sampling interval is a whole multiple of the group's
``dt`` does not change within a step. Brian2 then treats ``I(t)`` as a constant over the
step and integrates exactly, with ``I`` read at the step's start. Here the calls are
swapped for placeholder symbols, the system is integrated exactly, and the calls are put
back into the statements.
"""
import logging

import sympy
from sympy.core.function import AppliedUndef

from ..ir.calls import called_functions
from ..ir.functions import TabulatedFunction
from ..errors import EqsimError, IntegrationError
from ..stateupdate import integrate

logger = logging.getLogger("eqsim.stateupdate")
T = sympy.Symbol("t", real=True)


def locally_constant_calls(equations, resolve, dt):
    """Calls ``f(t)`` / ``f(t, i)`` in ``equations`` whose TimedArray keeps its value over
    a step of ``dt`` seconds (``resolve(name)`` gives the function's variable or None)."""
    calls = set()
    for expr in equations.values():
        if not called_functions([expr]):  # cached: most equations call nothing
            continue
        for call in expr.atoms(AppliedUndef):
            if not call.args or call.args[0] != T:
                continue
            function = resolve(call.func.__name__)
            if isinstance(function, TabulatedFunction) and _whole_multiple(function.dt, dt):
                calls.add(call)
    return sorted(calls, key=sympy.default_sort_key)


def _whole_multiple(interval, dt):
    ratio = interval / dt
    return ratio >= 1 - 1e-9 and abs(ratio - round(ratio)) < 1e-9


def stateful_calls(equations, resolve):
    """Names of the functions ``equations`` call that are not stateless (a plain Python
    function, ``Function(..., stateless=False)``): not constant over a step for Brian2."""
    names = called_functions(equations.values())
    return tuple(sorted(name for name in names
                        if getattr(getattr(resolve(name), "function", None), "stateless", True)
                        is False))


def without_exact(method, stateful, obj):
    """``method`` with the exact method left out, as Brian2 does for equations calling the
    ``stateful`` functions (their value is not guaranteed constant over a step)."""
    if not stateful:
        return method
    exact = ("exact", "linear")
    if isinstance(method, str) and method.lower() in exact:
        raise IntegrationError(
            f"the equations of '{obj}' call {', '.join(stateful)}, which is not guaranteed to "
            "be constant over a time step: the exact method cannot integrate them",
            code="EQ179", hint="declare the function Function(..., stateless=True) if equal "
                               "arguments give equal results, or use method='euler'")
    if method is None:
        return ("euler", "heun")  # Brian2's automatic order without 'exact'
    if isinstance(method, tuple):
        return tuple(m for m in method if not (isinstance(m, str) and m.lower() in exact))
    return method


def integrate_with_constant_calls(equations, method, calls, obj):
    """``integrate(equations, method)``, first trying the exact method with ``calls`` held
    constant over a step when the method is automatic or exact."""
    if calls and method in (None, "exact", "linear"):
        placeholders = {call: sympy.Symbol(f"_constant_over_dt_{k}", real=True)
                        for k, call in enumerate(calls)}
        held = {name: expr.xreplace(placeholders) for name, expr in equations.items()}
        if not any(expr.has(T) for expr in held.values()):
            try:
                statements, _ = integrate(held, "exact", obj=obj)
            except IntegrationError:
                pass  # not linear: the requested (or automatic) method decides below
            else:
                back = {symbol: call for call, symbol in placeholders.items()}
                if method is None:
                    logger.info("No integration method specified for '%s', using method "
                                "'exact' (time-dependent inputs constant over a step).", obj)
                return [(target, expr.xreplace(back)) for target, expr in statements], "exact"
    return integrate(equations, method, obj=obj)


def resolver(group, run_namespace):
    """``name -> variable or None`` over the group's namespace and the run's."""
    def resolve(name):
        try:
            return group.resolve_for_kernel({name}, run_namespace).get(name)
        except EqsimError:
            return None
    return resolve
