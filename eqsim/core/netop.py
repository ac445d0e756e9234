"""Python functions called at a point of every time step (``network_operation``)."""
import inspect

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
        try:
            n_args = len(inspect.signature(function).parameters)
        except (TypeError, ValueError):
            n_args = 0
        self._takes_time = n_args >= 1

    def __call__(self, *args, **kwargs):
        return self.function(*args, **kwargs)

    def call(self):
        if self._takes_time:
            self.function(Quantity(self.clock.t_, dim=second.dim))
        else:
            self.function()


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
