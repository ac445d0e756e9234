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
from eqsim.units.unit_names import all_units, base_units

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
] + sorted(all_units)
