"""The integration methods by name, and the order automatic selection tries them in."""
from eqsim.errors import IntegrationError

from . import euler, exact, exponential_auto, exponential_euler, heun, milstein, rk2, rk4

# name -> scheme(system) returning (intermediates, new_values)
METHODS = {module.NAME: module.scheme
           for module in (exact, euler, rk2, rk4, exponential_euler, heun, milstein,
                              exponential_auto)}

ALIASES = {"linear": "exact"}

# As Brian2: exact if linear, else Euler (also Euler–Maruyama for additive noise),
# else Heun for multiplicative noise.
AUTOMATIC_ORDER = ("exact", "euler", "heun")


def available_methods() -> list[str]:
    """Names accepted as ``method``, aliases included, sorted."""
    return sorted(set(METHODS) | set(ALIASES))


def resolve(method):
    """The canonical name of ``method`` (case-insensitive, as in Brian2).

    Raises
    ------
    IntegrationError
        If ``method`` names no integration method (EQ301).
    """
    if not isinstance(method, str):
        raise IntegrationError(
            f"integration method must be given by name, not {method!r}",
            code="EQ301", hint=f"valid methods: {', '.join(available_methods())}")
    lowered = method.lower()  # Brian2 normalises the name: method='Euler' is euler
    name = ALIASES.get(lowered, lowered)
    if name not in METHODS:
        raise IntegrationError(
            f"unknown integration method '{method}'",
            code="EQ301", hint=f"valid methods: {', '.join(available_methods())}")
    return name
