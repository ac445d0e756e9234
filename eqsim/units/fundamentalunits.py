"""Brian2's ``brian2.units.fundamentalunits``: quantities, units and dimension helpers."""
from eqsim.errors import DimensionMismatchError
from eqsim.units.check_units import check_units
from eqsim.units.dimensions import (DIMENSIONLESS, Dimension, fail_for_dimension_mismatch,
                                    get_dimensions, get_or_create_dimension,
                                    have_same_dimensions, is_dimensionless)
from eqsim.units.quantity import Quantity
from eqsim.units.unit_class import (Unit, UnitRegistry, additional_unit_register, get_unit,
                                    register_new_unit, standard_unit_register,
                                    user_unit_register)
from eqsim.units.unit_display import in_best_unit, in_unit

__all__ = ["DimensionMismatchError", "Quantity", "Unit", "check_units", "get_dimensions",
           "get_or_create_dimension", "get_unit", "have_same_dimensions", "in_best_unit",
           "in_unit", "is_dimensionless", "register_new_unit", "fail_for_dimension_mismatch",
           "Dimension", "DIMENSIONLESS", "UnitRegistry", "standard_unit_register",
           "user_unit_register", "additional_unit_register"]
