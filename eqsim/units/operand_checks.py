"""Refusals of values that cannot take part in quantity arithmetic at all.

Brian2 raises TypeError for these (not DimensionMismatchError: no unit is wrong, the
value is not a number), so eqsim's errors here are TypeErrors too.
"""
from eqsim.errors import QuantityTypeError
from eqsim.units import error_codes

__all__ = ["refuse_text_operand", "refuse_plain_among_quantities", "refuse_non_numbers"]


def refuse_text_operand(other, symbol):
    """``3*mV * "a"`` would otherwise reach str's repetition and ask for an index (other
    operators with text already end in Python's TypeError, and ``==`` must stay False)."""
    if symbol == "multiply" and isinstance(other, (str, bytes)):
        raise QuantityTypeError(
            f"unsupported operand for {symbol}: a quantity and {type(other).__name__} "
            f"{other!r}", code=error_codes.NOT_A_NUMBER_OPERAND)


def refuse_plain_among_quantities(items, has_quantity):
    """``Quantity([500*ms, 1])``: Brian2 refuses a plain number next to quantities."""
    if has_quantity and not all(has_quantity):
        plain = next(item for item, flag in zip(items, has_quantity) if not flag)
        raise QuantityTypeError(
            f"A list of quantities cannot also hold the plain value {plain!r}",
            code=error_codes.MIXED_QUANTITY_LIST,
            hint="give it a unit too, e.g. [500*ms, 1*second]")


def refuse_non_numbers(values):
    """``Quantity(["some", "nonsense"])``: text or objects have no physical value."""
    if values.dtype.kind not in "biufc":
        raise QuantityTypeError(
            f"A quantity needs numbers, got an array of {values.dtype}",
            code=error_codes.MIXED_QUANTITY_LIST)

