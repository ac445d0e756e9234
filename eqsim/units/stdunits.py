"""Brian2's ``brian2.units.stdunits``: the short unit names (``ms``, ``mV``, ``nS``...)."""
from eqsim.units.unit_names import all_units

__all__ = ["Hz", "MHz", "cm", "cm2", "cm3", "kHz", "mA", "mM", "mS", "mV", "mm", "mm2", "mm3",
           "ms", "nA", "nF", "nM", "nS", "pA", "pF", "uA", "uF", "uM", "uS", "um", "um2", "um3",
           "us"]

globals().update({name: all_units[name] for name in __all__})
