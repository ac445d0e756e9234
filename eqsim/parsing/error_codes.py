"""Catalogue of the error codes the parsing layer raises.

Every code names one user mistake so that docs and tests can refer to it.
EQ1xx are problems with the text itself; EQ21x are dimension problems found
while checking parsed expressions (the units layer owns EQ200-EQ209, and the
checks here reuse those codes where the mistake is the same one).
"""

# -- expressions and statements (EQ10x) ------------------------------------
#: The text is not valid Python expression syntax.
SYNTAX_ERROR = "EQ101"
#: A construct outside the whitelist: attribute access, indexing, lambda, strings...
FORBIDDEN_CONSTRUCT = "EQ102"
#: A name that may not be used: dunder names, non-ASCII names.
FORBIDDEN_NAME = "EQ103"
#: A whitelisted function called with the wrong number of arguments.
WRONG_ARGUMENT_COUNT = "EQ104"
#: A value of the wrong kind for an operator, e.g. a comparison used in arithmetic.
INVALID_OPERAND = "EQ105"
#: A numeric constant that cannot be represented (inf, 1/0, a gigantic power).
NUMBER_OUT_OF_RANGE = "EQ106"
#: An expression nested too deeply to be analysed.
TOO_DEEPLY_NESTED = "EQ107"
#: A statement line that is not an assignment to a plain variable name.
NOT_AN_ASSIGNMENT = "EQ108"
#: An assignment to a value the simulator provides (t, dt, i, N, xi...) or to an internal
#: ``_`` name; (constant) and read-only model variables are refused with EQ802.
READ_ONLY_VARIABLE = "EQ109"

# -- name resolution (EQ11x, see UnresolvedNameError) -----------------------
#: An identifier that resolves to nothing known.
UNKNOWN_IDENTIFIER = "EQ110"
#: A called function that is neither whitelisted nor provided by the model.
UNKNOWN_FUNCTION = "EQ111"

# -- equations (EQ12x) --------------------------------------------------------
#: An equation line that does not match ``lhs [= rhs] : unit [(flags)]``.
MALFORMED_EQUATION = "EQ120"
#: A flag that does not exist or does not apply to this kind of equation.
UNKNOWN_FLAG = "EQ121"
#: A unit name that is not known, or a unit expression that is not a unit.
UNKNOWN_UNIT = "EQ122"
#: The same variable is defined twice.
DUPLICATE_DEFINITION = "EQ123"
#: A keyword substitution that cannot be applied.
INVALID_SUBSTITUTION = "EQ124"
#: A variable name that is reserved (t, dt, i, N, xi, function names, leading '_').
RESERVED_NAME = "EQ125"
#: A differential equation declared with a boolean or integer type.
INVALID_VARIABLE_TYPE = "EQ126"
#: A name given as an argument (object, event, pathway, index variable) that is not a
#: plain identifier or starts with '_'.
INVALID_NAME = "EQ127"
#: Subexpressions that are defined in terms of each other (``a = b``, ``b = a``).
CYCLIC_DEFINITION = "EQ128"

# -- dimensions of expressions (reusing the units layer's EQ20x) -------------
#: Terms of a sum, or arguments that must agree, have different dimensions.
ARITHMETIC_MISMATCH = "EQ201"
#: The two sides of a comparison have different dimensions.
COMPARISON_MISMATCH = "EQ202"
#: A function that needs a dimensionless argument got a dimensioned one.
NEEDS_DIMENSIONLESS = "EQ203"
#: ``x ** y`` where x has units and y is not a plain number, or y has units.
BAD_EXPONENT = "EQ207"
#: The right-hand side of a differential equation does not have unit/second.
DIFFERENTIAL_MISMATCH = "EQ210"
#: A subexpression's value does not have its declared unit.
SUBEXPRESSION_MISMATCH = "EQ211"
#: ``and``/``or``/``not`` or a condition applied to a dimensioned value.
BOOLEAN_MISMATCH = "EQ212"
#: ``timestep(t, dt)`` with arguments that are not times.
TIMESTEP_MISMATCH = "EQ213"

# -- scalar (shared) and vector statements (EQ14x), Brian2's rules ------------
#: A shared variable written after a per-element variable in the same code block.
SCALAR_WRITE_AFTER_VECTOR = "EQ140"
#: A shared variable written where Brian2 forbids it (reset, event code, on_pre/on_post).
SCALAR_WRITE_FORBIDDEN = "EQ141"
#: A shared variable assigned a value that differs between elements.
SCALAR_FROM_VECTOR = "EQ142"
