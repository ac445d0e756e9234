"""NumPy-level versions of functions that model strings offer (Brian2 has them in
``brian2.units``)."""
import numpy as np

from .dimensions import DIMENSIONLESS, fail_for_dimension_mismatch


def exprel(x):
    """``(exp(x) - 1)/x`` for dimensionless arrays and quantities, 1 at ``x = 0`` (accurate
    near 0, as the ``exprel`` of model strings)."""
    fail_for_dimension_mismatch(x, DIMENSIONLESS, "exprel takes a dimensionless argument")
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        result = np.where(x == 0, 1.0, np.expm1(x) / np.where(x == 0, 1.0, x))
    return result if result.ndim else result.item()
