"""Brian2's ``brian2.numpy_``: what ``np`` and ``numpy`` are after ``from brian2 import *``
(and ``import brian2.numpy_ as np``). It is NumPy with the unit-aware functions of
``brian2.units.unitsafefunctions`` over it, so ``np.arange(0*ms, 1*ms, 0.25*ms)`` keeps
the unit in a script that writes ``np.`` as in one that does not; NumPy's submodules,
types and constants (``np.random``, ``np.testing``, ``np.float64``) are NumPy's own."""
import numpy as _numpy

from eqsim.numpy_names import LAZY_SUBMODULES as _LAZY_SUBMODULES

# `from numpy import *` without the slow submodules it would import at once (np.testing,
# np.f2py ...): __getattr__ below imports them when a script first uses them
globals().update({_name: getattr(_numpy, _name) for _name in _numpy.__all__
                  if _name not in _LAZY_SUBMODULES})

# the unit-aware versions replace NumPy's; most are NumPy's functions anyway (quantities
# go through the NumPy protocols), but arange and linspace take their unit from here
from eqsim.units.unitsafefunctions import *  # noqa: F401,F403,E402
from eqsim.units.unitsafefunctions import __all__ as _unitsafe_names  # noqa: E402
from eqsim.units.special_functions import exprel  # noqa: F401,E402 (np.exprel, as in Brian2)

# as in Brian2's module: the builtins NumPy dropped its aliases for (np.float is float) and
# NumPy's own round/abs/max/min, which `from numpy import *` leaves out
from builtins import bool, float, complex  # noqa: F401,E402,A004
from numpy import round, abs, max, min  # noqa: F401,E402,A004


def __getattr__(name):
    # everything else NumPy offers on demand (np.testing, np.f2py, np.__version__ ...)
    if name in _LAZY_SUBMODULES:
        import importlib
        return importlib.import_module(f"numpy.{name}")
    return getattr(_numpy, name)


# `from eqsim.numpy_ import *` binds what Brian2's module's star import binds
__all__ = sorted({name for name in _numpy.__all__ if name not in _LAZY_SUBMODULES}
                 | set(_unitsafe_names) | {"exprel"})
