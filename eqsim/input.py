"""Brian2's ``brian2.input`` path: the input groups and TimedArray."""
from eqsim.groups.poissongroup import PoissonGroup
from eqsim.groups.poissoninput import PoissonInput
from eqsim.groups.spikegenerator import SpikeGeneratorGroup
from eqsim.groups.timedarray import TimedArray
from eqsim.groups.binomial import BinomialFunction

__all__ = ["PoissonGroup", "PoissonInput", "SpikeGeneratorGroup", "TimedArray", "BinomialFunction"]
