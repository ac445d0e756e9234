"""The unit part of an equation line (``: volt``, ``: siemens/meter**2``, ``: boolean``).

The text goes through the expression whitelist and is then evaluated only
against the table of unit names, so nothing but units, ``*``, ``/``, ``**``
with a number, and the literal ``1`` can appear.
"""
import re

import sympy

from eqsim.errors import EquationError
from eqsim.parsing import error_codes as codes
from eqsim.parsing.expressions import parse_expression
from eqsim.parsing.source_positions import close_matches
from eqsim.units import DIMENSIONLESS, all_units
from eqsim.units.display_names import readable_name

__all__ = ["VARIABLE_TYPES", "parse_unit"]

#: Type names allowed in place of a unit; such variables are dimensionless.
VARIABLE_TYPES = ("boolean", "integer")

_UNIT_HINT = ("Write a unit such as 'volt', 'volt/second', 'siemens/meter**2', '1' "
              "(dimensionless) or a type ('boolean', 'integer').")

#: The unit names Brian2 2.9.0 accepts in equations: the unscaled ones (its
#: ``_base_units``); ``mV`` or ``cm`` are refused there, so they are here.
BASE_UNIT_NAMES = frozenset({
    "Hz", "amp", "ampere", "becquerel", "candle", "coulomb", "farad", "gray", "henry",
    "hertz", "joule", "katal", "kelvin", "kgram", "kgramme", "kilogram", "kilogramme",
    "kliter", "klitre", "lumen", "lux", "mM", "meter", "metre", "mmolar", "mol", "mole",
    "newton", "ohm", "pascal", "radian", "second", "siemens", "sievert", "steradian",
    "tesla", "volt", "watt", "weber"})


def parse_unit(text, *, source=None, line=1, col_offset=0, obj=None):
    """Return the variable type and dimension described by a unit text.

    Parameters
    ----------
    text : str
        E.g. ``'volt'``, ``'1'``, ``'amp/meter**2'``, ``'boolean'``.
    source, line, col_offset, obj
        Where ``text`` sits in the user's string, for error messages (as for
        :func:`~eqsim.parsing.expressions.parse_expression`).

    Returns
    -------
    (str, Dimension)
        ``('float', dim)`` for units, ``('boolean', DIMENSIONLESS)`` or
        ``('integer', DIMENSIONLESS)`` for types.

    Raises
    ------
    EquationError
        For unknown unit names (code EQ122, naming the unit) and for anything
        that is not a product of unit powers.
    """
    stripped = text.strip()
    source = text if source is None else source
    where = dict(source=source, line=line, obj=obj)
    leading = len(text) - len(text.lstrip())
    if stripped in VARIABLE_TYPES:
        return stripped, DIMENSIONLESS
    if not stripped:
        raise EquationError("The unit is missing after ':'.", code=codes.UNKNOWN_UNIT,
                            column=col_offset + leading, hint=_UNIT_HINT, **where)
    expr = parse_expression(text, source=source, line=line, col_offset=col_offset, obj=obj)

    def fail(message, name=None, hint=_UNIT_HINT):
        column = col_offset + leading
        if name is not None:
            match = re.search(rf"(?<![A-Za-z0-9_.]){re.escape(name)}(?![A-Za-z0-9_])", stripped)
            if match:
                column += match.start()
        raise EquationError(message, code=codes.UNKNOWN_UNIT, column=column, hint=hint, **where)

    return "float", _dimension(expr, stripped, fail)


def _dimension(expr, text, fail):
    if isinstance(expr, sympy.Symbol):
        unit = all_units.get(expr.name)
        if unit is None:
            suggestions = close_matches(expr.name, all_units)
            hint = (f"Did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions
                    else _UNIT_HINT)
            fail(f"Unknown unit '{expr.name}'.", expr.name, hint)
        if expr.name not in BASE_UNIT_NAMES:
            fail(f"Unit specification refers to '{expr.name}', but this is not a base unit.",
                 expr.name, f"Use '{readable_name(unit.dim)}' instead (as Brian2 requires); "
                            "scale values where they are set.")
        return unit.dim
    if expr == 1:
        return DIMENSIONLESS
    if isinstance(expr, sympy.Mul):
        result = DIMENSIONLESS
        for factor in expr.args:
            if factor.is_Number:
                fail(f"'{text}' is not a unit: it has the numeric factor {factor}.", hint=(
                    "A unit gives the dimension only; scale values where they are set."))
            result = result * _dimension(factor, text, fail)
        return result
    if isinstance(expr, sympy.Pow):
        base, exponent = expr.args
        if not exponent.is_Number:
            fail(f"'{text}' is not a unit: the exponent {exponent} is not a number.")
        return _dimension(base, text, fail) ** float(exponent)
    fail(f"'{text}' is not a unit expression.")
