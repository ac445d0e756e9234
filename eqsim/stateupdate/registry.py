"""The integration methods by name, and the order automatic selection tries them in."""
from eqsim.errors import IntegrationError, UnsupportedMethodError

from . import (euler, exact, exponential_auto, exponential_euler, heun, independent, milstein,
               rk2, rk4)

# name -> scheme(system) returning (intermediates, new_values)
METHODS = {module.NAME: module.scheme
           for module in (exact, euler, rk2, rk4, exponential_euler, heun, milstein,
                          independent, exponential_auto)}

ALIASES = {"linear": "exact"}

# name -> text that changes whenever the method's statements would (cache keys); the
# built-in methods are identified by their name
_IDENTITIES = {}

# As Brian2: exact if linear, else Euler (also Euler–Maruyama for additive noise),
# else Heun for multiplicative noise.
AUTOMATIC_ORDER = ("exact", "euler", "heun")

_ALTERNATIVES = ("use one of eqsim's methods instead: 'exact' for linear equations, "
                 "'exponential_euler' for conditionally linear ones (Hodgkin-Huxley), "
                 "'rk4' or 'rk2' for other deterministic ones, 'heun' or 'milstein' "
                 "for stochastic ones, with a smaller dt where accuracy needs it")


def available_methods() -> list[str]:
    """Names accepted as ``method``, aliases included, sorted (registered names too,
    not the keys of unnamed method objects)."""
    return sorted(name for name in set(METHODS) | set(ALIASES) if not name.startswith("_"))


def add(name, scheme, identity, replace=False):
    """Register ``scheme`` under ``name``; ``identity`` goes into cache keys."""
    if name in METHODS and not replace:
        raise ValueError(f"method '{name}' exists")  # callers check first
    METHODS[name] = scheme
    _IDENTITIES[name] = identity


def identity(method):
    """What identifies ``method`` (a name, a sequence of names or None) in cache keys."""
    if isinstance(method, (tuple, list)):
        return tuple(identity(m) for m in method)
    if isinstance(method, str):
        name = ALIASES.get(method.lower(), method.lower())
        return _IDENTITIES.get(name, name)
    return method


def is_gsl_name(name):
    """Whether ``name`` is one of Brian2's GSL integrators ('gsl', 'gsl_rk4', ...)."""
    return isinstance(name, str) and (name.lower() == "gsl" or name.lower().startswith("gsl_"))


def _exact_options(method, method_options):
    """Brian2's one option outside GSL: ``{'simplify': bool}`` for 'exact' ('linear'). It
    only tells Brian2's sympy how hard to simplify; eqsim's solution does without it."""
    return method in ("exact", "linear") and set(method_options) <= {"simplify"}


def normalise(method, method_options=None):
    """``method`` as given to a group, as a name, a tuple of names or None.

    Method objects (``euler``, an ``ExplicitStateUpdater``) become their registry
    names, lists become tuples; names are checked later, when the model is built.

    Raises
    ------
    UnsupportedMethodError
        For Brian2's GSL integrators and ``method_options`` other than 'exact''s
        ``simplify`` (EQ222).
    IntegrationError
        If ``method`` is neither a name, a method object nor a sequence of them (EQ223).
    """
    if method_options and not _exact_options(method, method_options):
        raise UnsupportedMethodError(
            f"method_options {dict(method_options)!r} are not supported: in Brian2 they "
            f"configure the GSL integrators, which eqsim does not have",
            code="EQ222", hint="leave out method_options; " + _ALTERNATIVES)
    if method is None:
        return None
    if isinstance(method, (list, tuple)):
        if not method:
            raise IntegrationError("the list of integration methods is empty", code="EQ223",
                                   hint=f"valid methods: {', '.join(available_methods())}")
        return tuple(normalise(one) for one in method)
    if isinstance(method, str):
        if is_gsl_name(method):
            raise UnsupportedMethodError(
                f"the GSL integrator '{method}' is not available in eqsim",
                code="EQ222", hint=_ALTERNATIVES)
        return method
    from .methods import StateUpdateMethod, key_of
    if isinstance(method, StateUpdateMethod):
        return key_of(method)
    raise IntegrationError(
        f"the integration method must be a name, a method object (euler, rk4, an "
        f"ExplicitStateUpdater...) or a list of them, not {type(method).__name__}",
        code="EQ223", hint=f"valid methods: {', '.join(available_methods())}")


def resolve(method):
    """The canonical name of ``method`` (case-insensitive, as in Brian2).

    Raises
    ------
    IntegrationError
        If ``method`` names no integration method (EQ301).
    """
    if not isinstance(method, str):
        method = normalise(method)
        if not isinstance(method, str):
            raise IntegrationError(
                f"integration method must be given by name, not {method!r}",
                code="EQ301", hint=f"valid methods: {', '.join(available_methods())}")
    lowered = method.lower()  # Brian2 normalises the name: method='Euler' is euler
    name = ALIASES.get(lowered, lowered)
    if name not in METHODS:
        if is_gsl_name(lowered):
            normalise(method)  # the GSL error
        raise IntegrationError(
            f"unknown integration method '{method}'",
            code="EQ301", hint=f"valid methods: {', '.join(available_methods())}")
    return name
