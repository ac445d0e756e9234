"""Unit-aware versions of NumPy functions (``np.mean``, ``np.concatenate``, ...).

Each handler strips the units, runs the NumPy function on plain arrays (so
the numerical work is NumPy's own, at full speed) and attaches the dimension
the result should have. Functions not listed fall back to NumPy's generic
implementation, whose ufunc calls are still dimension-checked.
"""

import numpy as np

from eqsim.errors import DimensionMismatchError, QuantityTypeError
from eqsim.units import error_codes
from eqsim.units.dimensions import DIMENSIONLESS
from eqsim.units.display_names import get_unit_for_display
from eqsim.units.quantity import strip_units, wrap_result
from eqsim.units.ufunc_rules import is_plain_zero as _is_plain_zero
from eqsim.units.ufunc_rules import is_zero_or_inf as _is_zero_or_inf

__all__ = ["HANDLERS"]

#: numpy function -> unit-aware replacement
HANDLERS = {}


def _same_dimension(name, dims):
    reference = dims[0]
    for dim in dims[1:]:
        if dim is not reference:
            raise DimensionMismatchError(
                f"{name}: all arguments must have the same unit (units are "
                f"{get_unit_for_display(reference)} and {get_unit_for_display(dim)})",
                reference, dim, code=error_codes.ARITHMETIC_MISMATCH)
    return reference


def _wrap_first(result, dim):
    """Attach ``dim`` to a result, or to the first element of a tuple result."""
    if isinstance(result, tuple):
        return (wrap_result(result[0], dim),) + tuple(result[1:])
    return wrap_result(result, dim)


def _register(names, factory):
    for name in names:
        func = getattr(np, name, None)
        if func is not None:
            HANDLERS[func] = factory(func)


def _keep_dimension(func):
    """The result has the dimension of the first argument (mean, sort, diff...)."""
    def handler(a, *args, **kwargs):
        values, dim, _ = strip_units(a)
        return _wrap_first(func(values, *args, **kwargs), dim)
    return handler


def _square_dimension(func):
    def handler(a, *args, **kwargs):
        values, dim, _ = strip_units(a)
        return wrap_result(func(values, *args, **kwargs), dim ** 2)
    return handler


def _plain_result(func):
    """Indices, counts, booleans: no unit on the result, and only one array argument."""
    def handler(a, *args, **kwargs):
        return func(strip_units(a)[0], *args, **kwargs)
    return handler


def _sequence_joined(func):
    """concatenate, stack, ...: arrays sharing a unit keep it; arrays of different units
    are joined as their values in SI base units, without a unit, as Brian2 does (its
    Quantity does not override these functions; Rossant_et_al_2011bis stacks a voltage
    trace with zeros for a plot)."""
    def handler(arrays, *args, **kwargs):
        stripped = [strip_units(item) for item in arrays]
        dims = {d for _, d, _ in stripped}
        dim = dims.pop() if len(dims) == 1 else DIMENSIONLESS
        return wrap_result(func([v for v, _, _ in stripped], *args, **kwargs), dim)
    return handler


def _pair_same_dimension(func, keep):
    """Two array arguments with the same unit (allclose, searchsorted, append...)."""
    def handler(a, b, *args, **kwargs):
        (a_values, a_dim, _), (b_values, b_dim, _) = strip_units(a), strip_units(b)
        dim = _same_dimension(func.__name__, [a_dim, b_dim])
        for key in ("atol",):
            if key in kwargs:
                kwargs[key], atol_dim, is_quantity = strip_units(kwargs[key])
                if is_quantity:
                    _same_dimension(func.__name__, [dim, atol_dim])
        result = func(a_values, b_values, *args, **kwargs)
        return wrap_result(result, dim) if keep else result
    return handler


def _product_dimension(func):
    def handler(a, b, *args, **kwargs):
        (a_values, a_dim, _), (b_values, b_dim, _) = strip_units(a), strip_units(b)
        return wrap_result(func(a_values, b_values, *args, **kwargs), a_dim * b_dim)
    return handler


