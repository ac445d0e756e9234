"""Human-readable names for dimensions, used in printing and error messages.

A dimension that is exactly a base or derived SI unit is shown by that unit's
name (``volt``, ``siemens``); otherwise we look for one derived unit times a
few base units (``siemens / metre ** 2`` instead of ``m^-4 kg^-1 s^3 A^2``),
and fall back to base units.
"""

from eqsim.units.dimensions import BASE_SYMBOLS, DIMENSIONLESS, Dimension, get_dimensions

__all__ = ["NAMED_DIMENSIONS", "DERIVED_SYMBOLS", "get_unit_for_display", "symbol_text",
           "readable_symbol", "readable_name"]

_BASE_NAMES = ("metre", "kilogram", "second", "amp", "kelvin", "mole", "candela")


def _dim(**exponents):
    return Dimension.from_exponents(**exponents)


#: (symbol, long name, dimension) of every SI unit with its own name.
NAMED_DIMENSIONS = (
    ("m", "metre", _dim(m=1)),
    ("kg", "kilogram", _dim(kg=1)),
    ("s", "second", _dim(s=1)),
    ("A", "amp", _dim(A=1)),
    ("K", "kelvin", _dim(K=1)),
    ("mol", "mole", _dim(mol=1)),
    ("cd", "candela", _dim(cd=1)),
    ("V", "volt", _dim(m=2, kg=1, s=-3, A=-1)),
    ("S", "siemens", _dim(m=-2, kg=-1, s=3, A=2)),
    ("F", "farad", _dim(m=-2, kg=-1, s=4, A=2)),
    ("ohm", "ohm", _dim(m=2, kg=1, s=-3, A=-2)),
    ("Hz", "hertz", _dim(s=-1)),
    ("C", "coulomb", _dim(s=1, A=1)),
    ("J", "joule", _dim(m=2, kg=1, s=-2)),
    ("W", "watt", _dim(m=2, kg=1, s=-3)),
    ("N", "newton", _dim(m=1, kg=1, s=-2)),
    ("Pa", "pascal", _dim(m=-1, kg=1, s=-2)),
)

#: Dimension -> symbol, for dimensions that are exactly one named unit.
DERIVED_SYMBOLS = {dim: symbol for symbol, _, dim in NAMED_DIMENSIONS}
_LONG_NAMES = {dim: name for _, name, dim in NAMED_DIMENSIONS}
_DERIVED_ONLY = NAMED_DIMENSIONS[7:]


def _format_power(value):
    return str(int(value)) if value == int(value) else repr(value)


def _factors(dim, named=None, named_power=0):
    """(symbol, name, exponent) factors of ``dim``, named unit first."""
    factors = []
    if named is not None:
        factors.append((named[0], named[1], named_power))
    for symbol, name, exponent in zip(BASE_SYMBOLS, _BASE_NAMES, dim.exponents):
        if exponent != 0:
            factors.append((symbol, name, exponent))
    return factors


def _decompose(dim):
    """Split ``dim`` into the fewest factors: maybe one derived unit, then base units."""
    best = _factors(dim)
    for symbol, name, named_dim in _DERIVED_ONLY:
        for power in (1, -1, 2, -2):
            residual = dim / named_dim ** power
            candidate = _factors(residual, (symbol, name), power)
            if len(candidate) < len(best):
                best = candidate
    return best


def _join(factors, short):
    def render(symbol, name, exponent):
        if short:
            return symbol if exponent == 1 else f"{symbol}^{_format_power(exponent)}"
        return name if exponent == 1 else f"{name} ** {_format_power(exponent)}"

    positive = [render(s, n, e) for s, n, e in factors if e > 0]
    negative = [render(s, n, -e) for s, n, e in factors if e < 0]
    if short:
        if not positive:
            return " ".join(render(s, n, e) for s, n, e in factors)
        text = " ".join(positive)
        if negative:
            below = " ".join(negative)
            text += "/" + (f"({below})" if len(negative) > 1 else below)
        return text
    text = " * ".join(positive) or "1"
    if negative:
        below = " * ".join(negative)
        text += " / " + (f"({below})" if len(negative) > 1 else below)
    return text


def symbol_text(dim):
    """A dimension as eqsim's messages and files name it: its derived unit's symbol if it
    has one (``'V'``), else SI base symbols (``'m^2 kg s^-4 A^-1'``). ``str(dim)`` is
    Brian2's base form always."""
    return DERIVED_SYMBOLS.get(dim) or dim.base_str()


def readable_symbol(dim):
    """Short readable form of a dimension, e.g. ``'V'``, ``'S/m^2'``, ``'1'``."""
    if dim is DIMENSIONLESS:
        return "1"
    exact = DERIVED_SYMBOLS.get(dim)
    return exact if exact is not None else _join(_decompose(dim), short=True)


def readable_name(dim):
    """Long readable form of a dimension, e.g. ``'volt'``, ``'siemens / metre ** 2'``."""
    if dim is DIMENSIONLESS:
        return "1"
    exact = _LONG_NAMES.get(dim)
    return exact if exact is not None else _join(_decompose(dim), short=False)


def get_unit_for_display(dim):
    """Name of the SI unit of ``dim`` for messages: ``'volt'``, ``'second'``, ``'1'``...

    Parameters
    ----------
    dim : Dimension, Quantity, number or array
        The dimension, or anything that has one.

    Returns
    -------
    str
        The unit's long name, or a product of unit names such as
        ``'siemens / metre ** 2'`` when no single unit fits.
    """
    if not isinstance(dim, Dimension):
        dim = get_dimensions(dim)
    return readable_name(dim)
