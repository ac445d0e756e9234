"""eqsim: spiking neural networks from equation strings, compiled.

``from eqsim import *`` gives what a Brian2 script uses: groups, synapses,
monitors, ``run``, units, NumPy and the pylab plotting functions.
"""
import numpy as np

# what `from pylab import *` (Brian2's first import) binds, in pylab's order: NumPy, then
# numpy.fft, numpy.random and numpy.linalg over it (so `sum`, `any`, `all` are NumPy's,
# `fft` and `random` are functions, `power` is numpy.random.power), then Python's builtins
# that pylab restores; seed() below is ours and also seeds NumPy's generator
from .numpy_names import numpy_star_names as _numpy_star_names
globals().update(_numpy_star_names())  # `from numpy import *`; f2py, testing, ma ... lazily
from numpy.fft import *  # noqa: F401,F403
from numpy.random import *  # noqa: F401,F403
from numpy.linalg import *  # noqa: F401,F403
import datetime  # noqa: F401
del test  # numpy's test runner: pytest would collect it from test modules doing `import *`
import builtins as _builtins
for _name in ("bytes", "abs", "bool", "max", "min", "pow", "round"):
    globals()[_name] = getattr(_builtins, _name)
# the standard modules Brian2's star import leaks and scripts use unimported (time.time())
import sys, time, logging, functools, inspect, importlib, signal, threading  # noqa: E401,F401
from .pylab_names import lazy_pylab_names as _lazy_pylab_names
globals().update(_lazy_pylab_names())  # plt, mpl, rcParams, plot, subplots ... lazily

from .units import *  # noqa: F401,F403
from .units.unitsafefunctions import arange  # NumPy's would drop the unit of arange(0*ms, 1*ms, dt)
from .units import Quantity, Dimension, DIMENSIONLESS, check_units, get_dimensions
from .errors import (EqsimError, EquationError, UnresolvedNameError, InvalidNameError,
                     DimensionMismatchError, IntegrationError, CodegenError, CompilationError,
                     ConnectError, NetworkError, CheckpointError, LimitError, EqsimWarning,
                     MonitorMemoryWarning, NetworkWarning)
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
from .groups.spatial import SpatialNeuron, Morphology, Soma, Cylinder, Section  # refused
from .synapses.synapses import Synapses
from .monitors import StateMonitor, SpikeMonitor, EventMonitor, PopulationRateMonitor
# issue 12 part linked12: linked variables, subgroups
from .groups.subgroup import Subgroup
from .groups.linked import linked_var
from .errors import SubgroupIndexError, LinkError

# issue 12, units12: integration methods as objects (Brian2's brian2.stateupdaters names)
from .stateupdaters import (StateUpdateMethod, ExplicitStateUpdater, euler, rk2, rk4, exact,
                            linear, exponential_euler, heun, milstein, independent)

# issue 12 section 2, network control and infrastructure (net12)
from .core.magic import stop, magic_network
from .errors import BrianObjectException, MagicError
from .core.summaries import profiling_summary, scheduling_summary
from .core.logger import BrianLogger, get_logger, std_silent

# user functions in model strings (issue 12 section 2, func12)
from .core.functions import DEFAULT_FUNCTIONS, Function, declare_types, exprel, implementation
from .groups.binomial import BinomialFunction
from .errors import UserFunctionError

# the star import binds `np` and `numpy` to eqsim.numpy_ as Brian2's binds them to
# brian2.numpy_: NumPy with the unit-aware functions over it, so a script's
# np.arange(0*ms, 1*ms, 0.25*ms) is in ms (plain NumPy would give plain seconds)
from . import numpy_ as numpy  # noqa: E402
np = numpy

# examples12 (issue 12 section 3, Brian2's examples): NumPy's sum that, as before NumPy 2.4,
# also adds up a generator (sum(t for ...) after Brian2's star import)
from .generator_sum import sum  # noqa: E402,A001

logging.getLogger("eqsim").addHandler(logging.NullHandler())

__version__ = "0.1.0"