_register(["mean", "average", "nanmean", "median", "nanmedian", "sum", "nansum", "min",
           "max", "amin", "amax", "nanmin", "nanmax", "ptp", "std", "nanstd", "cumsum",
           "nancumsum", "diff", "sort", "round", "around", "percentile", "nanpercentile",
           "quantile", "nanquantile", "copy", "ravel", "reshape", "transpose", "squeeze",
           "expand_dims", "flip", "fliplr", "flipud", "roll", "repeat", "tile", "take",
           "partition", "broadcast_to", "moveaxis", "swapaxes", "rot90", "diagonal", "trace",
           "real", "imag", "fix", "trim_zeros", "unique", "empty_like",
           "delete", "resize", "atleast_1d", "atleast_2d", "atleast_3d"],
          _keep_dimension)
_register(["var", "nanvar"], _square_dimension)
_register(["argmin", "argmax", "nanargmin", "nanargmax", "argsort", "argpartition", "argwhere",
           "nonzero", "count_nonzero", "flatnonzero", "shape", "ndim", "size", "ones_like",
           "zeros_like",  # plain zeros, as Brian2's (array([0., 0.]) for [1, 2]*mV)
           "isreal", "iscomplex"], _plain_result)
_register(["concatenate", "stack", "vstack", "hstack", "dstack", "column_stack"],
          _sequence_joined)
_register(["dot", "inner", "outer", "tensordot", "kron", "cross", "vdot"], _product_dimension)
_register(["append"], lambda func: _pair_same_dimension(func, keep=True))
_register(["allclose", "isclose", "array_equal", "array_equiv", "searchsorted"],
          lambda func: _pair_same_dimension(func, keep=False))


def _prod(a, axis=None, *args, _func=np.prod, **kwargs):
    values, dim, _ = strip_units(a)
    result = _func(values, axis, *args, **kwargs)
    if dim is DIMENSIONLESS:
        return result
    shape = np.shape(values)
    axes = range(len(shape)) if axis is None else (axis if isinstance(axis, tuple) else (axis,))
    count = int(np.prod([shape[ax] for ax in axes]))
    return wrap_result(result, dim ** count)


def _clip(a, a_min=None, a_max=None, out=None, **kwargs):
    values, dim, _ = strip_units(a)
    bounds = [kwargs.pop("min", a_min), kwargs.pop("max", a_max)]
    for index, bound in enumerate(bounds):
        if bound is None:
            continue
        bound_values, bound_dim, is_quantity = strip_units(bound)
        # A plain 0 or inf bound means the same in every unit.
        if bound_dim is not dim and (is_quantity or not _is_zero_or_inf(bound_values)):
            _same_dimension("clip", [dim, bound_dim])
        bounds[index] = bound_values
    if out is None:
        return wrap_result(np.clip(values, bounds[0], bounds[1], **kwargs), dim)
    target = out[0] if isinstance(out, tuple) else out
    np.clip(values, bounds[0], bounds[1], out=strip_units(target)[0], **kwargs)
    if dim is not DIMENSIONLESS and not hasattr(target, "dim"):
        _same_dimension("clip", [dim, DIMENSIONLESS])
    if hasattr(target, "dim"):
        target.dim = dim
    return target


def _where(condition, *branches):
    condition = strip_units(condition)[0]
    if not branches:
        return np.where(condition)
    if len(branches) != 2:
        # NumPy's own refusal: ValueError for one branch, TypeError for three (as Brian2)
        return np.where(condition, *(strip_units(branch)[0] for branch in branches))
    (x_values, x_dim, _), (y_values, y_dim, _) = strip_units(branches[0]), strip_units(branches[1])
    # where(spiking, v, 0): a plain zero branch takes the other branch's unit, as in Brian2
    dims = [d for v, d in ((x_values, x_dim), (y_values, y_dim)) if not _is_plain_zero(v, d)]
    dim = _same_dimension("where", dims) if dims else DIMENSIONLESS
    return wrap_result(np.where(condition, x_values, y_values), dim)


