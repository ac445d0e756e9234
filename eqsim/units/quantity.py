"""Quantity: a NumPy array of float values in SI base units plus a Dimension.

Any operation whose result is dimensionless returns a plain ``numpy.ndarray``
(or NumPy scalar), so ``M.t/ms`` is an ordinary array and ``(10*ms)/(5*ms)``
is ``2.0``. Dimensions are checked in ``__array_ufunc__`` (every arithmetic
operator and ufunc goes through it) and ``__array_function__`` (``np.mean``,
``np.concatenate``...); the numeric work is always done on plain arrays.
"""

import numbers

import numpy as np

from eqsim.errors import DimensionMismatchError, QuantityIndexError
from eqsim.units import display, error_codes
from eqsim.units.dimensions import (DIMENSIONLESS, Dimension, fail_for_dimension_mismatch,
                                    holds_quantity)
from eqsim.units.display_names import get_unit_for_display
from eqsim.units.quantity_dimensions import DimensionsAPI
from eqsim.units.operand_checks import (refuse_non_numbers, refuse_plain_among_quantities,
                                        refuse_text_operand)
from eqsim.units.ufunc_rules import is_plain_zero, result_dimension

__all__ = ["Quantity", "wrap_result", "strip_units"]

_PLAIN_OPERAND_TYPES = (np.ndarray, np.generic, numbers.Number, list, tuple, range)


def wrap_result(values, dim):
    """Attach ``dim`` to ``values``; dimensionless results stay plain NumPy objects."""
    if dim is DIMENSIONLESS:
        return values
    if not isinstance(values, np.ndarray):
        values = np.asarray(values)
    result = values.view(Quantity)
    result.dim = dim
    return result


def strip_units(obj):
    """``(values, dim, is_quantity)`` of an operand; lists of quantities become arrays."""
    if isinstance(obj, Quantity):
        return obj.view(np.ndarray), obj.dim, True
    if isinstance(obj, (list, tuple)) and _contains_quantity(obj):
        quantity = Quantity(obj)
        return quantity.view(np.ndarray), quantity.dim, True
    return obj, DIMENSIONLESS, False


def _contains_quantity(sequence):
    # any element, not just the first: [1, mV] is refused as in Brian2
    if isinstance(sequence, (list, tuple)):
        return holds_quantity(sequence)
    return isinstance(sequence, Quantity)


def _from_sequence(sequence):
    """Array and common dimension of a (nested) list that may hold quantities."""
    if isinstance(sequence, Quantity):
        return sequence.view(np.ndarray), sequence.dim
    if isinstance(sequence, (list, tuple)):
        if not _contains_quantity(sequence):
            return np.asarray(sequence), DIMENSIONLESS
        parts = [_from_sequence(item) for item in sequence]
        refuse_plain_among_quantities(sequence, [
            _contains_quantity([item]) or isinstance(getattr(item, "dim", None), Dimension)
            for item in sequence])
        dim = parts[0][1]
        for _, other in parts[1:]:
            if other is not dim:
                raise DimensionMismatchError(
                    "All elements of a quantity list must have the same unit (units are "
                    f"{get_unit_for_display(dim)} and {get_unit_for_display(other)}).",
                    dim, other, code=error_codes.ARITHMETIC_MISMATCH)
        return np.array([values for values, _ in parts]), dim
    dim = getattr(sequence, "dim", None)
    if isinstance(dim, Dimension) and hasattr(sequence, "__array__"):  # views: G.v, M.t
        return np.asarray(sequence), dim
    return np.asarray(sequence), DIMENSIONLESS


