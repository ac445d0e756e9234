"""Brian2's ``brian2.only``: eqsim's names without the pylab and NumPy namespaces.

``from eqsim.only import *`` (or ``import eqsim.only as br``) gives the simulator's own
names -- groups, monitors, units, run, prefs, integration methods, errors -- and, as in
Brian2, the NumPy functions Brian2 makes unit-aware (``sin``, ``exp``, ``linspace``...;
NumPy's own handle eqsim quantities); not ``plot``, ``np``, ``sum`` or ``random``.
"""
import types

import eqsim as _eqsim

# NumPy functions that brian2.only offers (Brian2 wraps them for units)
_UNIT_AWARE_NUMPY = ("arange", "arccos", "arccosh", "arcsin", "arcsinh", "arctan", "arctanh",
                     "cos", "cosh", "diagonal", "dot", "exp", "expm1", "linspace", "log",
                     "log10", "log1p", "ones_like", "ptp", "ravel", "sin", "sinh", "tan",
                     "tanh", "trace", "where", "zeros_like")


def _is_own(name, value):
    if name.startswith("_") or isinstance(value, types.ModuleType):
        return False
    if isinstance(value, _eqsim.Quantity):  # the units
        return True
    module = getattr(value, "__module__", None) if isinstance(value, (type, types.FunctionType)) \
        else type(value).__module__
    # eqsim.pylab_names holds the lazy pylab names: not the simulator's own
    return isinstance(module, str) and module.split(".")[0] == "eqsim" \
        and module != "eqsim.pylab_names"


_NAMES = {name: value for name, value in vars(_eqsim).items() if _is_own(name, value)}
_NAMES.update({name: getattr(_eqsim, name) for name in _UNIT_AWARE_NUMPY + ("DEFAULT_UNITS", "DEFAULT_FUNCTIONS")
               if hasattr(_eqsim, name)})
globals().update(_NAMES)

__all__ = sorted(_NAMES)
