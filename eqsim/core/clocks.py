"""Brian2's ``brian2.core.clocks`` path for :mod:`eqsim.core.clock`."""
from eqsim.core.clock import Clock, defaultclock

__all__ = ["Clock", "defaultclock"]
