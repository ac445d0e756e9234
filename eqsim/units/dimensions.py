"""Physical dimensions: exponents over the seven SI base dimensions.

A :class:`Dimension` is immutable and interned: two dimensions with the same
exponents are the same object, so comparing them is an identity check in the
common case and they can be used as dictionary keys.
"""

import numbers
from fractions import Fraction

import numpy as np

from eqsim.errors import DimensionMismatchError, QuantityTypeError
from eqsim.units.error_codes import DIMENSION_IN_PLACE, DIMENSION_MISMATCH

__all__ = [
    "Dimension",
    "DIMENSIONLESS",
    "BASE_SYMBOLS",
    "get_or_create_dimension",
    "get_dimensions",
    "is_dimensionless",
    "have_same_dimensions",
    "fail_for_dimension_mismatch",
]

#: Symbols of the SI base units, in the order exponents are stored.
BASE_SYMBOLS = ("m", "kg", "s", "A", "K", "mol", "cd")

# Long names accepted as keywords by get_or_create_dimension, mapped to the index.
# the base units a dimension's repr is written in, in exponent order (Brian2's names)
_BASE_UNIT_NAMES = ("metre", "kilogram", "second", "amp", "kelvin", "mole", "candle")

_KEYWORD_INDEX = {
    "m": 0, "length": 0, "metre": 0, "meter": 0,
    "kg": 1, "mass": 1, "kilogram": 1,
    "s": 2, "time": 2, "second": 2,
    "A": 3, "current": 3, "amp": 3, "ampere": 3, "i": 3,
    "K": 4, "temperature": 4, "kelvin": 4,
    "mol": 5, "substance": 5, "mole": 5, "n": 5,
    "cd": 6, "luminosity": 6, "candela": 6, "j": 6,
}
# the other names Brian2 accepts (its ``_di``): plurals and capitalised descriptions
_KEYWORD_INDEX.update({"Length": 0, "metres": 0, "meters": 0, "Mass": 1, "kilograms": 1,
                       "Time": 2, "seconds": 2, "Electric Current": 3,
                       "electric current": 3, "Current": 3, "amperes": 3,
                       "Temperature": 4, "kelvins": 4, "Quantity of Substance": 5,
                       "Quantity of substance": 5, "quantity of substance": 5,
                       "Substance": 5, "moles": 5, "Luminosity": 6, "candle": 6,
                       "candles": 6})

# Exponent round-off (e.g. (1/3)*3) must not create "different" dimensions:
# exponents are snapped to the nearest simple fraction.
_MAX_DENOMINATOR = 1000
_SNAP_TOLERANCE = 1e-9

_interned = {}
# Arithmetic on quantities multiplies dimensions on every operation; the set
# of dimensions in a model is small, so results are memoised.
_products = {}
_quotients = {}


def _snap(exponent):
    exponent = float(exponent)
    if exponent == int(exponent):
        return float(int(exponent))  # also turns -0.0 into 0.0
    fraction = Fraction(exponent).limit_denominator(_MAX_DENOMINATOR)
    if abs(float(fraction) - exponent) < _SNAP_TOLERANCE:
        return float(fraction)
    return exponent


def _normalise(exponents):
    values = tuple(_snap(e) for e in exponents)
    if len(values) != 7:
        raise ValueError(f"A dimension needs 7 exponents, got {len(values)}.")
    return values


def _format_exponent(value):
    if value == int(value):
        return str(int(value))
    return repr(value)


