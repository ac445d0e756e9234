"""Physical units for eqsim: dimensions, quantities and every Brian2 unit name.

``from eqsim.units import *`` gives :class:`Dimension`, :class:`Quantity`,
the dimension helpers, :func:`check_units` and all unit names (``ms``, ``mV``,
``nS``, ``umetre2``...). Values are stored in SI base units; any dimensionless
result is a plain NumPy array or scalar.

Error codes raised here are listed in :mod:`eqsim.units.error_codes` (EQ2xx).
"""

from eqsim.units.check_units import check_units
from eqsim.units.dimensions import (
    DIMENSIONLESS,
    Dimension,
    fail_for_dimension_mismatch,
    get_dimensions,
    get_or_create_dimension,
    have_same_dimensions,
    is_dimensionless,
)
from eqsim.units.display_names import get_unit_for_display
from eqsim.units.quantity import Quantity
from eqsim.units.unit_names import all_units, base_units, extra_units
from eqsim.units.unit_class import Unit, get_unit, register_new_unit
from eqsim.units.unit_display import in_best_unit, in_unit
from eqsim.units.special_functions import exprel

# Brian2's brian2.units also offers these (unit-aware versions there; NumPy's own handle
# quantities here) and the error type
from numpy import expm1, log1p  # noqa: E402
from numpy.linalg import diagonal, trace  # noqa: E402  (eqsim's star import has these)
from eqsim.units.unitsafefunctions import (arange, arccos, arccosh, arcsin, arcsinh,  # noqa: E402
                                           arctan, arctanh, cos, cosh, dot, exp, linspace, log,
                                           log10, ones_like, ptp, ravel, sin, sinh, tan, tanh,
                                           where, zeros_like)
from eqsim.errors import DimensionMismatchError  # noqa: E402

#: Every unit by name, prefixed forms Brian2 does not star-export included (Brian2's
#: ``DEFAULT_UNITS``).
DEFAULT_UNITS = dict(all_units, **extra_units)

globals().update(all_units)

__all__ = [
    "Dimension",
    "DIMENSIONLESS",
    "get_dimensions",
    "get_or_create_dimension",
    "have_same_dimensions",
    "is_dimensionless",
    "fail_for_dimension_mismatch",
    "get_unit_for_display",
    "Quantity",
    "check_units",
    "all_units",
    "base_units",
    "Unit",
    "get_unit",
    "register_new_unit",
    "in_unit",
    "in_best_unit",
    "DEFAULT_UNITS",
] + sorted(all_units)
