"""Brian2's ``brian2.numpy_`` (``import brian2.numpy_ as np``): NumPy itself, whose
functions handle eqsim quantities through the NumPy protocols."""
from numpy import *  # noqa: F401,F403
import numpy as _numpy


def __getattr__(name):
    return getattr(_numpy, name)

# NumPy's arange turns quantities into plain floats before any protocol is asked
from eqsim.units.unitsafefunctions import arange  # noqa: E402,F401
