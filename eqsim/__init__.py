"""eqsim: spiking neural networks from equation strings, compiled.

``from eqsim import *`` gives what a Brian2 script uses: groups, synapses,
monitors, ``run``, units, NumPy and the pylab plotting functions.
"""
import logging as _logging

import numpy as np

from numpy import *  # noqa: F401,F403  (Brian2 scripts use NumPy names unqualified)
from .pylab_names import LAZY_FUNCTIONS as _LAZY_FUNCTIONS

globals().update(_LAZY_FUNCTIONS)  # plot, xlabel, figure ... as after `from brian2 import *`
# and NumPy's random functions, as pylab gives them (rand(N) in Python code; seed() is ours
# and also seeds NumPy's generator)
from numpy.random import (rand, randn, randint, random_sample, normal, uniform, poisson,  # noqa
                          binomial, exponential, lognormal, gamma, beta, shuffle, permutation,
                          choice)
del test  # numpy's test runner: pytest would collect it from test modules doing `import *`
import builtins as _builtins

# numpy's star import shadows Python builtins (max(a, b) would become numpy.max(a, axis=b));
# keep the builtins, as pylab does
for _name in ("abs", "all", "any", "max", "min", "pow", "round", "sum", "bool", "int", "float",
              "complex", "object", "str", "range"):
    if hasattr(_builtins, _name):
        globals()[_name] = getattr(_builtins, _name)

from .units import *  # noqa: F401,F403
from .units import Quantity, Dimension, DIMENSIONLESS, check_units, get_dimensions
from .errors import (EqsimError, EquationError, UnresolvedNameError, InvalidNameError,
                     DimensionMismatchError, IntegrationError, CodegenError, CompilationError,
                     ConnectError, NetworkError, CheckpointError, LimitError, EqsimWarning,
                     MonitorMemoryWarning)
from .parsing.equations import Equations
from .core.clock import Clock, defaultclock
from .core.base import start_scope
from .core.network import Network
from .core.magic import run, store, restore, collect
from .core.netop import network_operation, NetworkOperation
from .core.preferences import prefs
from .core.devices import device, get_device, reset_device, set_device
from .core.seeding import seed
from .groups.neurongroup import NeuronGroup
from .groups.poissongroup import PoissonGroup
from .groups.poissoninput import PoissonInput
from .groups.spikegenerator import SpikeGeneratorGroup
from .groups.timedarray import TimedArray
from .synapses.synapses import Synapses
from .monitors import StateMonitor, SpikeMonitor, EventMonitor, PopulationRateMonitor

_logging.getLogger("eqsim").addHandler(_logging.NullHandler())

__version__ = "0.1.0"