class Dimension:
    """Exponents of the 7 SI base dimensions (m, kg, s, A, K, mol, cd).

    Instances are immutable and interned; build them with
    :meth:`from_exponents`, :func:`get_or_create_dimension`, or arithmetic on
    existing dimensions (``*``, ``/``, ``**``).

    Parameters
    ----------
    exponents : sequence of 7 numbers
        Exponents in the order metre, kilogram, second, amp, kelvin, mole, candela.
    """

    __slots__ = ("_exponents", "_hash", "__weakref__")

    def __new__(cls, exponents):
        key = _normalise(exponents)
        existing = _interned.get(key)
        if existing is not None:
            return existing
        self = object.__new__(cls)
        object.__setattr__(self, "_exponents", key)
        object.__setattr__(self, "_hash", hash(key))
        _interned[key] = self
        return self

    @classmethod
    def from_exponents(cls, m=0, kg=0, s=0, A=0, K=0, mol=0, cd=0):
        """Build a dimension from keyword exponents, e.g. ``from_exponents(m=1, s=-1)``."""
        return cls((m, kg, s, A, K, mol, cd))

    def __setattr__(self, name, value):
        raise AttributeError("Dimension objects are immutable")

    def __reduce__(self):
        # Unpickling goes through the constructor, so the result is interned.
        return (Dimension, (self._exponents,))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def exponents(self):
        """tuple of float: the 7 exponents (m, kg, s, A, K, mol, cd)."""
        return self._exponents

    @property
    def is_dimensionless(self):
        """bool: whether all exponents are zero."""
        return self is DIMENSIONLESS

    @property
    def dim(self):
        """Dimension: itself, so ``x.dim`` works for quantities, units and dimensions
        alike (as in Brian2)."""
        return self

    def get_dimension(self, d):
        """The exponent of one base dimension, named as :func:`get_or_create_dimension`
        takes it: ``get_dimensions(mV).get_dimension("time")`` is -3 (as in Brian2).

        Raises
        ------
        KeyError
            For a name that is no base dimension (as Brian2).
        """
        return self._exponents[_KEYWORD_INDEX[d]]

    # -- arithmetic -------------------------------------------------------
    def __mul__(self, other):
        if not isinstance(other, Dimension):
            return NotImplemented
        key = (self, other)
        result = _products.get(key)
        if result is None:
            result = Dimension(a + b for a, b in zip(self._exponents, other._exponents))
            _products[key] = result
        return result

    def __truediv__(self, other):
        if not isinstance(other, Dimension):
            return NotImplemented
        key = (self, other)
        result = _quotients.get(key)
        if result is None:
            result = Dimension(a - b for a, b in zip(self._exponents, other._exponents))
            _quotients[key] = result
        return result

    def __rtruediv__(self, other):
        # Only ``1 / dim`` makes sense for a bare dimension.
        if isinstance(other, numbers.Number) and other == 1:
            return self ** -1
        return NotImplemented

    def _refuse_in_place(self, other):
        # Brian2: "Dimension object is immutable" (TypeError); without this `d *= d` would
        # quietly rebind d to another dimension
        raise QuantityTypeError("Dimension object is immutable", code=DIMENSION_IN_PLACE,
                                hint="write d = d * other")

    __imul__ = __itruediv__ = __ipow__ = _refuse_in_place

    def __pow__(self, exponent):
        if isinstance(exponent, np.ndarray) and exponent.ndim == 0:
            exponent = exponent.item()
        if not isinstance(exponent, numbers.Real):
            return NotImplemented
        return Dimension(a * exponent for a in self._exponents)

    # -- comparison -------------------------------------------------------
    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, Dimension):
            return NotImplemented
        return self._exponents == other._exponents

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self):
        return self._hash

    # -- display ----------------------------------------------------------
    def base_str(self):
        """The dimension in SI base symbols only, e.g. ``'m^2 kg s^-3 A^-1'``."""
        parts = []
        for symbol, exponent in zip(BASE_SYMBOLS, self._exponents):
            if exponent == 0:
                continue
            parts.append(symbol if exponent == 1 else f"{symbol}^{_format_exponent(exponent)}")
        return " ".join(parts) if parts else "1"

    def __str__(self):
        # as Brian2 prints a dimension: SI base symbols, 'm^2 kg s^-3 A^-1' for volt, '1'
        return self.base_str()

    def __repr__(self):
        # as Brian2: Python code in base unit names, 'metre ** 2 * kilogram * second ** -3
        # * amp ** -1' for volt, 'Dimension()' when dimensionless
        parts = [name if exponent == 1 else f"{name} ** {_format_exponent(exponent)}"
                 for name, exponent in zip(_BASE_UNIT_NAMES, self._exponents) if exponent != 0]
        return " * ".join(parts) if parts else "Dimension()"


DIMENSIONLESS = Dimension((0, 0, 0, 0, 0, 0, 0))


