"""Monitors: record state, spikes, events and population rates during a run."""
from .statemonitor import StateMonitor
from .spikemonitor import EventMonitor, SpikeMonitor
from .ratemonitor import PopulationRateMonitor

__all__ = ["StateMonitor", "SpikeMonitor", "EventMonitor", "PopulationRateMonitor"]
