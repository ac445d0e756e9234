"""How each NumPy ufunc transforms physical dimensions.

:func:`result_dimension` checks the input dimensions of one ufunc call and
returns the dimension of its result (a tuple for ufuncs with two outputs).
Ufuncs not listed here accept only dimensionless inputs, so an unknown
function can never silently produce a wrongly-dimensioned number.
"""

import numpy as np

from eqsim.errors import DimensionMismatchError, QuantityTypeError
from eqsim.units import error_codes
from eqsim.units.dimensions import DIMENSIONLESS
from eqsim.units.display import format_short
from eqsim.units.display_names import get_unit_for_display

__all__ = ["result_dimension", "is_zero_or_inf", "is_plain_zero"]

# Binary ufuncs whose operands must share a dimension, which the result keeps.
_SAME_KEEP = {"add", "subtract", "maximum", "minimum", "fmax", "fmin", "remainder",
              "fmod", "hypot", "nextafter", "clip"}
# Same-dimension operands, dimensionless result.
_SAME_DIMENSIONLESS = {"arctan2"}
_COMPARISONS = {"less": "<", "less_equal": "<=", "greater": ">", "greater_equal": ">=",
                "equal": "==", "not_equal": "!="}
_OPERATOR_SYMBOLS = {"add": "+", "subtract": "-", **_COMPARISONS}
# Ordering-type ufuncs, for which a plain 0 or +-inf means the same in every unit.
_ZERO_OR_INF_ALLOWED = set(_COMPARISONS) | {"maximum", "minimum", "fmax", "fmin", "clip"}
# Unary ufuncs (or binary with a dimensionless second operand) keeping the first dimension.
_KEEP_FIRST = {"negative", "positive", "absolute", "fabs", "rint", "floor", "ceil", "trunc",
               "conjugate", "spacing"}
_KEEP_FIRST_ANY_SECOND = {"copysign"}
_KEEP_FIRST_DIMENSIONLESS_SECOND = {"ldexp"}
# Any dimension in, dimensionless (usually boolean) out.
_ANY_TO_DIMENSIONLESS = {"sign", "isnan", "isinf", "isfinite", "signbit", "logical_not",
                         "logical_and", "logical_or", "logical_xor"}
_POWERS = {"sqrt": 0.5, "cbrt": 1.0 / 3.0, "square": 2.0, "reciprocal": -1.0}


def _mismatch(message, dims, code):
    return DimensionMismatchError(message, *dims, code=code)


def is_zero_or_inf(value):
    """Whether a plain value is all zeros/infinities (meaningful in any unit)."""
    array = np.asarray(value)
    if array.dtype.kind not in "biuf":
        return False
    return bool(np.all((array == 0) | np.isinf(array)))


def is_plain_zero(value, dim):
    """Whether ``value`` is a dimensionless all-zero value, which Brian2 lets stand for
    zero in any unit (``v + 0``, ``q[i] = 0``, and Python's ``sum`` starting at 0)."""
    if dim is not DIMENSIONLESS:
        return False
    array = np.asarray(value)
    return array.dtype.kind in "biuf" and bool(np.all(array == 0))


def _describe(values, dims):
    return [format_short(v, d) for v, d in zip(values, dims)]


def _check_same(name, dims, values, quantity_flags):
    """All operands share a dimension (a plain 0/inf is fine for comparisons)."""
    reference = None
    for dim, value, is_quantity in zip(dims, values, quantity_flags):
        if value is None:
            continue  # e.g. np.clip(q, None, 5*mV)
        if name in _ZERO_OR_INF_ALLOWED and not is_quantity and is_zero_or_inf(value):
            continue
        if is_plain_zero(value, dim):
            continue
        if reference is None:
            reference = dim
        elif dim is not reference:
            shown = _describe([v for v in values if v is not None],
                              [d for d, v in zip(dims, values) if v is not None])
            symbol = _OPERATOR_SYMBOLS.get(name)
            what = (f" {symbol} ".join(shown) if symbol else f"{name}({', '.join(shown)})")
            code = (error_codes.COMPARISON_MISMATCH if name in _COMPARISONS
                    else error_codes.ARITHMETIC_MISMATCH)
            raise _mismatch(
                f"Cannot calculate {what}, units do not match (units are "
                f"{get_unit_for_display(reference)} and {get_unit_for_display(dim)})",
                (reference, dim), code)
    return DIMENSIONLESS if reference is None else reference


