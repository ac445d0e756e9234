"""Resolving the names in user strings that are not model variables.

Order, as in Brian2: the object's explicit ``namespace``; otherwise the
namespace of the ``run()`` call (the calling script's variables); then unit
names and a few constants. An unknown name is an error that names it.
"""
import difflib
import inspect
import numbers
import os

import numpy as np

from ..errors import UnresolvedNameError, EquationError
from ..units import Quantity, all_units, get_dimensions, DIMENSIONLESS
from .functions import as_function, default_function

CONSTANTS = {"pi": np.pi, "e": np.e, "inf": np.inf}


def caller_namespace(level):
    """Locals over globals of the frame ``level`` levels above the caller."""
    frame = inspect.currentframe().f_back
    for _ in range(level + 1):
        frame = frame.f_back
    namespace = dict(frame.f_globals)
    namespace.update(frame.f_locals)
    del frame
    return namespace


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def user_frame():
    """The innermost frame of the caller's stack outside the eqsim package: where the
    user's code called into eqsim (None if there is none)."""
    frame = inspect.currentframe().f_back
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(
            _PACKAGE_DIR):
        frame = frame.f_back
    return frame


def user_namespace():
    """Locals over globals of :func:`user_frame` (empty if there is none): the names a
    string read through several eqsim calls (``G.I`` of a Synapses) resolves in."""
    frame = user_frame()
    if frame is None:
        return {}
    namespace = dict(frame.f_globals)
    namespace.update(frame.f_locals)
    del frame
    return namespace


def resolve_external(name, group_namespace=None, run_namespace=None, obj=None,
                     model_names=()):
    """Value of an external identifier: a float in SI units with its dimension,
    or a callable object (TimedArray / function). ``model_names``: the names the
    object's own code can use, offered first when ``name`` is a typo (or a function
    giving them: asked only then).

    Returns
    -------
    tuple (value, Dimension)
    """
    for namespace in ((group_namespace,) if group_namespace is not None else (run_namespace,)):
        if namespace is not None and name in namespace:
            return _as_value(name, namespace[name], obj)
    function = default_function(name)  # a Function the user added to DEFAULT_FUNCTIONS
    if function is not None:
        return function, None
    if name in all_units:
        unit = all_units[name]
        return float(np.asarray(unit)), get_dimensions(unit)
    if name in CONSTANTS:
        return CONSTANTS[name], DIMENSIONLESS
    if callable(model_names):
        model_names = model_names()
    close = _close_names(name, model_names, group_namespace, run_namespace)
    hint = f"did you mean {', '.join(close)}?" if close else \
        "define it in the script before run(), or pass namespace={...}"
    raise UnresolvedNameError(f"the identifier '{name}' is not defined", obj=obj, hint=hint)


def _close_names(name, model_names, group_namespace, run_namespace):
    """Up to 3 names like ``name``, each once: the model's own first, then external
    names that hold something a model string can use (a number, a quantity, a
    TimedArray; not the functions and modules of a star import), then units."""
    def usable(value):
        return hasattr(value, "_eqsim_function") or \
            isinstance(value, (Quantity, numbers.Number, np.number))
    externals = [k for namespace in (group_namespace or {}, run_namespace or {})
                 for k, v in namespace.items() if usable(v)]
    close = []
    for candidates in (model_names, externals, all_units):
        candidates = [c for c in dict.fromkeys(candidates)
                      if not c.startswith("_") and c not in close]
        close += difflib.get_close_matches(name, candidates, n=3 - len(close))
        if len(close) == 3:
            break
    return close


def _as_value(name, value, obj):
    if hasattr(value, "_eqsim_function"):
        return value, None
    if callable(value) and not isinstance(value, (Quantity, np.ndarray, np.generic, type)):
        return as_function(name, value), None  # a Python function, with its units (Brian2)
    if isinstance(value, (bool, np.bool_)):
        return float(value), DIMENSIONLESS
    if isinstance(value, Quantity) or isinstance(value, (numbers.Number, np.number, np.ndarray)):
        arr = np.asarray(value)
        if arr.size != 1:
            raise EquationError(f"'{name}' is an array of {arr.size} values; only scalars can be used "
                                f"as constants in model strings", obj=obj,
                                hint="make it a model variable (e.g. 'x : volt') and assign the array")
        try:
            return float(arr.reshape(())), get_dimensions(value)
        except (OverflowError, TypeError):  # an int beyond the doubles, a complex number
            text = repr(value) if len(repr(value)) < 30 else repr(value)[:20] + "..."
            raise EquationError(f"'{name}' ({text}) is not a real number that a double can "
                                "hold", code="EQ106", obj=obj,
                                hint="constants in model strings are float64 values, at most "
                                     "1.8e308 in magnitude") from None
    raise EquationError(f"'{name}' refers to a {type(value).__name__}, which cannot be used in a model "
                        f"string", obj=obj, hint="use a number, a quantity, or a TimedArray")
