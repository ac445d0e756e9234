"""Initial values of the ready models' variables, as BrainPy's ``bp.init`` initializers.

They become string assignments (``V = -55*mV + 2*mV*randn()``), so draws come from eqsim's
seeded random streams: the same on both targets and reproducible with ``seed()``.
"""
import numpy as np

from ..units import Quantity, get_dimensions, DIMENSIONLESS
from ..units.display_names import symbol_text


def _literal(value, unit):
    """``value`` (number in ``unit``, or Quantity) as exact text in the unit's base."""
    if isinstance(value, Quantity) or get_dimensions(value) is not DIMENSIONLESS:
        from .parameters import ModelParameterError
        if unit is None or get_dimensions(value) != unit.dim:
            raise ModelParameterError(f"initial value {value!r} has the wrong unit",
                                      hint=f"expected {unit if unit is not None else 'a number'}")
        number = float(np.asarray(value))
    else:
        number = float(value) * (1.0 if unit is None else float(np.asarray(1 * unit)))
    if not np.isfinite(number):
        from .parameters import ModelParameterError
        raise ModelParameterError(f"initial value {value!r} is not finite")
    return repr(number)


# the SI unit (in model-string syntax) of each dimension the models use
_SI_NAMES = {"V": "volt", "s": "second", "A": "amp", "S": "siemens", "ohm": "ohm", "Hz": "hertz",
             "s^-1": "hertz", "m^-3 mol": "mmolar", "1": "1",
             "m^2 kg s^-4 A^-1": "(volt/second)"}


class Initializer:
    """Base of the initial-value descriptions; ``expression(unit_text)`` is the text
    assigned to the variable."""
    unit = None

    def with_unit(self, model, name, unit):
        bound = object.__new__(type(self))
        bound.__dict__.update(self.__dict__, unit=unit)
        return bound

    def base_unit_text(self):
        if self.unit is None:
            return "1"
        return _SI_NAMES[symbol_text(get_dimensions(self.unit))]


class Constant(Initializer):
    """Every neuron starts at ``value`` (BrainPy's ``OneInit``/``Constant``)."""

    def __init__(self, value):
        self.value = value

    def expression(self):
        return f"{_literal(self.value, self.unit)}*{self.base_unit_text()}"

    def __repr__(self):
        return f"Constant({self.value!r})"


class Normal(Initializer):
    """Values drawn from a normal distribution (BrainPy's ``bp.init.Normal(mean, scale)``)."""

    def __init__(self, mean=0.0, scale=1.0):
        self.mean, self.scale = mean, scale

    def expression(self):
        u = self.base_unit_text()
        return f"{_literal(self.mean, self.unit)}*{u} + {_literal(self.scale, self.unit)}*{u}*randn()"

    def __repr__(self):
        return f"Normal({self.mean!r}, {self.scale!r})"


class Uniform(Initializer):
    """Values drawn uniformly from [min_val, max_val) (BrainPy's ``bp.init.Uniform``)."""

    def __init__(self, min_val=0.0, max_val=1.0):
        self.min_val, self.max_val = min_val, max_val

    def expression(self):
        u = self.base_unit_text()
        low, high = _literal(self.min_val, self.unit), _literal(self.max_val, self.unit)
        return f"{low}*{u} + ({high} - {low})*{u}*rand()"

    def __repr__(self):
        return f"Uniform({self.min_val!r}, {self.max_val!r})"


OneInit = Constant


def ZeroInit():
    """Every neuron starts at 0 (BrainPy's ``ZeroInit``)."""
    return Constant(0.0)
