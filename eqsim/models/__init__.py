"""Ready models as BrainPy defines them, written as eqsim equation strings.

``LIF(tau=10.)`` is a model description (``print(LIF().equations)``); ``LIF(100, tau=10.)``
is a group of 100 such neurons. Plain numbers are read in BrainPy's units (mV, ms, Mohm,
nA, uS); Quantities are checked.
"""
from .initializers import Constant, Normal, OneInit, Uniform, ZeroInit, Initializer
from .parameters import ModelParameterError
from .neuron_model import ModelGroup, NeuronModel
from .neurons import LIF, Lif, LifRef, ExpIF, ExpIFRef, AdEx, AdExIF, QuaIF, Izhikevich, Gif

__all__ = ["Constant", "Normal", "OneInit", "Uniform", "ZeroInit", "Initializer",
           "ModelParameterError", "ModelGroup", "NeuronModel", "LIF", "Lif", "LifRef", "ExpIF",
           "ExpIFRef", "AdEx", "AdExIF", "QuaIF", "Izhikevich", "Gif"]
