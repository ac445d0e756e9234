"""Brian2's ``in_unit`` and ``in_best_unit`` functions, for quantities and plain numbers."""
import numpy as np

from eqsim.units.dimensions import fail_for_dimension_mismatch, is_dimensionless

__all__ = ["in_unit", "in_best_unit"]


def in_unit(x, u, precision=None):
    """``x`` shown in unit ``u``, as Brian2: ``in_unit(3*volt, mvolt) == '3000. mV'``.

    Parameters
    ----------
    x : Quantity, array-like or number
    u : Unit or Quantity
    precision : int, optional
        Digits after the decimal point (NumPy's print option by default).

    Raises
    ------
    DimensionMismatchError
        If ``x`` and ``u`` have different dimensions.
    """
    if is_dimensionless(x):
        fail_for_dimension_mismatch(x, u, 'Non-matching unit for function "in_unit"')
        return str(np.asarray(x / u))
    return x.in_unit(u, precision=precision)


def in_best_unit(x, precision=None):
    """``x`` in the unit that shows numbers closest to 10, as Brian2:
    ``in_best_unit(0.00123456*volt) == '1.23456 mV'``; numbers are only rounded.

    Parameters
    ----------
    x : Quantity, array-like or number
    precision : int, optional
        Digits after the decimal point (NumPy's print option by default).
    """
    if is_dimensionless(x):
        if precision is None:
            precision = np.get_printoptions()["precision"]
        return str(np.round(x, precision))
    return x.in_best_unit(precision=precision)