def get_or_create_dimension(*args, **keywords):
    """Return the (interned) dimension for the given exponents.

    Parameters
    ----------
    *args : sequence of 7 numbers, optional
        Exponents in the order m, kg, s, A, K, mol, cd.
    **keywords : numbers
        Exponents by name: ``m``/``length``/``metre``, ``kg``/``mass``,
        ``s``/``time``/``second``, ``A``/``current``/``amp``, ``K``/``temperature``,
        ``mol``/``substance``/``mole``, ``cd``/``luminosity``/``candela``.

    Returns
    -------
    Dimension
    """
    if args and keywords:
        raise TypeError("Give the exponents either as a sequence or as keywords, not both.")
    if args:
        exponents = args[0] if len(args) == 1 else args
        return Dimension(tuple(exponents))
    exponents = [0.0] * 7
    for name, value in keywords.items():
        try:
            exponents[_KEYWORD_INDEX[name]] = value
        except KeyError:
            raise TypeError(f"Unknown base dimension '{name}'.") from None
    return Dimension(exponents)


def get_dimensions(obj):
    """Return the physical dimension of ``obj``.

    Plain numbers, booleans, NumPy arrays and lists of numbers are
    dimensionless; a Quantity (or anything with a ``dim`` attribute holding a
    :class:`Dimension`) has its own dimension; a Dimension is returned as is.

    Raises
    ------
    TypeError
        If ``obj`` is not something that can carry a dimension (e.g. a string).
    """
    dim = getattr(obj, "dim", None)
    if isinstance(dim, Dimension):
        return dim
    if isinstance(obj, Dimension):
        return obj
    if isinstance(obj, (numbers.Number, np.ndarray, np.generic)):
        return DIMENSIONLESS
    if isinstance(obj, range):  # Brian2: G.i_var = range(10)
        return DIMENSIONLESS
    if isinstance(obj, (list, tuple)):
        if holds_quantity(obj):
            # Validates that every element agrees, then reports the common dim; a list
            # mixing quantities and plain numbers ([1, mV]) is a TypeError, as in Brian2
            from eqsim.units.quantity import Quantity
            return Quantity(obj).dim
        return DIMENSIONLESS
    raise TypeError(f"Object of type {type(obj).__name__} does not have dimensions.")


def holds_quantity(sequence):
    """Whether any element of a (nested) list or tuple has a dimension."""
    return any(holds_quantity(item) if isinstance(item, (list, tuple))
               else isinstance(getattr(item, "dim", None), Dimension) for item in sequence)


def is_dimensionless(obj):
    """Whether ``obj`` (number, array, Quantity, Dimension) is dimensionless."""
    return get_dimensions(obj) is DIMENSIONLESS


def have_same_dimensions(a, b):
    """Whether ``a`` and ``b`` have the same physical dimension.

    Both arguments may be numbers, arrays, Quantities or Dimensions.
    """
    return get_dimensions(a) is get_dimensions(b)


def fail_for_dimension_mismatch(a, b=None, message=None, *, code=None, hint=None):
    """Raise :class:`~eqsim.errors.DimensionMismatchError` unless dimensions agree.

    Parameters
    ----------
    a, b : number, array, Quantity or Dimension
        The objects to compare. With ``b`` omitted, ``a`` must be dimensionless.
    message : str, optional
        What was being attempted, e.g. ``"Cannot add v and I"``; the
        dimensions involved are appended.
    code : str, optional
        Error code, ``'EQ201'`` unless given.
    hint : str, optional
        Hint shown to the user.

    Returns
    -------
    tuple of Dimension
        The two dimensions (equal), for callers that need them.
    """
    dim_a = get_dimensions(a)
    dim_b = DIMENSIONLESS if b is None else get_dimensions(b)
    if dim_a is dim_b:
        return dim_a, dim_b
    from eqsim.units.display_names import get_unit_for_display
    if message is None:
        message = "Dimension mismatch" if b is not None else "Expected a dimensionless value"
    detail = (f"units are {get_unit_for_display(dim_a)} and {get_unit_for_display(dim_b)}"
              if b is not None else f"unit is {get_unit_for_display(dim_a)}")
    raise DimensionMismatchError(f"{message} ({detail}).", dim_a, dim_b,
                                 code=code or DIMENSION_MISMATCH, hint=hint)