def _require_dimensionless(name, dims, values):
    for dim, value in zip(dims, values):
        if dim is not DIMENSIONLESS:
            raise DimensionMismatchError(
                f"Function {name} expects dimensionless arguments, got "
                f"{format_short(value, dim)} (unit is {get_unit_for_display(dim)})",
                dim, code=error_codes.NEEDS_DIMENSIONLESS,
                hint="divide by a unit first, e.g. exp(v/mV) or exp(v/(10*mV))")
    return DIMENSIONLESS


def _power_dimension(dims, values):
    base_dim, exponent_dim = dims[0], dims[1]
    if exponent_dim is not DIMENSIONLESS:
        raise DimensionMismatchError(
            f"The exponent must be dimensionless, got {format_short(values[1], exponent_dim)}",
            exponent_dim, code=error_codes.BAD_EXPONENT)
    if base_dim is DIMENSIONLESS:
        return DIMENSIONLESS
    exponent = np.asarray(values[1])
    if exponent.size == 0:
        return base_dim
    first = exponent.flat[0]
    if exponent.size > 1 and not np.all(exponent == first):
        raise QuantityTypeError(
            "A quantity with a unit can only be raised to a single exponent, not to an "
            "array of different exponents", code=error_codes.EXPONENT_ARRAY,
            hint="raise each part to its own exponent, or divide by the unit first")
    return base_dim ** float(first)


def _call_dimension(name, dims, values, quantity_flags):
    if name in _SAME_KEEP:
        return _check_same(name, dims, values, quantity_flags)
    if name in _COMPARISONS:
        _check_same(name, dims, values, quantity_flags)
        return DIMENSIONLESS
    if name in _SAME_DIMENSIONLESS:
        _check_same(name, dims, values, quantity_flags)
        return DIMENSIONLESS
    if name in _KEEP_FIRST or name in _KEEP_FIRST_ANY_SECOND:
        return dims[0]
    if name in _KEEP_FIRST_DIMENSIONLESS_SECOND:
        _require_dimensionless(name, dims[1:], values[1:])
        return dims[0]
    if name in _ANY_TO_DIMENSIONLESS:
        return DIMENSIONLESS
    if name in ("multiply", "matmul", "vecdot"):
        return dims[0] * dims[1]
    if name in ("divide", "true_divide", "floor_divide"):
        return dims[0] / dims[1]
    if name == "divmod":
        return dims[0] / dims[1], dims[0]
    if name in _POWERS:
        return dims[0] ** _POWERS[name]
    if name in ("power", "float_power"):
        return _power_dimension(dims, values)
    if name == "heaviside":
        _require_dimensionless(name, dims[1:], values[1:])
        return DIMENSIONLESS
    return _require_dimensionless(name, dims, values)


def _reduced_count(value, kwargs):
    """How many elements a reduction combines into each output element."""
    shape = np.shape(value)
    axis = kwargs.get("axis", 0)
    if axis is None:
        return int(np.prod(shape))
    axes = axis if isinstance(axis, tuple) else (axis,)
    return int(np.prod([shape[a] for a in axes]))


def result_dimension(ufunc, method, dims, values, quantity_flags, kwargs):
    """Check dimensions for one ufunc call and return the result's dimension.

    Parameters
    ----------
    ufunc : numpy.ufunc
    method : str
        ``'__call__'``, ``'reduce'``, ``'accumulate'``, ``'reduceat'``, ``'outer'`` or ``'at'``.
    dims : list of Dimension
        Dimension of each input.
    values : list
        The inputs with units stripped (used for messages and exponents).
    quantity_flags : list of bool
        Whether each input was a Quantity (plain zeros are special in comparisons).
    kwargs : dict
        The ufunc keyword arguments (``axis`` matters for ``multiply.reduce``).

    Returns
    -------
    Dimension or tuple of Dimension
    """
    name = ufunc.__name__
    if method in ("__call__", "outer"):
        return _call_dimension(name, dims, values, quantity_flags)
    if method == "at":
        # ufunc.at(a, indices, b): the indices carry no unit.
        operand_dims = [dims[0]] + list(dims[2:])
        operand_values = [values[0]] + list(values[2:])
        operand_flags = [quantity_flags[0]] + list(quantity_flags[2:])
        return _call_dimension(name, operand_dims, operand_values, operand_flags)
    # reduce, accumulate, reduceat: one array operand
    dim = dims[0]
    if name in ("add", "maximum", "minimum", "fmax", "fmin"):
        return dim
    if name in ("logical_and", "logical_or", "logical_xor") or name in _COMPARISONS:
        return DIMENSIONLESS
    if name == "multiply" and method == "reduce" and dim is not DIMENSIONLESS:
        return dim ** _reduced_count(values[0], kwargs)
    return _require_dimensionless(f"{name}.{method}", dims[:1], values[:1])