def _linspace(start, stop, *args, **kwargs):
    (start_values, start_dim, _), (stop_values, stop_dim, _) = strip_units(start), strip_units(stop)
    # as Brian2: a plain zero at either end fits any unit, and the result takes start's
    # unit, so linspace(0, 5*mV, 3) is the plain array [0, 0.0025, 0.005]
    if not (_is_plain_zero(start_values, start_dim) or _is_plain_zero(stop_values, stop_dim)):
        _same_dimension("linspace", [start_dim, stop_dim])
    dim = start_dim
    result = np.linspace(start_values, stop_values, *args, **kwargs)
    if isinstance(result, tuple):  # retstep=True
        return tuple(wrap_result(part, dim) for part in result)
    return wrap_result(result, dim)


def _interp(x, xp, fp, *args, **kwargs):
    (x_values, x_dim, _), (xp_values, xp_dim, _) = strip_units(x), strip_units(xp)
    _same_dimension("interp", [x_dim, xp_dim])
    fp_values, fp_dim, _ = strip_units(fp)
    for key in ("left", "right"):
        if kwargs.get(key) is not None:
            kwargs[key], bound_dim, _ = strip_units(kwargs[key])
            _same_dimension("interp", [fp_dim, bound_dim])
    return wrap_result(np.interp(x_values, xp_values, fp_values, *args, **kwargs), fp_dim)


def _full_like(a, fill_value, *args, **kwargs):
    values = strip_units(a)[0]
    fill_values, fill_dim, _ = strip_units(fill_value)
    return wrap_result(np.full_like(values, fill_values, *args, **kwargs), fill_dim)


def _histogram(a, bins=10, range=None, *args, **kwargs):  # noqa: A002 (numpy's name)
    values, dim, _ = strip_units(a)
    bins_values, bins_dim, bins_is_quantity = strip_units(bins)
    if bins_is_quantity:
        _same_dimension("histogram", [dim, bins_dim])
    if range is not None:
        range = tuple(strip_units(bound)[0] for bound in range)  # noqa: A001
    if kwargs.get("weights") is not None:
        # counts are plain numbers, the weights' values in SI units, as in Brian2 (and
        # as matplotlib's hist() needs them)
        kwargs["weights"] = strip_units(kwargs["weights"])[0]
    counts, edges = np.histogram(values, bins_values, range, *args, **kwargs)
    return counts, wrap_result(edges, dim)


def _insert(arr, obj, values, *args, **kwargs):
    (arr_values, arr_dim, _), (new_values, new_dim, _) = strip_units(arr), strip_units(values)
    dim = _same_dimension("insert", [arr_dim, new_dim])
    return wrap_result(np.insert(arr_values, obj, new_values, *args, **kwargs), dim)


HANDLERS[np.prod] = _prod
HANDLERS[np.clip] = _clip
HANDLERS[np.where] = _where
HANDLERS[np.linspace] = _linspace
HANDLERS[np.interp] = _interp
HANDLERS[np.full_like] = _full_like
HANDLERS[np.histogram] = _histogram
HANDLERS[np.insert] = _insert


def _refuse_cumprod(func):
    # Brian2: "cumprod over array elements on quantities with dimensions is not possible"
    # (a TypeError); the running products would each need another unit
    def handler(a, *args, **kwargs):
        values, dim, _ = strip_units(a)
        if dim is not DIMENSIONLESS:
            raise QuantityTypeError(
                f"{func.__name__} over array elements on quantities with dimensions is not "
                f"possible (unit is {get_unit_for_display(dim)})",
                code=error_codes.CUMPROD_WITH_DIMENSION,
                hint="take the product of the plain values: np.cumprod(q/mV)")
        return func(values, *args, **kwargs)
    return handler


# nanprod multiplies like prod (Brian2: the unit to the power of the element count)
HANDLERS[np.nanprod] = lambda a, axis=None, *args, **kwargs: _prod(a, axis, *args,
                                                                   _func=np.nanprod, **kwargs)
for _func in (np.cumprod, np.nancumprod):
    HANDLERS[_func] = _refuse_cumprod(_func)
