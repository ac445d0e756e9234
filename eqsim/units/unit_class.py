"""Named units as Brian2 has them: :class:`Unit`, the unit registers, ``get_unit``.

A :class:`Unit` is a read-only scalar :class:`Quantity` equal to ``10**scale`` base
units, with a long ``name`` (``repr``: ``'mvolt'``) and a display name (``str``:
``'mV'``). Multiplying, dividing or raising units gives a compound unit named after
its parts (``mV/ms`` is ``'mvolt / msecond'``); any other arithmetic gives a plain
Quantity.

Printing picks a unit from three registers, as Brian2 does: the standard register
(every prefixed named unit), the user register (units made with :class:`Unit` or
:func:`register_new_unit`, compound units included) and an additional one (Brian2's few
compound units such as ``watt/metre**2``, filled by :mod:`eqsim.units.unit_names`). Among the units of the right dimension, the
one chosen makes the printed numbers closest to 10 (least squares of
``log10(|x|/unit) - 1``); see :func:`best_unit`. A dimension without a registered unit
prints in SI form: ``in_best_unit`` as Brian2 (``'2. m^-4 kg^-1 s^3 A^2'``), ``str`` with
eqsim's readable name (``'2. S/m^2'``).
"""
import itertools

import numpy as np

from eqsim.errors import QuantityTypeError, UnitDefinitionError
from eqsim.units import error_codes
from eqsim.units.dimensions import DIMENSIONLESS, Dimension, get_dimensions
from eqsim.units.display import brian2_dim_name
from eqsim.units.quantity import Quantity

__all__ = ["Unit", "UnitRegistry", "standard_unit_register", "user_unit_register",
           "additional_unit_register", "register_new_unit", "get_unit", "best_unit"]


class Unit(Quantity):
    """A physical unit: a scalar ``10**scale`` in SI base units with names.

    Parameters
    ----------
    value : float
        Must equal ``10.0**scale`` (as in Brian2).
    dim : Dimension, optional
        Default: dimensionless.
    scale : int or float, optional
        Power of ten relative to the SI base unit (``-3`` for ``mvolt``).
    name : str, optional
        Long name used by ``repr`` (default: the dimension's base-unit form).
    dispname : str, optional
        Short name used by ``str`` (default: the dimension's symbol form).
    latexname : str, optional
    iscompound : bool, optional
        Whether the unit is made of others (``mV/ms``); compound names are put in
        parentheses when combined further.

    Raises
    ------
    UnitDefinitionError
        If ``value`` is not ``10**scale`` or ``dim`` is no Dimension (EQ320).

    Notes
    -----
    A unit made with this constructor (or :meth:`create`) is registered for printing
    (:func:`register_new_unit`), as in Brian2. Unlike Brian2, compound units made by
    arithmetic (``mV/ms``) and the units :func:`get_unit` makes are not: in Brian2 how a
    quantity prints then depends on which unit expressions ran before.
    """

    def __new__(cls, value, dim=None, scale=0, name=None, dispname=None, latexname=None,
                iscompound=False, _register=True):
        if dim is None:
            dim = DIMENSIONLESS
        if not isinstance(dim, Dimension):
            raise UnitDefinitionError(f"dim must be a Dimension, not {type(dim).__name__}",
                                      code=error_codes.UNIT_DEFINITION,
                                      hint="e.g. dim=volt.dim")
        # np.isclose(value, 10**scale, rtol=1e-12, atol=0), in plain floats: ~1,200 units
        # are made at import, and NumPy's version took 0.1 s of it
        if np.ndim(value) != 0 or not abs(float(value) - 10.0 ** scale) <= 1e-12 * 10.0 ** scale:
            raise UnitDefinitionError(
                f"Unit value has to be 10**scale (scale={scale}, value={value})",
                code=error_codes.UNIT_DEFINITION,
                hint="create a scaled unit with Unit(10.0**scale, dim=..., scale=scale, "
                     "name=..., dispname=...)")
        unit = Quantity.__new__(cls, np.float64(value), dim=dim)
        unit.scale = scale
        unit._unit_name = name if name is not None else (
            "Unit(1)" if dim is DIMENSIONLESS else brian2_dim_name(dim))
        unit._unit_symbol = dispname if dispname is not None else (
            "1" if dim is DIMENSIONLESS else dim.base_str())
        unit.latexname = latexname if latexname is not None else unit._unit_symbol
        unit.iscompound = iscompound
        unit.flags.writeable = False
        if _register:
            register_new_unit(unit)
        return unit

    def __init__(self, *args, **kwargs):
        pass  # everything happens in __new__ (NumPy subclasses have no useful __init__)

    @property
    def name(self):
        """str: the long name (``'mvolt'``); None for an array view of a unit."""
        return getattr(self, "_unit_name", None)

    @property
    def dispname(self):
        """str: the display name (``'mV'``); None for an array view of a unit."""
        return getattr(self, "_unit_symbol", None)

    @staticmethod
    def create(dim, name, dispname, latexname=None, scale=0):
        """A new named unit of ``10**scale`` base units of ``dim`` (as Brian2's)."""
        return Unit(10.0 ** scale, dim=dim, scale=scale, name=str(name),
                    dispname=str(dispname), latexname=latexname)

    def __array_ufunc__(self, ufunc, method, *inputs, out=None, **kwargs):
        compound = _compound(ufunc, method, inputs, out, kwargs)
        if compound is not None:
            return compound
        return super().__array_ufunc__(ufunc, method, *inputs, out=out, **kwargs)

    def _refuse_in_place(self, other, modulo=None):
        # Brian2: "Units cannot be modified in-place" (TypeError); `u = mV; u += mV` would
        # otherwise rebind u to a Quantity while reading like a change of the unit
        raise QuantityTypeError("Units cannot be modified in-place",
                                code=error_codes.UNIT_IN_PLACE,
                                hint="write u = u + other, or start from a quantity: 1*mV")

    __iadd__ = __isub__ = __imul__ = __itruediv__ = __ifloordiv__ = __imod__ = \
        __ipow__ = _refuse_in_place

    def __reduce__(self):
        return (_rebuild_unit, (float(self), self.dim, self.scale, self.name, self.dispname,
                                self.latexname, self.iscompound))


