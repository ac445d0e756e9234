"""Printing quantities in the unit a person would choose (``-70. mV``, not ``-0.07 V``).

Unit families (``pV ... V ... TV``) register here as they are created; to
print an array we take a typical magnitude of its values and pick the largest
registered unit of that dimension not bigger than it.
"""

import numpy as np

from eqsim.units.display_names import readable_name, readable_symbol

__all__ = ["register_display_unit", "best_display_unit", "format_str", "format_repr",
           "format_in_unit", "format_with_spec"]

# dimension -> list of (scale, symbol, name), sorted by scale
_DISPLAY_UNITS = {}

# Medians of huge arrays cost more than printing is worth; a sample tells the magnitude.
_MAX_SAMPLE = 10_000


def register_display_unit(dim, scale, symbol, name):
    """Offer a unit for printing quantities of dimension ``dim``.

    The first unit registered for a given (dimension, scale) wins, so register
    the preferred family first (``metre3`` before ``litre``).
    """
    family = _DISPLAY_UNITS.setdefault(dim, [])
    if any(np.isclose(existing, scale, rtol=1e-12, atol=0) for existing, _, _ in family):
        return
    family.append((float(scale), symbol, name))
    family.sort(key=lambda entry: entry[0])


def _typical_magnitude(values):
    flat = np.asarray(values, dtype=float).ravel()
    if flat.size > _MAX_SAMPLE:
        flat = flat[:: flat.size // _MAX_SAMPLE]
    magnitudes = np.abs(flat[np.isfinite(flat)])
    magnitudes = magnitudes[magnitudes > 0]
    if magnitudes.size == 0:
        return None
    return float(np.median(magnitudes))


def best_display_unit(dim, values):
    """Return ``(scale, symbol, name)`` of the unit to print ``values`` (SI) in."""
    family = _DISPLAY_UNITS.get(dim)
    if not family:
        return 1.0, readable_symbol(dim), readable_name(dim)
    magnitude = _typical_magnitude(values)
    if magnitude is None:
        # All zeros or non-finite: the unscaled unit reads best ("0. V").
        return min(family, key=lambda entry: abs(np.log10(entry[0])))
    chosen = family[0]
    for entry in family:
        if entry[0] <= magnitude * (1 + 1e-9):
            chosen = entry
    return chosen


def _unit_labels(quantity):
    """(symbol, name) of a unit-like quantity passed to ``in_unit``."""
    symbol = getattr(quantity, "_unit_symbol", None)
    name = getattr(quantity, "_unit_name", None)
    if symbol is not None:
        return symbol, name
    scale = float(np.asarray(quantity))
    dim_symbol = readable_symbol(quantity.dim)
    dim_name = readable_name(quantity.dim)
    if scale == 1:
        return dim_symbol, dim_name
    return f"({scale!r} {dim_symbol})", f"{scale!r} * {dim_name}"


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


def format_in_unit(quantity, unit, precision=None):
    """The numbers of ``quantity`` expressed in ``unit``, followed by its symbol."""
    symbol, _ = _unit_labels(unit)
    scaled = np.asarray(quantity) / np.asarray(unit)
    return f"{_numbers_str(scaled, precision)} {symbol}"


def format_with_spec(quantity, spec):
    """``format(quantity, spec)``: the spec applies to the numbers in the display unit."""
    if not spec:
        return format_str(quantity)
    values = np.asarray(quantity)
    if quantity.dim.is_dimensionless:
        scale, symbol = 1.0, ""
    else:
        scale, symbol, _ = best_display_unit(quantity.dim, values)
    scaled = values / scale
    if scaled.ndim == 0:
        numbers = format(float(scaled), spec)
    else:
        numbers = np.array2string(scaled, formatter={"float_kind": lambda x: format(x, spec)})
    return f"{numbers} {symbol}".rstrip()


def format_short(values, dim):
    """A compact rendering for error messages: at most a few elements shown."""
    values = np.asarray(values)
    with np.printoptions(threshold=5, edgeitems=2):
        if dim.is_dimensionless:
            return _numbers_str(values)
        scale, symbol, _ = best_display_unit(dim, values)
        return f"{_numbers_str(values / scale)} {symbol}"
