"""Brian2's keyword substitution: ``Equations('dx/dt = -x/tau : volt', x='v', tau=10*ms)``
and ``eqs.substitute(x='v', tau=10*ms)``.

Names are renamed, or replaced by expressions, numbers or quantities, token by token on each
equation's text; the result is parsed again by :class:`~eqsim.parsing.equations.Equations`
so that everything downstream sees (and errors quote) the substituted text.
"""
import io
import math
import numbers
import re
import tokenize
from dataclasses import replace

import numpy as np

from eqsim.errors import EquationError, InvalidRenameError
from eqsim.parsing import error_codes as codes
from eqsim.parsing.expressions import get_identifiers, parse_expression
from eqsim.units.display_names import readable_name

__all__ = ["substituted_text", "substitute"]

_IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"


def substituted_text(equations, substitutions, obj):
    """The equations' text with names renamed or replaced by numbers."""
    defined = {eq.name for eq in equations}
    used = set(defined)
    for eq in equations:
        if eq.expr_text is not None:
            used |= get_identifiers(eq.expr_text)
    replacements = {}
    for name, value in substitutions.items():
        if name not in used:  # Brian2 ignores it: one dict can serve several templates
            continue
        replacements[name] = _replacement_text(name, value, name in defined, obj)
    lines = []
    for eq in equations:
        new_name = replacements.get(eq.name, eq.name)
        expr_text = None if eq.expr_text is None else _rename_tokens(eq.expr_text, replacements)
        lines.append(str(replace(eq, name=new_name, expr_text=expr_text)))
    return "\n".join(lines)


def _replacement_text(name, value, is_defined, obj):
    if isinstance(value, str):
        if is_defined:
            return _new_name(name, value, obj)
        if re.fullmatch(_IDENTIFIER, value.strip()):
            return value.strip()
        # an expression (Brian2 allows one): checked by the safe parser, and put in
        # parentheses so that 'x*y' with x='a + b' means (a + b)*y
        try:
            parse_expression(value, obj=obj)
        except EquationError as error:
            raise EquationError(f"Cannot substitute '{value}' for '{name}': {error.message}",
                                code=codes.INVALID_SUBSTITUTION, obj=obj,
                                hint="Give a name or an expression over names and "
                                     "numbers.") from None
        return f"({value.strip()})"
    if isinstance(value, numbers.Real) and not is_defined and getattr(value, "dim", None) is None:
        if isinstance(value, bool):
            return "True" if value else "False"
        number = int(value) if isinstance(value, numbers.Integral) else float(value)
        if not math.isfinite(number):
            raise EquationError(f"Cannot substitute the non-finite value {number} for '{name}'.",
                                code=codes.INVALID_SUBSTITUTION, obj=obj)
        literal = repr(number)
        return f"({literal})" if number < 0 else literal
    if getattr(value, "dim", None) is not None and not is_defined and np.ndim(value) == 0:
        # a quantity goes in as its value in SI base units, as Brian2 inserts it
        number = float(np.asarray(value))
        if not math.isfinite(number):
            raise EquationError(f"Cannot substitute the non-finite value {number} for '{name}'.",
                                code=codes.INVALID_SUBSTITUTION, obj=obj)
        if value.dim.is_dimensionless:
            return f"({number!r})"
        return f"({number!r}*({readable_name(value.dim)}))"
    what = "a variable the equations define" if is_defined else "this value"
    raise EquationError(f"Cannot substitute {what} for '{name}'.", code=codes.INVALID_SUBSTITUTION,
                        obj=obj, hint=("Substitute a new name (a string), or a number or a "
                                       "scalar quantity for a name that is not defined here."))


def _new_name(name, value, obj):
    """``value`` as the new name of the variable ``name``, which must be free to define."""
    from eqsim.parsing.equations import RESERVED_NAMES  # that module imports this one
    from eqsim.parsing.functions import is_noise_name
    new = value.strip()
    if not re.fullmatch(_IDENTIFIER, new):
        problem, hint = "not a valid name", "Give a name made of letters, digits and '_'."
    elif new.startswith("_"):
        problem, hint = "names starting with '_' are reserved", "Start it with a letter."
    elif new in RESERVED_NAMES or is_noise_name(new):
        problem, hint = "the simulator provides that name", "Choose another name."
    else:
        return new
    raise InvalidRenameError(f"Cannot rename '{name}' to '{value}': {problem}.", obj=obj,
                             hint=hint)


def _rename_tokens(text, replacements):
    """Replace whole NAME tokens of ``text`` (never parts of names or numbers)."""
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    pieces, position = [], 0
    for token in tokens:
        if token.type == tokenize.NAME and token.string in replacements:
            start, end = token.start[1], token.end[1]
            pieces.append(text[position:start])
            pieces.append(replacements[token.string])
            position = end
    pieces.append(text[position:])
    return "".join(pieces)


def substitute(equations, substitutions):
    """A new Equations object: ``equations`` with ``substitutions`` applied (Brian2's
    ``Equations.substitute``; the original is unchanged)."""
    from eqsim.parsing.equations import Equations
    if not substitutions:
        return Equations(equations, obj=equations.obj)
    text = substituted_text(list(equations.values()), substitutions, equations.obj)
    return Equations(text, obj=equations.obj)