def _rebuild_unit(value, dim, scale, name, dispname, latexname, iscompound):
    from eqsim.units.unit_names import all_units
    existing = all_units.get(name)
    if existing is not None:
        return existing
    return Unit(value, dim=dim, scale=scale, name=name, dispname=dispname,
                latexname=latexname, iscompound=iscompound, _register=False)


def _wrapped(unit, attribute):
    text = getattr(unit, attribute)
    return f"({text})" if unit.iscompound else text


def _is_unit(value):
    # an array view of a unit (ms.reshape(1)) is a Unit instance without names
    return isinstance(value, Unit) and getattr(value, "_unit_name", None) is not None


def _compound(ufunc, method, inputs, out, kwargs):
    """The compound unit Brian2 makes for ``unit * unit``, ``unit / unit``, ``unit**n``."""
    if method != "__call__" or out is not None or kwargs:
        return None
    if ufunc is np.multiply and all(_is_unit(i) for i in inputs):
        first, second = inputs
        return Unit(10.0 ** (first.scale + second.scale), dim=first.dim * second.dim,
                    scale=first.scale + second.scale,
                    name=f"{first.name} * {second.name}",
                    dispname=f"{first.dispname} {second.dispname}", iscompound=True,
                    _register=False)
    if ufunc is np.true_divide and all(_is_unit(i) for i in inputs):
        first, second = inputs
        return Unit(10.0 ** (first.scale - second.scale), dim=first.dim / second.dim,
                    scale=first.scale - second.scale,
                    name=f"{_wrapped(first, 'name')} / {_wrapped(second, 'name')}",
                    dispname=f"{_wrapped(first, 'dispname')}/{_wrapped(second, 'dispname')}",
                    iscompound=True, _register=False)
    if ufunc is np.power and _is_unit(inputs[0]) and not isinstance(inputs[1], Quantity) \
            and np.ndim(inputs[1]) == 0 and np.isrealobj(inputs[1]):
        first, exponent = inputs
        return _raised(first, exponent.item() if hasattr(exponent, "item") else exponent)
    # as Brian2: 1/unit, np.reciprocal, np.sqrt and np.square of a unit are units too, so
    # 1/ms prints 'ms^-1' and isinstance(1/metre, Unit) holds
    if ufunc is np.true_divide and _is_one(inputs[0]) and _is_unit(inputs[1]):
        return _raised(inputs[1], -1)
    if len(inputs) == 1 and _is_unit(inputs[0]) and ufunc in _UNARY_EXPONENTS:
        return _raised(inputs[0], _UNARY_EXPONENTS[ufunc])
    return None


_UNARY_EXPONENTS = {np.reciprocal: -1, np.sqrt: 0.5, np.square: 2}


def _is_one(value):
    """A plain (unitless) scalar 1, the numerator that makes ``1/ms`` a unit."""
    return (not isinstance(value, Quantity) and np.ndim(value) == 0
            and np.isrealobj(value) and value == 1)


def _raised(unit, exponent):
    """The compound unit ``unit ** exponent`` named as Brian2 names it (``msecond ** -1``,
    ``ms^-1``; a compound base in parentheses)."""
    return Unit(10.0 ** (unit.scale * exponent), dim=unit.dim ** exponent,
                scale=unit.scale * exponent,
                name=f"{_wrapped(unit, 'name')} ** {exponent!r}",
                dispname=f"{_wrapped(unit, 'dispname')}^{exponent}", iscompound=True,
                _register=False)


