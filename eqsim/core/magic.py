"""Brian2's magic ``run()``: a network of the objects visible in the calling script.

A thin layer over :class:`Network`; nothing else depends on frame inspection.
"""
import inspect
import warnings

from .base import EqsimObject, _Scope
from ..errors import MagicError, NetworkWarning
from .dependencies import missing_dependencies
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
    """The network behind ``run()``: keeps time across calls while it runs the same
    objects, and starts again at t = 0 when every object it finds is new, as Brian2's."""

    def __init__(self):
        super().__init__(name="magicnetwork")
        self._generation = 0

    def add(self, *objs):
        """Refused, as in Brian2: the magic network holds what ``run()`` finds."""
        raise MagicError("cannot add objects to the magic network directly",
                         hint="create the objects in the script (run() collects them), or "
                              "use an explicit Network(...)")

    def remove(self, *objs):
        """Refused, as in Brian2: the magic network holds what ``run()`` finds."""
        raise MagicError("cannot remove objects from the magic network directly",
                         hint="delete the object from the script's variables, or use an "
                              "explicit Network(...)")

    def reset(self):
        self.objects = []
        self.t_ = 0.0
        self._stored = {}
        self._generation += 1

    def update(self, level):
        """Take the objects visible ``level`` frames up, with Brian2's rule for time: an
        object this network ran before means continue; only new objects (monitors do not
        count: they may be added to a running simulation) mean a new simulation from
        t = 0; a mix of both is an error."""
        self.objects = []
        Network.add(self, collect(level + 1))
        objects = self._all_objects()
        marks = [getattr(obj, "_magic_generation", None) for obj in objects]
        some_known = self._generation in marks
        some_new = any(mark is None and obj.invalidates_magic_network
                       for obj, mark in zip(objects, marks))
        if some_known and some_new:
            new = [obj.name for obj, mark in zip(objects, marks)
                   if mark is None and obj.invalidates_magic_network]
            raise MagicError(
                f"run() found objects that ran before and new objects ({', '.join(new)}): "
                f"it cannot tell whether to continue the old simulation or start a new one",
                hint="put the objects to run in an explicit Network(...), or call "
                     "start_scope() before creating the new ones")
        if some_new:  # a new simulation (what was stored stays, as in Brian2)
            self.t_ = 0.0
            self._generation += 1
        for obj in objects:
            if getattr(obj, "_magic_generation", None) is None:
                obj._magic_generation = self._generation

    # Brian2's magic network takes the objects visible in the calling script for these too
    def get_states(self, units=True, format="dict", subexpressions=False,
                   read_only_variables=True, level=0):
        """``Network.get_states`` of the objects visible in the calling script."""
        self.update(level + 1)
        return super().get_states(units, format, subexpressions, read_only_variables,
                                  level=level + 1)

    def set_states(self, values, units=True, format="dict", level=0):
        """``Network.set_states`` of the objects visible in the calling script."""
        self.update(level + 1)
        super().set_states(values, units, format, level=level + 1)

    def store(self, name="default", filename=None, level=0):
        """``Network.store`` of the objects visible in the calling script."""
        self.update(level + 1)
        super().store(name, filename)

    def restore(self, name="default", filename=None, restore_random_state=False, level=0):
        """``Network.restore`` of the objects visible in the calling script."""
        self.update(level + 1)
        super().restore(name, filename, restore_random_state)

    def _check_dependencies(self, objects):
        # Brian2's magic network runs the rest and switches such an object off for good
        for obj, other in list(missing_dependencies(objects)):
            warnings.warn(
                f"'{obj.name}' was found by run() but '{other.name}', on which it depends, "
                f"was not (it is not visible where run() is called); '{obj.name}' is set "
                f"to inactive", NetworkWarning, stacklevel=4)
            obj.active = False


magic_network = MagicNetwork()


def run(duration, report=None, report_period=None, namespace=None, profile=None, level=0):
    """Run the objects defined in the calling script for ``duration``.

    Parameters
    ----------
    duration : Quantity
        Simulated time (second).
    report : {None, 'text', 'stdout', 'stderr', 'progress'} or callable
        Progress reports (``'progress'``: a progress bar, see :meth:`Network.run`).
    report_period : Quantity, optional
        Wall-clock time between reports (second), default 10 s.
    namespace : dict, optional
        Names for external constants; default: the calling script's variables.
    profile : bool, optional
        Time every kernel and network operation (``profiling_summary()``).
    level : int
        Extra frames to go up when looking for objects and names.
    """
    magic_network.update(level + 1)
    kwargs = {} if report_period is None else {"report_period": report_period}
    magic_network.run(duration, report=report, namespace=namespace, profile=profile,
                      level=level + 1, **kwargs)


def stop():
    """End the run in progress once the current time step is complete (call it from a
    network operation), whichever network runs, as Brian2's ``stop()``."""
    Network._globally_stopped = True


def store(name="default", filename=None):
    """Store the state of the objects visible in the calling script (see ``Network.store``)."""
    magic_network.store(name, filename, level=1)


def restore(name="default", filename=None, restore_random_state=False):
    """Restore the state saved by :func:`store` (see ``Network.restore``)."""
    magic_network.restore(name, filename, restore_random_state, level=1)

# Brian2's brian2.core.magic also offers start_scope (issue 12, module paths)
from .base import start_scope  # noqa: E402,F401
