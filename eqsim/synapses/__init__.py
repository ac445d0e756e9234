"""Synapses: connections between groups, spike propagation, plasticity.

``from eqsim.synapses import Synapses`` works as Brian2's ``brian2.synapses`` (imported
when first asked for).
"""
import importlib

__all__ = ["Synapses"]


def __getattr__(name):
    if name == "Synapses":
        return importlib.import_module(".synapses", __name__).Synapses
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
