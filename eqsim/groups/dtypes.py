"""The NumPy type of each model variable from Brian2's ``dtype=`` argument: one float
type for all float variables, or ``{name: dtype}`` per variable, checked against the
variable's kind and the types eqsim's kernels compute with."""
import numpy as np

from ..core.preferences import prefs
from .state_access import StateError

#: the types kernels (NumPy and C) read and write, by kind of variable
SUPPORTED = {"float": (np.dtype(np.float32), np.dtype(np.float64)),
             "integer": (np.dtype(np.int32), np.dtype(np.int64)),
             "boolean": (np.dtype(np.bool_),)}
_KINDS = {"float": "f", "integer": "iu", "boolean": "b"}  # Brian2's check of a dict entry
_DEFAULTS = {"integer": np.int32, "boolean": np.bool_}  # Brian2's default integer: int32


class DtypeError(StateError, TypeError):
    """A ``dtype=`` that is no NumPy type, does not fit the variable's kind (a
    ``TypeError``, as in Brian2) or is a type eqsim's kernels do not compute with."""
    default_code = "EQ226"


def _as_dtype(chosen, name, kind):
    try:
        return np.dtype(chosen)
    except (TypeError, ValueError):
        raise DtypeError(f"dtype {chosen!r:.60} of '{name}' is not a NumPy data type",
                         hint=_supported_hint(kind)) from None


def _supported_hint(kind):
    return "use " + " or ".join(d.name for d in SUPPORTED[kind])


def _checked(chosen, name, kind):
    chosen = _as_dtype(chosen, name, kind)
    if chosen.kind not in _KINDS[kind]:
        raise DtypeError(f"dtype {chosen} is not a type for the {kind} variable '{name}'",
                         hint=_supported_hint(kind))
    if chosen not in SUPPORTED[kind]:
        raise DtypeError(f"dtype {chosen} of '{name}' is not supported: eqsim's kernels "
                         f"compute {kind} variables as {', '.join(map(str, SUPPORTED[kind]))}",
                         hint=_supported_hint(kind))
    return chosen.type


def float_dtype(dtype, name):
    """The floating-point dtype of variable ``name`` from Brian2's ``dtype=`` argument
    (one dtype for all, or a dict by variable name); otherwise
    ``prefs.core.default_float_dtype`` (float64 unless changed)."""
    chosen = dtype.get(name) if isinstance(dtype, dict) else dtype
    if chosen is None:
        return prefs["core.default_float_dtype"]
    return _checked(chosen, name, "float")


def variable_dtype(dtype, name, var_type):
    """The dtype of variable ``name`` of kind ``var_type`` (``'float'``, ``'integer'``,
    ``'boolean'``): a float variable's as :func:`float_dtype`; an integer or boolean one's
    from a dict entry (int32 or int64; bool), else int32 or bool, as Brian2's."""
    if var_type == "float":
        return float_dtype(dtype, name)
    chosen = dtype.get(name) if isinstance(dtype, dict) else None
    return _DEFAULTS[var_type] if chosen is None else _checked(chosen, name, var_type)
