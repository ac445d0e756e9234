"""Clocks: a time step and a step counter; time is always ``step * dt``."""
from ..units import Quantity, second
from .limits import step_count, time_value
from .names import Nameable


class Clock(Nameable):
    """A clock with a fixed time step.

    Parameters
    ----------
    dt : Quantity
        Time step (dimension: second).
    name : str, optional
        Unique name.
    """
    _base_name = "clock"

    def __init__(self, dt, name=None):
        dt_seconds = time_value(dt, "dt", obj=name, positive=True)
        super().__init__(name)
        self._dt = dt_seconds
        self.step = 0

    @property
    def dt(self):
        """Time step (second)."""
        return Quantity(self._dt, dim=second.dim)

    @dt.setter
    def dt(self, value):
        new = time_value(value, "dt", obj=self.name, positive=True)
        # the step at the current time must exist under the new dt before anything changes
        self.step = step_count(self.step * self._dt, new,
                               f"keeping the time t = {self.t_!r} s of '{self.name}'")
        self._dt = new

    @property
    def dt_(self):
        """Time step in seconds, as a float."""
        return self._dt

    @property
    def t(self):
        """Current time (second)."""
        return Quantity(self.step * self._dt, dim=second.dim)

    @property
    def t_(self):
        return self.step * self._dt

    def set_time(self, t_seconds):
        self.step = steps_for(t_seconds, self._dt)

    def __repr__(self):
        return f"Clock(dt={self.dt!r}, name={self.name!r})"


def steps_for(t_seconds, dt_seconds, what="the time"):
    """Number of whole steps of ``dt`` before time ``t`` (rounding float error like Brian2);
    a :class:`LimitError` when the count does not fit the step counter."""
    return step_count(t_seconds, dt_seconds, what)


class DefaultClockProxy:
    """``defaultclock``: the clock of every object created without ``dt`` or ``clock``."""

    def __init__(self):
        self.__dict__["_clock"] = Clock(0.0001 * second, name="defaultclock")

    def __getattr__(self, item):
        return getattr(self._clock, item)

    def __setattr__(self, key, value):
        setattr(self._clock, key, value)

    def __repr__(self):
        return repr(self._clock)


defaultclock = DefaultClockProxy()
