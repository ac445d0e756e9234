"""Groups of neurons and inputs, with state access by name.

``from eqsim.groups import NeuronGroup`` works as Brian2's ``brian2.groups``; the names
are imported when first asked for, so importing a submodule never builds the package's
whole import graph.
"""
import importlib

# Brian2's brian2.groups names -> the submodule holding them here
_EXPORTS = {"NeuronGroup": ".neurongroup", "Group": ".group"}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