class Quantity(DimensionsAPI, np.ndarray):
    """An array of physical values: numbers in SI base units plus a :class:`Dimension`.

    Parameters
    ----------
    value : number, array_like, Quantity, or list of Quantities
        The values, in SI base units. Integers become floats.
    dim : Dimension, optional
        The dimension; defaults to that of ``value`` (dimensionless for plain numbers).
    dtype : numpy dtype, optional
        Data type of the values.
    copy : bool
        Whether to copy ``value`` (a view is used when possible otherwise).

    Examples
    --------
    >>> from eqsim.units import ms, mV
    >>> print(10*ms)
    10. ms
    >>> float((10*ms)/(5*ms))
    2.0
    """

    # Make NumPy hand mixed operations (ndarray + Quantity) to us.
    __array_priority__ = 1000

    def __new__(cls, value, dim=None, dtype=None, copy=False):
        values, value_dim = _from_sequence(value)
        refuse_non_numbers(values)
        if dim is None:
            dim = value_dim
        elif not isinstance(dim, Dimension):
            raise TypeError(f"dim must be a Dimension, got {type(dim).__name__}")
        if dtype is None and values.dtype.kind in "biu":
            dtype = np.float64
        values = np.array(values, dtype=dtype, copy=True) if copy else np.asarray(values, dtype=dtype)
        result = values.view(cls)
        result.dim = dim
        return result

    def __array_finalize__(self, obj):
        # Views, slices and copies keep the dimension of what they came from.
        self.dim = getattr(obj, "dim", DIMENSIONLESS)

    # -- NumPy protocol -----------------------------------------------------
    def __array_ufunc__(self, ufunc, method, *inputs, out=None, **kwargs):
        values, dims, flags = [], [], []
        for item in inputs:
            if not isinstance(item, (Quantity,) + _PLAIN_OPERAND_TYPES) and item is not None:
                return NotImplemented
            value, dim, is_quantity = strip_units(item)
            values.append(value)
            dims.append(dim)
            flags.append(is_quantity)
        if method == "at":
            return self._ufunc_at(ufunc, values, dims, flags, inputs, kwargs)
        result_dim = result_dimension(ufunc, method, dims, values, flags, kwargs)
        if out is not None:
            return self._ufunc_into(ufunc, method, values, out, result_dim, kwargs)
        result = getattr(ufunc, method)(*values, **kwargs)
        if isinstance(result, tuple):
            return tuple(wrap_result(r, d) for r, d in zip(result, result_dim))
        return wrap_result(result, result_dim)

    @staticmethod
    def _ufunc_into(ufunc, method, values, out, result_dim, kwargs):
        """Run a ufunc writing into ``out`` and give the outputs their dimension."""
        out_dims = result_dim if isinstance(result_dim, tuple) else (result_dim,)
        plain_out = []
        for target, dim in zip(out, out_dims):
            if isinstance(target, Quantity):
                if getattr(target, "_unit_name", None) is not None:
                    raise TypeError("Units cannot be modified in place.")
                plain_out.append(target.view(np.ndarray))
            else:
                if dim is not DIMENSIONLESS and target is not None:
                    raise DimensionMismatchError(
                        f"Cannot write a result in {get_unit_for_display(dim)} into a plain "
                        "array without losing its unit", dim, code=error_codes.UNIT_LOST,
                        hint="write into np.asarray(...) of a quantity, or divide by a unit first")
                plain_out.append(target)
        getattr(ufunc, method)(*values, out=tuple(plain_out), **kwargs)
        for target, dim in zip(out, out_dims):
            if isinstance(target, Quantity):
                target.dim = dim
        return out[0] if len(out) == 1 else tuple(out)

    @staticmethod
    def _ufunc_at(ufunc, values, dims, flags, inputs, kwargs):
        dim = result_dimension(ufunc, "at", dims, values, flags, kwargs)
        target = inputs[0]
        if dim is not dims[0]:
            raise DimensionMismatchError(
                f"{ufunc.__name__}.at would change the unit of part of an array",
                dims[0], dim, code=error_codes.ARITHMETIC_MISMATCH)
        ufunc.at(*values, **kwargs)
        if isinstance(target, Quantity):
            target.dim = dim

    def __array_function__(self, func, types, args, kwargs):
        handler = _array_functions.HANDLERS.get(func)
        if handler is None:
            # Generic NumPy implementation; its ufunc calls come back through
            # __array_ufunc__, so dimensions are still checked.
            return super().__array_function__(func, types, args, kwargs)
        return handler(*args, **kwargs)

    # -- Python operators -----------------------------------------------------
    def _binary(ufunc, reflected=False):  # noqa: N805 -- helper run at class creation
        def operator_method(self, other):
            refuse_text_operand(other, ufunc.__name__)
            if not isinstance(other, (Quantity,) + _PLAIN_OPERAND_TYPES):
                return NotImplemented
            return ufunc(other, self) if reflected else ufunc(self, other)
        operator_method.__name__ = f"__{'r' if reflected else ''}{ufunc.__name__}__"
        return operator_method

    def _inplace(ufunc):  # noqa: N805
        def operator_method(self, other):
            if not isinstance(other, (Quantity,) + _PLAIN_OPERAND_TYPES):
                return NotImplemented
            if getattr(self, "_unit_name", None) is not None or self.ndim == 0:
                # Units are shared constants: `x = ms; x *= 2` must not change ms. A scalar
                # acts like a Python float, as in Brian2: after `y = x; x += 1*mV`, y is
                # unchanged.
                return ufunc(self, other)
            return ufunc(self, other, out=(self,))
        return operator_method

    __add__, __radd__, __iadd__ = _binary(np.add), _binary(np.add, True), _inplace(np.add)
    __sub__, __rsub__, __isub__ = (_binary(np.subtract), _binary(np.subtract, True),
                                   _inplace(np.subtract))
    __mul__, __rmul__, __imul__ = (_binary(np.multiply), _binary(np.multiply, True),
                                   _inplace(np.multiply))
    __truediv__, __rtruediv__, __itruediv__ = (_binary(np.true_divide),
                                               _binary(np.true_divide, True),
                                               _inplace(np.true_divide))
    __floordiv__, __rfloordiv__, __ifloordiv__ = (_binary(np.floor_divide),
                                                  _binary(np.floor_divide, True),
                                                  _inplace(np.floor_divide))
    __mod__, __rmod__, __imod__ = (_binary(np.remainder), _binary(np.remainder, True),
                                   _inplace(np.remainder))
    __pow__, __rpow__, __ipow__ = _binary(np.power), _binary(np.power, True), _inplace(np.power)
    __matmul__, __rmatmul__ = _binary(np.matmul), _binary(np.matmul, True)
    __divmod__, __rdivmod__ = _binary(np.divmod), _binary(np.divmod, True)
    __lt__, __le__ = _binary(np.less), _binary(np.less_equal)
    __gt__, __ge__ = _binary(np.greater), _binary(np.greater_equal)
    __eq__, __ne__ = _binary(np.equal), _binary(np.not_equal)
    del _binary, _inplace

    def __hash__(self):
        # Mutable arrays are unhashable; units are read-only constants and hash
        # like their value, so they can be dictionary keys.
        if getattr(self, "_unit_name", None) is None:
            raise TypeError("unhashable type: 'Quantity'")
        return hash((float(self.view(np.ndarray)), self.dim))

    # -- conversion -------------------------------------------------------------
    def _require_dimensionless(self, what, error=DimensionMismatchError):
        if self.dim is not DIMENSIONLESS:
            raise error(
                f"Cannot convert {display.format_short(np.asarray(self), self.dim)} to {what}: "
                f"it has the unit {get_unit_for_display(self.dim)}", self.dim,
                code=None if error is QuantityIndexError else
                error_codes.CONVERSION_NEEDS_DIMENSIONLESS,
                hint=f"divide by a unit first, e.g. {what}(x/ms)")

    # As in Brian2, float()/int()/complex() give the value in SI units whatever the dimension:
    # matplotlib and NumPy call them on elements when plotting or converting.
    def __float__(self):
        return float(self.view(np.ndarray))

    def __int__(self):
        return int(self.view(np.ndarray))

    def __complex__(self):
        return complex(self.view(np.ndarray))

    def __index__(self):
        # Brian2 (NumPy) raises TypeError here; QuantityIndexError is one
        self._require_dimensionless("index", QuantityIndexError)
        return self.view(np.ndarray).__index__()

    def tolist(self):
        """Nested lists of scalar Quantities (plain floats if dimensionless)."""
        values = self.view(np.ndarray).tolist()
        if self.dim is DIMENSIONLESS:
            return values

        def attach(item):
            if isinstance(item, list):
                return [attach(element) for element in item]
            return wrap_result(np.asarray(item), self.dim)
        return attach(values)

    # -- indexing -------------------------------------------------------------
    def __getitem__(self, key):
        result = super().__getitem__(key)
        if isinstance(result, np.ndarray):
            return result
        # A single element comes back as a NumPy scalar: keep its unit.
        return wrap_result(np.asarray(result), self.dim)

    def __setitem__(self, key, value):
        value_values, value_dim, _ = strip_units(value)
        if value_dim is not self.dim and not is_plain_zero(value_values, value_dim):
            fail_for_dimension_mismatch(
                self.dim, value_dim, "Inconsistent units in assignment",
                code=error_codes.ASSIGNMENT_MISMATCH)
        self.view(np.ndarray)[key] = value_values

    def __iter__(self):
        # not a generator function: iter() itself must raise for 0-d values, as
        # np.iterable (used by matplotlib) relies on that
        if self.ndim == 0:
            raise TypeError("iteration over a 0-d quantity")
        dim = self.dim
        values = self.view(np.ndarray)
        if dim is DIMENSIONLESS:
            return iter(values)
        return (wrap_result(np.asarray(item), dim) for item in values)

    def fill(self, value):
        """Set all elements to ``value``, which must have this quantity's unit."""
        self[...] = value

    # -- ndarray methods that must go through the unit-aware functions ---------
    def _through(func):  # noqa: N805 -- helper run at class creation
        def method(self, *args, **kwargs):
            return func(self, *args, **kwargs)
        method.__name__ = func.__name__
        return method

    mean, sum, std, var = _through(np.mean), _through(np.sum), _through(np.std), _through(np.var)
    min, max, prod = _through(np.min), _through(np.max), _through(np.prod)
    cumsum, cumprod, trace = _through(np.cumsum), _through(np.cumprod), _through(np.trace)
    del _through

    def item(self, *args):
        """One element as a Python number, in its unit as in Brian2 (``(q).item(0)`` is 1 mV)."""
        value = self.view(np.ndarray).item(*args)
        return value if self.dim is DIMENSIONLESS else wrap_result(np.asarray(value), self.dim)

    def round(self, *args, **kwargs):
        return np.round(self, *args, **kwargs)

    def __round__(self, ndigits=0):
        # Like np.round: the digits count in SI base units (round(3.7*ms, 4) == 3.7 ms).
        return np.round(self, ndigits)

    def clip(self, *args, **kwargs):
        return np.clip(self, *args, **kwargs)

    def dot(self, other, *args, **kwargs):
        return np.dot(self, other, *args, **kwargs)

    # -- units ------------------------------------------------------------------
    @property
    def is_dimensionless(self):
        """bool: whether this quantity has no physical dimension."""
        return self.dim is DIMENSIONLESS

    def in_unit(self, u, precision=None, python_code=False):
        """The values in unit ``u`` as a string, as Brian2: ``(25.123456*mV).in_unit(volt, 3)``
        is ``'0.025 V'``.

        Parameters
        ----------
        u : Unit or Quantity
            The unit (a quantity that is not a named unit is shown by its dimension).
        precision : int, optional
            Digits after the decimal point (NumPy's print option by default).
        python_code : bool, optional
            ``'3. * mvolt'`` instead of ``'3. mV'``.

        Raises
        ------
        DimensionMismatchError
            If ``u`` has a different dimension.
        """
        fail_for_dimension_mismatch(self, u, 'Non-matching unit for method "in_unit"')
        return display.format_in_unit(self, u, precision, python_code)

    def in_best_unit(self, precision=None, python_code=False):
        """The values as a string in the unit Brian2 would choose (``'1.23456 mV'``).

        Parameters
        ----------
        precision : int, optional
            Digits after the decimal point (NumPy's print option by default).
        python_code : bool, optional
            ``'1.23456 * mvolt'`` instead of ``'1.23456 mV'``.
        """
        return display.format_in_best_unit(self, precision, python_code)

    def get_best_unit(self):
        """The unit :meth:`in_best_unit` shows this quantity in (a ``Unit``, or
        ``Quantity(1, dim)`` when no unit of this dimension is registered)."""
        from eqsim.units.unit_class import Unit, best_unit
        if self.dim.is_dimensionless:
            return Unit(1.0, _register=False)
        found = best_unit(self.dim, np.asarray(self))
        return found if found is not None else Quantity(1.0, dim=self.dim)

    # -- display & copying --------------------------------------------------------
    def __repr__(self):
        name = getattr(self, "_unit_name", None)
        return name if name is not None else display.format_repr(self)

    def __str__(self):
        symbol = getattr(self, "_unit_symbol", None)
        return symbol if symbol is not None else display.format_str(self)

    def __format__(self, spec):
        # As in Brian2: f"{q}" shows the unit, while a format spec (f"{v:.2f}") formats
        # the bare value in SI units, as float(v) would be; arrays then refuse a spec.
        if not spec:
            return str(self)
        return format(self.view(np.ndarray), spec)

    def __reduce__(self):
        return (_rebuild_quantity, (self.view(np.ndarray).copy(), self.dim,
                                    getattr(self, "_unit_name", None),
                                    getattr(self, "_unit_symbol", None)))

    def __copy__(self):
        return Quantity(self, copy=True)

    def __deepcopy__(self, memo):
        if getattr(self, "_unit_name", None) is not None:
            return self  # units are immutable constants
        return Quantity(self, copy=True)


def _rebuild_quantity(values, dim, unit_name=None, unit_symbol=None):
    """Unpickle a Quantity (and re-create a unit's names)."""
    if unit_name is not None:
        from eqsim.units.unit_names import all_units
        existing = all_units.get(unit_name)
        if existing is not None:
            return existing
    result = Quantity(values, dim=dim)
    if unit_name is not None:
        result._unit_name = unit_name
        result._unit_symbol = unit_symbol
        result.flags.writeable = False
    return result


from eqsim.units import array_functions as _array_functions  # noqa: E402  (needs Quantity)
