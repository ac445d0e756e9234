"""The communicator of the current simulation: what collectives outside the step loop
(run-time callbacks, checkpoint files) go through.

A distributed run puts its communicator in the simulation context (``comm``, next to
``rank``/``size``); without one, the run is one process
(:class:`~eqsim.distributed.communicator.SingleProcess`), whatever launched it.
"""
from ..core.context import current_context
from .communicator import SingleProcess

_SINGLE = SingleProcess()


def current_communicator():
    """The current context's communicator, or the one-process one."""
    comm = getattr(current_context(), "comm", None)
    return _SINGLE if comm is None else comm
