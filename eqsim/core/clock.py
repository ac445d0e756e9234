"""Clocks: a time step and a step counter; time is always ``step * dt``."""
from ..errors import DtChangeError
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
        self._old_dt = None  # dt of the last run, while dt has changed since (Brian2)
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
        if self._old_dt is None:
            self._old_dt = self._dt
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

    def start_run_at(self, t_seconds):
        """``set_time`` where a run starts, after Brian2's check that a dt changed since
        the last run has a step at that time (to 0.01% of dt)."""
        old, self._old_dt = self._old_dt, None
        if old is not None and old != self._dt:
            old_t, new_t = round(t_seconds / old) * old, round(t_seconds / self._dt) * self._dt
            if abs(new_t - old_t) / self._dt > 1e-4:
                raise DtChangeError(
                    f"cannot change the dt of '{self.name}' from {old!r} s to {self._dt!r} s: "
                    f"the run starts at t = {t_seconds!r} s, which is not a multiple of the "
                    f"new dt", obj=self.name,
                    hint="change dt where t is a multiple of both, e.g. at t = 0 (after "
                         "start_scope() or in a new Network)")
        self.set_time(t_seconds)

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
