"""Checks that a stored object state fits the object it is restored into.

Run before anything is changed: an array of another size, shape or dtype, or an index
out of range, would let a compiled kernel read or write outside its arrays.
"""
import numpy as np

from ..errors import CheckpointError, StoredObjectsMismatchError

_SCALARS = ((bool, "a boolean"), (int, "an integer"), (float, "a number"), (str, "a string"))


def mismatch(obj, message, hint=None, error=CheckpointError):
    """The error for a state that does not fit ``obj`` (an object name)."""
    return error(
        f"the stored state does not fit '{obj}': {message}", obj=obj,
        hint=hint or "restore into a network built as when the state was stored "
                     "(same objects, names and sizes)")


def check_keys(state, expected, obj, what="variables"):
    """``state`` is a dict with exactly the keys ``expected``."""
    if not isinstance(state, dict):
        raise mismatch(obj, f"expected a dict of {what}, found {type(state).__name__}")
    missing = sorted(set(expected) - set(state))
    extra = sorted(set(state) - set(expected))
    if missing:
        raise mismatch(obj, f"no stored values for the {what} {missing}",
                       error=StoredObjectsMismatchError)
    if extra:
        raise mismatch(obj, f"stored {what} {extra} that '{obj}' does not have",
                       error=StoredObjectsMismatchError)


def check_array(value, obj, key, dtype, shape=None, ndim=1):
    """``value`` is an array of ``dtype`` and ``shape`` (or of ``ndim`` dimensions)."""
    if not isinstance(value, np.ndarray):
        raise mismatch(obj, f"'{key}' should be an array, found {type(value).__name__}")
    if value.dtype != np.dtype(dtype):
        raise mismatch(obj, f"'{key}' has dtype {value.dtype}, '{obj}' needs {np.dtype(dtype)}")
    if shape is not None and value.shape != tuple(shape):
        raise mismatch(obj, f"'{key}' has shape {value.shape}, '{obj}' needs {tuple(shape)}",
                       hint="a group of the same name but another size? restore into a "
                            "network built with the sizes it was stored with")
    if shape is None and value.ndim != ndim:
        raise mismatch(obj, f"'{key}' has {value.ndim} dimensions, '{obj}' needs {ndim}")
    return value


def check_indices(value, obj, key, upper):
    """Every element of ``value`` is an index in ``[0, upper)``."""
    if value.size and (value.min() < 0 or value.max() >= upper):
        raise mismatch(obj, f"'{key}' holds indices outside [0, {upper})")
    return value


def check_event_space(values, obj, key):
    """An event space: the indices of the elements with an event, their count last."""
    n = values.size - 1
    count = int(values[-1]) if values.size else -1
    if not 0 <= count <= n:
        raise mismatch(obj, f"'{key}' counts {count} events for {n} elements")
    check_indices(values[:count], obj, key, n)


def check_scalar(value, obj, key, kind, minimum=None, optional=False, maximum=2**63 - 1):
    """``value`` is a JSON scalar of Python type ``kind`` (an int is a valid float); an
    integer fits the C type it goes into (int64 unless ``maximum`` says otherwise)."""
    if value is None and optional:
        return value
    accepted = (int, float) if kind is float else kind
    if not isinstance(value, accepted) or (kind is not bool and isinstance(value, bool)):
        label = dict(_SCALARS)[kind]
        raise mismatch(obj, f"'{key}' should be {label}, found {value!r}")
    if minimum is not None and not value >= minimum:
        raise mismatch(obj, f"'{key}' is {value!r}, it must be at least {minimum}")
    if kind is int and maximum is not None and not -maximum - 1 <= value <= maximum:
        raise mismatch(obj, f"'{key}' is {value!r}, out of range")
    return value


def check_like(template, state, obj, path=""):
    """``state`` has the structure of ``template`` (what the object's ``get_state()``
    returns now): the same keys, arrays of the same dtype and shape, scalars of the
    same kind."""
    key = path or "state"
    if isinstance(template, dict):
        check_keys(state, template, obj)
        for name, value in template.items():
            check_like(value, state[name], obj, f"{path}.{name}" if path else name)
    elif isinstance(template, np.ndarray):
        check_array(state, obj, key, template.dtype, template.shape)
    elif isinstance(template, (list, tuple)):
        if not isinstance(state, list) or len(state) != len(template):
            raise mismatch(obj, f"'{key}' should be a list of {len(template)} values")
        for k, (t, s) in enumerate(zip(template, state)):
            check_like(t, s, obj, f"{key}[{k}]")
    elif template is None:
        if state is not None:
            raise mismatch(obj, f"'{key}' should be empty, found {state!r}")
    else:
        kind = next(k for k, _ in _SCALARS if isinstance(template, k))
        check_scalar(state, obj, key, kind)
