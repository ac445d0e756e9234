"""Safe parsing of user model strings into sympy, and their dimension checks.

User strings are data, not code: they are parsed with :mod:`ast` and walked
against a whitelist; nothing is evaluated as Python.
"""
from eqsim.parsing.dimensions import check_equation_dimensions, dimension_of
from eqsim.parsing.equations import Equations, SingleEquation
from eqsim.parsing.expressions import get_identifiers, parse_expression
from eqsim.parsing.statements import Statement, parse_statements

__all__ = [
    "parse_expression",
    "get_identifiers",
    "Statement",
    "parse_statements",
    "SingleEquation",
    "Equations",
    "dimension_of",
    "check_equation_dimensions",
]
