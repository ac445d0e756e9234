"""Brian2's rule for zero as a value with units.

From Python, a number or array that is all zeros has "any dimension" (``G.v = 0`` and
``G.v = np.zeros(N)`` set a voltage), but a list or range does not (``G.v = [0, 0]`` is an
error: Brian2 compares the list itself with 0). In code (strings, resets, on_pre...) a
literal ``0`` is dimensionless like any number: ``v = 0`` for a voltage is an error,
``v = 0*mV`` is right.
"""
import ast

import numpy as np

from ..units import get_unit


def zero_of_any_dimension(value):
    """Whether a value without units given from Python counts as zero of any dimension."""
    if isinstance(value, (list, tuple, range)):
        return False
    try:
        return bool(np.all(np.asarray(value) == 0))
    except (TypeError, ValueError):
        return False


def folded_zero(expr, text):
    """Whether code ``text`` (parsed to ``expr``) is zero only because terms cancelled
    (``v - v`` parses to 0): such a zero has the unit the code gives it. A zero written with
    numbers alone (``0``, ``0.0``, ``-0``) is dimensionless, as in Brian2; a literal zero
    times names (``0*x``, ``0*mV``) stays a product when parsed, whose dimension is checked
    as it is written."""
    if not (getattr(expr, "is_Number", False) and expr.is_zero):
        return False
    try:  # parsed only, never evaluated: the text is the user's
        tree = ast.parse(str(text).strip(), mode="eval")
    except SyntaxError:
        return True
    return any(isinstance(node, (ast.Name, ast.Attribute, ast.Call)) for node in ast.walk(tree))


def statement_value_text(statement):
    """The right-hand side of a parsed statement's text (``0`` of ``v += 0``)."""
    text = str(getattr(statement, "text", "") or "")
    return text.split(statement.op, 1)[1] if statement.op in text else text


def zero_hint(expr, dim, default):
    """The hint for a dimension error in code: how to write zero when the code has a
    plain 0 (``default`` otherwise)."""
    if getattr(expr, "is_zero", False) is True:
        return f"a plain 0 in code has no unit: write 0*{get_unit(dim)}"
    return default


def zero_list_hint(value, dim, item):
    """The hint for a value from Python with the wrong dimension (``item``: where it is
    assigned)."""
    unit = get_unit(dim)
    if not zero_of_any_dimension(np.asarray(value, dtype=object)):
        return f"give the value in units of {unit}"
    if isinstance(item, str):
        return f"at a condition the value is code, where a plain 0 has no unit: write 0*{unit}"
    return f"a list of zeros has no unit (as in Brian2): write np.zeros(N) or [0, ...]*{unit}"
