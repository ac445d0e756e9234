"""``@check_units``: declare the units a function's arguments and result must have."""

import functools
import inspect
import numbers

import numpy as np

from eqsim.errors import DimensionMismatchError
from eqsim.units import error_codes
from eqsim.units.dimensions import DIMENSIONLESS, Dimension, get_dimensions
from eqsim.units.display import format_short
from eqsim.units.display_names import get_unit_for_display

__all__ = ["check_units"]


def _expected_dimension(spec):
    """Dimension demanded by a ``check_units`` specification (None: anything goes)."""
    if spec is None or isinstance(spec, str):
        return None
    if isinstance(spec, Dimension):
        return spec
    if isinstance(spec, numbers.Number):
        return DIMENSIONLESS  # ``x=1`` means "a plain number", as in Brian2
    return get_dimensions(spec)


def _describe(value):
    try:
        dim = get_dimensions(value)
    except TypeError:
        return repr(value), None
    return format_short(value, dim), dim


def _check_value(function_name, argument, value, spec, bound_arguments):
    if spec is None or value is None:
        return
    if spec is bool:
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(f'Function "{function_name}" expected a boolean value for '
                            f'argument "{argument}" but got {value!r}.')
        return
    if isinstance(spec, str):
        # ``y='x'``: y must have whatever unit x has.
        if spec not in bound_arguments:
            raise TypeError(f'check_units for "{function_name}": argument "{argument}" refers '
                            f'to unknown argument "{spec}".')
        expected = get_dimensions(bound_arguments[spec])
    else:
        expected = _expected_dimension(spec)
    shown, actual = _describe(value)
    if actual is None:
        raise TypeError(f'Function "{function_name}" expected a quantity for argument '
                        f'"{argument}" but got {shown}.')
    if actual is not expected:
        what = "result" if argument == "result" else f'argument "{argument}"'
        raise DimensionMismatchError(
            f'Function "{function_name}" expected a quantity with unit '
            f"{get_unit_for_display(expected)} for {what} but got {shown} "
            f"(unit is {get_unit_for_display(actual)})",
            expected, actual,
            code=error_codes.RESULT_UNIT if argument == "result" else error_codes.ARGUMENT_UNIT,
            hint=None if argument == "result" else
            f"pass e.g. {argument}=... * {get_unit_for_display(expected)}")


def check_units(**specs):
    """Decorator checking the units of a function's arguments and result.

    Parameters
    ----------
    **specs
        For each argument name, the unit its value must have: a unit or
        quantity (``volt``), a Dimension, ``1`` for a plain number, ``bool``
        for a boolean, the name of another argument (same unit as that one), or
        ``None`` for no check. ``result=`` checks the return value the same way.
        Arguments passed as ``None`` are not checked.

    Raises
    ------
    DimensionMismatchError
        When called with an argument (or returning a result) of the wrong unit.

    Examples
    --------
    >>> from eqsim.units import volt, amp, ohm
    >>> @check_units(v=volt, r=ohm, result=amp)
    ... def current(v, r):
    ...     return v / r
    """
    result_spec = specs.pop("result", None)

    def decorator(function):
        signature = inspect.signature(function)
        unknown = set(specs) - set(signature.parameters)
        has_var_keywords = any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values())
        if unknown and not has_var_keywords:
            raise TypeError(f"check_units names unknown arguments {sorted(unknown)} of "
                            f'"{function.__name__}".')

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            arguments = dict(bound.arguments)
            for name, spec in specs.items():
                # as in Brian2, a string argument passes unchecked: it presumably names
                # a variable (f(v="v_post")), whose unit is known only where it is used
                if name in arguments and not isinstance(arguments[name], str):
                    _check_value(function.__name__, name, arguments[name], spec, arguments)
            result = function(*args, **kwargs)
            if result_spec is not None:
                _check_value(function.__name__, "result", result, result_spec, arguments)
            return result

        wrapper._check_units_specs = dict(specs, result=result_spec)
        # what Brian2's check_units records, read by eqsim.core.functions.Function when
        # the function is called from a model string
        names = [name for name, p in signature.parameters.items()
                 if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        wrapper._orig_func = function
        wrapper._arg_names = wrapper._orig_arg_names = names
        wrapper._arg_units = [specs.get(name) for name in names]
        wrapper._return_unit = result_spec
        wrapper._returns_bool = result_spec is bool
        return wrapper

    return decorator
