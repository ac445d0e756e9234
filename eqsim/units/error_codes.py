"""Catalogue of the error codes the units layer raises (EQ2xx).

Every code names one user mistake so docs and tests can refer to it.
"""

#: Two values with different dimensions were combined (generic).
DIMENSION_MISMATCH = "EQ200"
#: ``+``, ``-``, ``np.maximum``, ``np.concatenate``... on different dimensions.
ARITHMETIC_MISMATCH = "EQ201"
#: ``<``, ``==``... between different dimensions.
COMPARISON_MISMATCH = "EQ202"
#: ``exp``, ``log``, ``sin``... applied to a value that has a dimension.
NEEDS_DIMENSIONLESS = "EQ203"
#: A function decorated with ``check_units`` got an argument in the wrong unit.
ARGUMENT_UNIT = "EQ204"
#: ``float()``/``int()`` of a value that has a dimension.
CONVERSION_NEEDS_DIMENSIONLESS = "EQ205"
#: ``q[i] = value`` or ``q.fill(value)`` with the wrong dimension.
ASSIGNMENT_MISMATCH = "EQ206"
#: ``q ** x`` with an exponent that has a dimension.
BAD_EXPONENT = "EQ207"
#: A dimensioned result written into a plain array (``out=``) would lose its unit.
UNIT_LOST = "EQ208"
#: A function decorated with ``check_units`` returned the wrong unit.
RESULT_UNIT = "EQ209"

# Values that cannot take part in unit arithmetic (class QuantityTypeError, a TypeError)
#: A string (or other non-number) as an operand of a quantity operator.
NOT_A_NUMBER_OPERAND = "EQ290"
#: ``q ** array`` with different exponents per element: the result has no single unit.
EXPONENT_ARRAY = "EQ291"
#: ``Quantity([1*mV, 2])``: a list mixing quantities and plain numbers, or of non-numbers.
MIXED_QUANTITY_LIST = "EQ292"
#: ``(q).cumprod()`` or ``np.cumprod(q)`` with a dimension: each element would need a
#: different unit (mV, mV^2, mV^3...).
CUMPROD_WITH_DIMENSION = "EQ294"
#: ``u = volt; u += volt``: a unit is a shared constant and cannot be changed in place.
UNIT_IN_PLACE = "EQ295"
#: ``d = volt.dim; d *= d``: dimensions are immutable, shared values.
DIMENSION_IN_PLACE = "EQ296"

# Units as objects (issue 12; codes EQ320-EQ329, class UnitDefinitionError)
#: ``Unit(value, ...)`` with a value other than ``10**scale``, or ``dim`` not a Dimension.
UNIT_DEFINITION = "EQ320"
#: ``register_new_unit`` given something that is not a ``Unit``.
NOT_A_UNIT = "EQ321"
