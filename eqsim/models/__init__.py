"""Ready models as BrainPy defines them, written as eqsim equation strings.

``LIF(tau=10.)`` is a model description (``print(LIF().equations)``); ``LIF(100, tau=10.)``
is a group of 100 such neurons. Plain numbers are read in BrainPy's units (mV, ms, Mohm,
nA, uS); Quantities are checked.
"""
from .initializers import Constant, Normal, OneInit, Uniform, ZeroInit, Initializer
from .parameters import ModelParameterError
from .neuron_model import ModelGroup, NeuronModel
from .neurons import LIF, Lif, LifRef, ExpIF, ExpIFRef, AdEx, AdExIF, QuaIF, Izhikevich, Gif
from .hh import HH
from .synapses import Alpha, DualExpon, DualExponential, Expon, SynapseModel
from .outputs import COBA, CUBA, MgBlock, Output
from .connectivity import All2All, FixedProb, IJConn, JitFPHomoLinear, One2One
from .projections import Projection, ProjAlignPostMg2, ProjAlignPreMg2, ProjectionError
# issue 11, plasticity part: per-synapse random weights, STDP rules
from .random_weights import JitFPNormalLinear, JitFPUniformLinear
from .plasticity import PlasticityRule, STDP, TripletSTDP
# issue 11, STP and receptors
from .stp import STP
from .receptors import AMPA, GABAa, NMDA, ReceptorModel
from .connectivity import FixedInDegree, FixedOutDegree, FixedPostNum, FixedPreNum
# issue 11, models part (models11): the voltage-jump synapse
from .synapses import Delta
from .projections import FullProjDelta
# issue 9, run-time callbacks (cb9): BrainPy's runner with brainpy-largescale's callbacks
from .runner import DSRunner

__all__ = ["Constant", "Normal", "OneInit", "Uniform", "ZeroInit", "Initializer",
           "ModelParameterError", "ModelGroup", "NeuronModel", "LIF", "Lif", "LifRef", "ExpIF",
           "ExpIFRef", "AdEx", "AdExIF", "QuaIF", "Izhikevich", "Gif", "HH", "Alpha", "DualExpon",
           "DualExponential", "Expon", "SynapseModel", "COBA", "CUBA", "MgBlock", "Output",
           "All2All", "FixedProb", "IJConn", "JitFPHomoLinear", "One2One", "Projection",
           "ProjAlignPostMg2", "ProjAlignPreMg2", "ProjectionError",
           # issue 11, plasticity part
           "JitFPNormalLinear", "JitFPUniformLinear", "PlasticityRule", "STDP", "TripletSTDP",
           # issue 11, STP and receptors
           "STP", "AMPA", "GABAa", "NMDA", "ReceptorModel",
           "FixedInDegree", "FixedOutDegree", "FixedPostNum", "FixedPreNum",
           # issue 11, models part (models11)
           "Delta", "FullProjDelta",
           # issue 9, run-time callbacks (cb9)
           "DSRunner"]
