"""Brian2's magic ``run()``: a network of the objects visible in the calling script.

A thin layer over :class:`Network`; nothing else depends on frame inspection.
"""
import inspect

from .base import EqsimObject, _Scope
from .network import Network


def collect(level=0):
    """Objects of the current scope visible in the caller's locals and globals
    (``level`` frames further up), as Brian2's ``collect()``: ``Network(collect())``."""
    frame = inspect.currentframe().f_back
    for _ in range(level):
        frame = frame.f_back
    found = []
    for namespace in (frame.f_locals, frame.f_globals):
        for value in list(namespace.values()):
            if isinstance(value, EqsimObject) and value._scope_key == _Scope.key \
                    and not any(value is f for f in found):
                found.append(value)
    del frame
    return found


class MagicNetwork(Network):
    """The network behind ``run()``: keeps time across calls within a scope."""

    def __init__(self):
        super().__init__(name="magicnetwork")

    def reset(self):
        self.objects = []
        self.t_ = 0.0
        self._stored = {}

    def update(self, level):
        self.objects = []
        self.add(collect(level + 1))


magic_network = MagicNetwork()


def run(duration, report=None, report_period=None, namespace=None, level=0):
    """Run the objects defined in the calling script for ``duration``.

    Parameters
    ----------
    duration : Quantity
        Simulated time (second).
    report : {None, 'text', 'stdout', 'stderr'} or callable
        Progress reports.
    report_period : Quantity, optional
        Wall-clock time between reports (second), default 10 s.
    namespace : dict, optional
        Names for external constants; default: the calling script's variables.
    level : int
        Extra frames to go up when looking for objects and names.
    """
    magic_network.update(level + 1)
    kwargs = {} if report_period is None else {"report_period": report_period}
    magic_network.run(duration, report=report, namespace=namespace, level=level + 1, **kwargs)


def store(name="default", filename=None):
    """Store the state of the objects visible in the calling script (see ``Network.store``)."""
    magic_network.update(1)
    magic_network.store(name, filename)


def restore(name="default", filename=None, restore_random_state=False):
    """Restore the state saved by :func:`store` (see ``Network.restore``)."""
    magic_network.update(1)
    magic_network.restore(name, filename, restore_random_state)
