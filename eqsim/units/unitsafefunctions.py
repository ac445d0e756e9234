"""Brian2's ``brian2.units.unitsafefunctions``: NumPy functions usable on quantities.

NumPy's own functions already handle quantities through the NumPy protocols
(``__array_ufunc__``/``__array_function__``), so most names here are NumPy's.
``arange`` is the exception: NumPy converts its arguments to plain floats before any
protocol is consulted, so ``arange(0*ms, 10*ms, 1*ms)`` would lose the unit.
"""
import numpy as np
from numpy import (arccos, arccosh, arcsin, arcsinh, arctan, arctanh, cos, cosh, diagonal,  # noqa: F401
                   dot, exp, linspace, log, log10, ones_like, ptp, ravel, sin, sinh, tan, tanh,
                   trace, where, zeros_like)

from eqsim.units.dimensions import DIMENSIONLESS
from eqsim.units.quantity import strip_units, wrap_result
from eqsim.units.ufunc_rules import is_plain_zero

__all__ = ["arange", "arccos", "arccosh", "arcsin", "arcsinh", "arctan", "arctanh", "cos",
           "cosh", "diagonal", "dot", "exp", "linspace", "log", "log10", "ones_like", "ptp",
           "ravel", "sin", "sinh", "tan", "tanh", "trace", "where", "zeros_like"]

_UNSET = object()


def _split_arguments(args, start, stop, step):
    """NumPy's ``arange([start,] stop[, step])`` argument forms as ``(start, stop, step)``."""
    if len(args) > 3:
        raise TypeError("arange() takes at most 3 positional arguments")
    given = dict(zip(("stop",) if len(args) == 1 else ("start", "stop", "step"), args))
    for name, value in (("start", start), ("stop", stop), ("step", step)):
        if value is not _UNSET:
            if name in given:
                raise TypeError(f"arange() got multiple values for argument '{name}'")
            given[name] = value
    if "stop" not in given:
        raise TypeError("arange() missing required argument 'stop'")
    return given.get("start", 0), given["stop"], given.get("step", 1)


def arange(*args, start=_UNSET, stop=_UNSET, step=_UNSET, **kwargs):
    """``numpy.arange`` keeping the unit: ``arange(0*ms, 10*ms, 1*ms)`` is in ms.

    Start, stop and step must share a unit; a plain 0 fits any unit, while the default
    step of 1 is dimensionless (as in Brian2, ``arange(5*ms)`` needs a step). The result
    is in stop's unit.
    """
    from eqsim.units.dimensions import fail_for_dimension_mismatch
    start, stop, step = _split_arguments(args, start, stop, step)
    (start_values, start_dim, _), (stop_values, stop_dim, _), (step_values, step_dim, _) = (
        strip_units(start), strip_units(stop), strip_units(step))
    # as Brian2: a plain zero on either side of a pair fits any unit (arange(0*mV, 0, 1*mV)),
    # and the result takes stop's unit
    for (first, first_dim), (second, second_dim), names in (
            ((start_values, start_dim), (stop_values, stop_dim), "start and stop"),
            ((stop_values, stop_dim), (step_values, step_dim), "stop and step")):
        if not (is_plain_zero(first, first_dim) or is_plain_zero(second, second_dim)):
            fail_for_dimension_mismatch(first_dim, second_dim,
                                        f"arange: {names} need the same unit")
    values = np.arange(np.asarray(start_values), np.asarray(stop_values), np.asarray(step_values),
                       **kwargs)
    return wrap_result(values, stop_dim) if stop_dim is not DIMENSIONLESS else values
