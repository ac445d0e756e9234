"""Parameters of the ready models: a Quantity, or a plain number read in BrainPy's units.

BrainPy's models are unitless; their numbers mean millivolts, milliseconds, megaohms,
nanoamperes and microsiemens (R*I is then in mV, g*(E - V) in nA). A number given to an eqsim
model is read in the same units, so a BrainPy script's values carry over unchanged
(``LifRef(3200, V_rest=-60., tau=20.)``); a Quantity is checked against the unit.
"""
import numpy as np

from ..errors import EqsimError
from ..units import Quantity, get_dimensions
from ..units import DIMENSIONLESS, Hz, Mohm, mM, mS, ms, mV, nA, uA, uF, uS
from .initializers import Initializer


class ModelParameterError(EqsimError):
    """A ready model's parameter has the wrong unit, shape or value."""
    default_code = "EQ180"


# the unit BrainPy's plain numbers stand for, by kind of parameter
BRAINPY_UNITS = {"voltage": mV, "time": ms, "resistance": Mohm, "current": nA,
                 "conductance": uS, "rate": Hz, "concentration": mM, "1": None,
                 "rate_ms": 1 / ms, "per_voltage": 1 / mV, "per_mV_ms": 1 / (mV * ms),
                 "mV_per_ms": mV / ms, "conductance_mS": mS, "capacitance_uF": uF,
                 "current_uA": uA, "per_mM_ms": 1 / (mM * ms)}


def unit_text(unit):
    return "1" if unit is None else str(unit)


def as_parameter(model, name, value, kind, size=None):
    """``value`` (Quantity, number, array or Initializer) as a Quantity / array in
    ``kind``'s unit, or the Initializer unchanged.

    Raises
    ------
    ModelParameterError
        If a Quantity has another dimension, a number is not finite, or an array's
        length is not the group's size.
    """
    unit = BRAINPY_UNITS[kind]
    if isinstance(value, Initializer):
        return value.with_unit(model, name, unit)
    if isinstance(value, Quantity) or (unit is not None and get_dimensions(value) is not DIMENSIONLESS):
        expected = DIMENSIONLESS if unit is None else unit.dim
        if get_dimensions(value) != expected:
            raise ModelParameterError(
                f"{model}: parameter '{name}' must be in {unit_text(unit)}, got {value!r}",
                hint=f"give a Quantity such as {1 if unit is None else 1 * unit!r}, or a plain "
                     f"number in {unit_text(unit)} (BrainPy's convention)")
        quantity = value
    else:
        array = np.asarray(value, dtype=float)
        if not np.all(np.isfinite(array)):
            raise ModelParameterError(f"{model}: parameter '{name}' must be finite, got {value!r}")
        quantity = array if unit is None else array * unit
    if np.ndim(quantity) > 0 and size is not None and np.size(quantity) not in (1, size):
        raise ModelParameterError(
            f"{model}: parameter '{name}' has {np.size(quantity)} values for {size} neurons",
            hint="give one value, or one per neuron")
    if np.ndim(quantity) > 0 and np.size(quantity) == 1:
        quantity = quantity.reshape(())[()] if unit is None else np.asarray(quantity).item() * unit
    return quantity


def refuse_unknown(label, given, known):
    """Raise ``ModelParameterError`` naming the first of ``given`` not in ``known``."""
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise ModelParameterError(f"{label} has no parameter '{unknown[0]}'",
                                  hint=f"its parameters: {', '.join(sorted(known))}")


def parameter_values(label, parameters, values):
    """``{name: value}`` for a model's ``parameters`` ({name: (default, kind)}): the given
    ``values`` (unknown names refused) over the defaults, checked by ``as_parameter``."""
    refuse_unknown(label, values, parameters)
    return {name: as_parameter(label, name, values.get(name, default), kind)
            for name, (default, kind) in parameters.items()}
