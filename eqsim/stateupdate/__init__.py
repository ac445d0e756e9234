"""Integration methods: differential equations (sympy) in, one time step's statements out.

Usage::

    statements, used = integrate({'v': (I - v)/tau}, 'exact')
    # statements == [('v', I + (v - I)*exp(-dt/tau))], used == 'exact'

Methods: 'exact' (alias 'linear'), 'euler', 'rk2', 'rk4', 'exponential_euler',
'heun', 'milstein', 'independent', registered names, and Brian2's method objects
(:mod:`eqsim.stateupdaters`: ``euler``, an ``ExplicitStateUpdater``...);
``method=None`` chooses as Brian2 does (exact, else euler, else heun). Noise symbols ``xi``/``xi_<suffix>`` are white noise: ``dx/dt = f + g*xi`` gets
the increment ``g*dW`` with ``dW = sqrt(dt)*randn()``, one Wiener process per symbol.
With additive noise (``g`` free of state variables) Ito and Stratonovich coincide;
multiplicative noise is read in the Stratonovich sense by 'heun' and 'milstein', as in
Brian2.

Error codes (IntegrationError): EQ301 unknown method, EQ302 not linear (exact),
EQ303 time-dependent coefficients (exact), EQ304 noise where the method allows none,
EQ305 multiplicative noise with an additive-only method, EQ306 noise entering
non-linearly, EQ307 rand()/randn() in a differential equation, EQ308 not
conditionally linear in its own variable (exponential_euler), EQ309 coupled linear
system without a usable closed form (exact), EQ310 non-diagonal noise (milstein),
EQ311 no method can integrate the equations (automatic choice). EQ312 (a noise
coefficient without a closed-form derivative) is no longer raised: 'milstein' is
derivative-free, as Brian2's. Method objects (issue 12): EQ220 a name that cannot be
registered, EQ221 a malformed ``ExplicitStateUpdater`` description, EQ222 GSL integrators
and ``method_options``, EQ223 a ``method`` that is no name, method object or list of them,
EQ224 equations 'independent' cannot solve, EQ225 a description evaluating ``f`` at a
noise-dependent point with several noise symbols.
"""
import logging
import time

import sympy

from eqsim.errors import IntegrationError

from ..parsing.functions import rand, randn
from ..parsing.grouping import with_sympy_rules
from . import cache
from .registry import (AUTOMATIC_ORDER, METHODS, available_methods, identity, normalise,
                       resolve)
from .statements import assemble, describe
from .system import analyse

__all__ = ["integrate", "available_methods", "describe"]

logger = logging.getLogger("eqsim.stateupdate")


def _object_name(obj):
    if obj is None:
        return None
    return getattr(obj, "name", None) or str(obj)


def _where(obj):
    # Brian2's wording: "... specified for group 'neurongroup', using method ..."
    return f"group '{_object_name(obj)}'" if obj is not None else "the equations"


def _apply(name, system):
    intermediates, new_values = METHODS[name](system)
    return assemble(intermediates, new_values, system.symbols)


def _choose(system, obj, order=AUTOMATIC_ORDER):
    # Brian2's rule for a sequence of methods: the first that accepts the equations.
    started = time.perf_counter()
    reasons = []
    for name in order:
        tried = time.perf_counter()
        try:
            statements = _apply(name, system)
        except IntegrationError as error:
            reasons.append(f"{name}: {error.message}")
            continue
        took = time.perf_counter() - tried
        timing = f"took {took:.2f}s" + (
            f", trying other methods took {tried - started:.2f}s" if reasons else "")
        logger.info("No numerical integration method specified for %s, using method "
                    "'%s' (%s).", _where(obj), name, timing)
        return statements, name
    raise IntegrationError(
        "no integration method suitable for the given equations has been found "
        "(tried " + "; ".join(reasons) + ")",
        code="EQ311", obj=_object_name(obj),
        hint=f"choose one explicitly from: {', '.join(available_methods())}")


@with_sympy_rules
def integrate(equations: dict[str, sympy.Expr], method: str | tuple | None = None, *,
              constants: set[str] = frozenset(),
              obj=None) -> tuple[list[tuple[str, sympy.Expr]], str]:
    """Statements that advance ``equations`` by one time step ``dt``.

    Parameters
    ----------
    equations : dict
        State variable name -> sympy right-hand side of ``d<name>/dt``, with
        subexpressions already substituted. Symbols are ``Symbol(name, real=True)``;
        ``t`` and ``dt`` are time and time step; ``xi``/``xi_*`` are white noise.
    method : str or sequence of str, optional
        A name from :func:`available_methods` (any case); a sequence of names is tried
        in order and the first method that accepts the equations is used; ``None``
        does the same with Brian2's default order ``('exact', 'euler', 'heun')``. A
        choice among several is logged at INFO level on the ``eqsim.stateupdate``
        logger.
    constants : set of str, optional
        Names known not to change during a run. Informational: every symbol that is
        neither a state variable nor ``t`` is treated as constant over a step.
    obj : object or str, optional
        The group the equations belong to, named in log messages and errors.

    Returns
    -------
    statements : list of (str, sympy.Expr)
        Assignments to execute in order once per step. Temporaries start with ``_``;
        no statement reads a state variable after it was overwritten in the step.
    method : str
        The canonical name of the method used.

    Raises
    ------
    IntegrationError
        If the method is unknown or cannot integrate the equations (codes above).
    """
    del constants  # every non-state symbol is already treated as constant over dt
    try:
        method = normalise(method)
        digest = cache.key(equations, identity(method))
        cached = cache.load(digest)
        if cached is not None:
            if method is None or not isinstance(method, str):
                logger.info("No numerical integration method specified for %s, using "
                            "method '%s' (derived earlier).", _where(obj), cached[1])
            return list(cached[0]), cached[1]
        system = analyse(equations)
        if method is None:
            result = _choose(system, obj)
        elif isinstance(method, (tuple, list)):
            result = _choose(system, obj, [resolve(name) for name in method])
        else:
            name = resolve(method)
            result = _apply(name, system), name
        if not any(expr.atoms(rand, randn) for _, expr in result[0]):
            cache.store(digest, result)  # draws are numbered anew for every integration
        return list(result[0]), result[1]
    except IntegrationError as error:
        if obj is not None and error.obj is None:
            raise error.with_context(obj=_object_name(obj)) from None
        raise