class UnitRegistry:
    """Units known for printing, by dimension and value (Brian2's ``UnitRegistry``)."""

    def __init__(self):
        self.units = {}
        self.units_for_dimensions = {}

    def add(self, unit):
        """Add ``unit``; a later unit of the same dimension and value replaces an earlier one."""
        self.units[repr(unit)] = unit
        self.units_for_dimensions.setdefault(unit.dim, {})[float(unit)] = unit

    def add_if_new(self, unit):
        """Add ``unit`` unless one of the same dimension and value is there (the first
        spelling of a value is the one printed: ``metre``, not ``meter``)."""
        if float(unit) not in self.units_for_dimensions.get(unit.dim, {}):
            self.add(unit)

    def __getitem__(self, quantity):
        """The unit that shows ``quantity``'s numbers closest to 10; KeyError if none."""
        return self.lookup(get_dimensions(quantity), np.asarray(quantity))

    def lookup(self, dim, values_of):
        """:meth:`__getitem__` for ``values`` (SI, plain numbers) of dimension ``dim``."""
        matching = self.units_for_dimensions.get(dim, {})
        if not matching:
            raise KeyError("Unit not found in registry.")
        values = np.asarray(list(matching.keys()))
        shown = _shown_values(np.asarray(values_of, dtype=float))
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = np.tile(np.abs(shown), (len(matching), 1)).T / values
            ratios[ratios == 0] = np.nan
            if np.all(np.isnan(ratios)):
                return matching.get(1.0, next(iter(matching.values())))  # all zeros
            deviations = np.nansum((np.log10(ratios) - 1) ** 2, axis=0)
        return list(matching.values())[int(np.argmin(deviations))]


def _shown_values(values):
    """The elements NumPy prints (the edges of a summarised array), flattened."""
    options = np.get_printoptions()
    edge, threshold = options["edgeitems"], options["threshold"]
    if values.size <= threshold:
        return values.ravel()
    slices = [((slice(0, edge), slice(-edge, None)) if n > 2 * edge else (slice(None),))
              for n in values.shape]
    return np.hstack([values[chosen].ravel() for chosen in itertools.product(*slices)])


#: Every prefixed named unit (filled by :mod:`eqsim.units.unit_names`).
standard_unit_register = UnitRegistry()
#: Units the user made or registered.
user_unit_register = UnitRegistry()
#: Brian2's compound units for dimensions no named unit has (``W/(m^2)``).
additional_unit_register = UnitRegistry()
_REGISTERS = (standard_unit_register, user_unit_register, additional_unit_register)


def register_new_unit(u):
    """Offer ``u`` for printing quantities of its dimension (as Brian2's).

    Parameters
    ----------
    u : Unit
        E.g. ``register_new_unit(pfarad / mmetre**2)``; afterwards
        ``2*farad/metre**2`` prints as ``2000000. pF/(mm^2)``.

    Raises
    ------
    UnitDefinitionError
        If ``u`` is not a :class:`Unit` (EQ321).
    """
    if not isinstance(u, Unit):
        raise UnitDefinitionError(
            f"only a Unit can be registered, not {type(u).__name__} {u!r}",
            code=error_codes.NOT_A_UNIT,
            hint="combine named units (pfarad / mmetre**2) or create one with Unit.create")
    user_unit_register.add(u)


def best_unit(dim, values):
    """The registered unit to print ``values`` (SI numbers) of dimension ``dim`` in, or
    None if no unit of that dimension is registered."""
    for register in _REGISTERS:
        try:
            return register.lookup(dim, values)
        except KeyError:
            continue
    return None


def readable_unit(dim, values):
    """:func:`best_unit` for an array that may hold NaN/inf or nothing: judged on its
    finite values (plots and Neo signals pick their display unit this way)."""
    values = np.asarray(values, dtype=float)
    finite = values[np.isfinite(values)]
    return best_unit(dim, finite if finite.size else np.ones(1))


def get_unit(d):
    """The unscaled unit (``volt``, not ``mvolt``) of dimension ``d`` (as Brian2's).

    Parameters
    ----------
    d : Dimension

    Returns
    -------
    Unit
        A registered unit of value 1 with that dimension, or a new ``Unit(1, dim=d)``.
    """
    if not isinstance(d, Dimension):
        d = get_dimensions(d)
    for register in _REGISTERS:
        unit = register.units_for_dimensions.get(d, {}).get(1.0)
        if unit is not None:
            return unit
    return Unit(1.0, dim=d, _register=False)
