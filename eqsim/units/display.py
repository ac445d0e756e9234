"""Printing quantities in the unit a person would choose (``-70. mV``, not ``-0.07 V``).

The unit is Brian2's choice among the registered units (:mod:`eqsim.units.unit_class`).
"""

import numpy as np

from eqsim.units.display_names import readable_name, readable_symbol

__all__ = ["best_display_unit", "format_str", "format_repr",
           "format_in_unit", "format_in_best_unit"]


def best_display_unit(dim, values):
    """Return ``(scale, symbol, name)`` of the unit to print ``values`` (SI) in.

    Brian2's choice (:func:`eqsim.units.unit_class.best_unit`): the registered unit that
    brings the shown numbers closest to 10; the SI form of the dimension if it has none.
    """
    from eqsim.units.unit_class import best_unit  # the units module needs this one first
    unit = best_unit(dim, values)
    if unit is None:
        return 1.0, readable_symbol(dim), readable_name(dim)
    return float(unit), unit.dispname, unit.name


def _numbers_str(values, precision=None):
    values = np.asarray(values)
    return np.array2string(values, precision=precision)


def format_str(quantity):
    """``str()`` of a quantity: ``'10. ms'``, ``'[1. 2. 3.] mV'``."""
    values = np.asarray(quantity)
    if quantity.dim.is_dimensionless:
        return _numbers_str(values)
    scale, symbol, _ = best_display_unit(quantity.dim, values)
    return f"{_numbers_str(values / scale)} {symbol}"


def format_repr(quantity):
    """``repr()`` of a quantity: ``'10. * msecond'``, ``'array([1., 2.]) * mvolt'``."""
    values = np.asarray(quantity)
    if quantity.dim.is_dimensionless:
        return f"Quantity({values!r})"
    scale, _, name = best_display_unit(quantity.dim, values)
    scaled = values / scale
    numbers = _numbers_str(scaled) if scaled.ndim == 0 else repr(scaled)
    return f"{numbers} * {name}"


def brian2_dim_name(dim):
    """Brian2's ``repr`` of a dimension: ``'metre ** 2 * kilogram * second ** -3 * amp ** -1'``."""
    names = ("metre", "kilogram", "second", "amp", "kelvin", "mole", "candela")
    parts = []
    for name, exponent in zip(names, dim.exponents):
        if exponent == 1:
            parts.append(name)
        elif exponent != 0:
            parts.append(f"{name} ** {int(exponent) if float(exponent).is_integer() else exponent}")
    return " * ".join(parts)


def format_in_unit(quantity, unit, precision=None, python_code=False):
    """Brian2's ``in_unit``: the numbers of ``quantity`` in ``unit`` and the unit's name.

    A :class:`~eqsim.units.unit_class.Unit` is named by its display name (``'mV'``), any
    other quantity by its dimension in base units (``'m^2 kg s^-3 A^-1'``), as Brian2.
    ``python_code`` gives ``'3. * mvolt'`` instead of ``'3. mV'``.
    """
    from eqsim.units.unit_class import Unit
    value = np.asarray(np.asarray(quantity) / np.asarray(unit))
    if value.shape == ():
        # NumPy applies the print options to arrays, not to scalars
        text = np.array_str(np.array([value]), precision=precision)
        text = text.replace("[", "").replace("]", "").strip()
    elif python_code:
        text = np.array_repr(value, precision=precision)
    else:
        text = np.array_str(value, precision=precision)
    dim = getattr(unit, "dim", None)
    if dim is not None and not dim.is_dimensionless:
        if isinstance(unit, Unit):
            text += f" * {unit.name}" if python_code else f" {unit.dispname}"
        else:
            text += f" * {brian2_dim_name(dim)}" if python_code else f" {dim.base_str()}"
    elif python_code:
        return f"Quantity({text.strip()})"
    return text.strip()


def format_in_best_unit(quantity, precision=None, python_code=False):
    """Brian2's ``in_best_unit``: ``quantity`` in the unit that shows numbers closest to 10."""
    from eqsim.units.unit_class import best_unit
    values = np.asarray(quantity)
    if quantity.dim.is_dimensionless:
        return format_in_unit(quantity, 1.0, precision, python_code)
    unit = best_unit(quantity.dim, values)
    if unit is None:
        unit = type(quantity)(1.0, dim=quantity.dim)
    return format_in_unit(quantity, unit, precision, python_code)


def format_short(values, dim):
    """A compact rendering for error messages: at most a few elements shown."""
    values = np.asarray(values)
    with np.printoptions(threshold=5, edgeitems=2):
        if dim.is_dimensionless:
            return _numbers_str(values)
        scale, symbol, _ = best_display_unit(dim, values)
        return f"{_numbers_str(values / scale)} {symbol}"
