"""The intermediate representation: the boundary between models and targets.

Groups, synapses and monitors describe what happens in one time step as
:class:`Operation` objects holding ordered :class:`Assignment` statements over
named :class:`Variable` descriptors. Targets (``eqsim.codegen``) render them.
"""
from .variables import Variable, ArrayVariable, ConstantVariable
from .operations import Assignment, Operation

__all__ = ["Variable", "ArrayVariable", "ConstantVariable", "Assignment", "Operation"]
