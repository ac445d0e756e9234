"""Python functions called at a point of every time step (``network_operation``)."""
import inspect

from ..errors import NetworkOperationArgumentsError
from ..units import Quantity, second
from .base import EqsimObject


class NetworkOperation(EqsimObject):
    """Calls ``function()`` or ``function(t)`` every step of its clock.

    Parameters
    ----------
    function : callable
        Takes no argument or the current time ``t`` (Quantity, second).
    dt : Quantity, optional
        Call interval (second); default: the default clock.
    when : str
        Schedule slot (default ``'start'``).
    order : int
    """

    def __init__(self, function, dt=None, clock=None, when="start", order=0, name=None):
        super().__init__(dt=dt, clock=clock, when=when, order=order,
                         name="networkoperation*" if name is None else name)
        self.function = function
        self._takes_time = _takes_time(function)

    def __call__(self, *args, **kwargs):
        return self.function(*args, **kwargs)

    def call(self):
        if self._takes_time:
            self.function(Quantity(self.clock.t_, dim=second.dim))
        else:
            self.function()


def _takes_time(function):
    """Whether ``function`` is called with ``t``; refused, as by Brian2 when the operation
    is made, if it wants more: a run would otherwise fail at its first step."""
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return False
    names = [p.name for p in parameters
             if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    label = getattr(function, "__name__", repr(function))
    if names[:1] == ["self"] and not inspect.ismethod(function):
        raise NetworkOperationArgumentsError(
            f"the first argument of '{label}' is 'self': it looks like a method used "
            f"as a network operation", hint="make a NetworkOperation(obj.method) of the "
            "bound method of an object instead of decorating the method in the class")
    if len(names) > 1:
        raise NetworkOperationArgumentsError(
            f"'{label}' cannot be a network operation: it takes {len(names)} arguments "
            f"({', '.join(names)})", hint="take no argument or only the time t")
    return len(names) == 1


def network_operation(*args, **kwargs):
    """Decorator turning a function into a :class:`NetworkOperation`.

    Usable as ``@network_operation``, ``@network_operation(dt=1*ms, when='end')`` or
    ``network_operation(function, dt=1*ms)``.
    """
    if len(args) == 1 and callable(args[0]):
        return NetworkOperation(args[0], **kwargs)

    def wrap(function):
        return NetworkOperation(function, *args, **kwargs)
    return wrap

