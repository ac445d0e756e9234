"""Brian2's rule for the arguments of ``range``/``sample`` in a connect generator: they
must be integers by type, not only by value. ``range(10.0)``, ``range(True, 10)`` and
``range(i/2)`` are refused (Brian2 raises a TypeError), where truncating them would give
an answer Brian2 never gives.

An expression is an integer when it is built from integer literals, integer-valued names
(``i``, ``j``, ``N_pre``, ``N_post``, integer variables and constants) and integer-preserving
operations: ``+``, ``-``, ``*``, ``**`` with a non-negative integer power, ``%``, ``//``
(``floor``/``ceil``), ``int()``, ``abs``, ``min``/``max``. ``/`` and float literals make a
float, as in Brian2's type rules.
"""
import numpy as np
import sympy

from ..errors import ConnectTypeError
from ..parsing.functions import int_

__all__ = ["check_integer_argument", "integer_constants"]

#: connect() refused a non-integer range/sample argument.
NON_INTEGER_ARGUMENT = "EQ162"

_INTEGER_FUNCTIONS = (int_, sympy.floor, sympy.ceiling)
_PRESERVING = (sympy.Add, sympy.Mul, sympy.Mod, sympy.Abs, sympy.Min, sympy.Max)


def _is_integer(expr, name_is_integer):
    if isinstance(expr, sympy.Integer):
        return True
    if isinstance(expr, (sympy.Float, sympy.Rational, sympy.logic.boolalg.BooleanAtom)):
        return False  # non-integer rationals come from '/': a float in Brian2
    if isinstance(expr, sympy.Symbol):
        return name_is_integer(expr.name)
    if isinstance(expr, _INTEGER_FUNCTIONS):
        return True
    if isinstance(expr, sympy.Pow):
        exponent = expr.exp
        return isinstance(exponent, sympy.Integer) and exponent >= 0 and \
            _is_integer(expr.base, name_is_integer)
    if isinstance(expr, _PRESERVING):
        return all(_is_integer(arg, name_is_integer) for arg in expr.args)
    return False


def check_integer_argument(expr, what, spec_text, name_is_integer, obj):
    """Raise ``ConnectTypeError`` (a TypeError, as Brian2) unless ``expr`` (a range/sample
    argument) is an integer expression; ``name_is_integer(name)`` says whether a name has an
    integer type."""
    if _is_integer(expr, name_is_integer):
        return
    raise ConnectTypeError(f"The {what} argument of the range in '{spec_text}' is '{expr}', "
                           f"which is not an integer.", code=NON_INTEGER_ARGUMENT, obj=obj,
                           hint="Use integers: int(...) or // for divisions, e.g. "
                                "'k for k in range(i//2)'.")


def integer_constants(*namespaces):
    """Names of the external constants that are integers by type (a script's
    ``group_size = 100``): Brian2 types them as integers in range arguments."""
    return frozenset(name for namespace in namespaces if namespace
                     for name, value in namespace.items()
                     if isinstance(value, (int, np.integer)) and not isinstance(value, bool))


def integer_dtype(values):
    """Whether evaluated values have an integer type (booleans do not count)."""
    return np.asarray(values).dtype.kind in "iu"
