"""Clocks: a time step and a step counter; time is always ``step * dt``."""
import math

import numpy as np

from ..errors import NetworkError
from ..units import Quantity, second, fail_for_dimension_mismatch
from .names import Nameable


def _as_seconds(value, what):
    fail_for_dimension_mismatch(value, second, f"{what} must be a time")
    return float(np.asarray(value))


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
        super().__init__(name)
        self._dt = _as_seconds(dt, "dt")
        if self._dt <= 0:
            raise NetworkError(f"dt must be positive, got {dt}")
        self.step = 0

    @property
    def dt(self):
        """Time step (second)."""
        return Quantity(self._dt, dim=second.dim)

    @dt.setter
    def dt(self, value):
        new = _as_seconds(value, "dt")
        if new <= 0:
            raise NetworkError(f"dt must be positive, got {value}")
        t = self.step * self._dt
        self._dt = new
        self.step = steps_for(t, new)

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


def steps_for(t_seconds, dt_seconds):
    """Number of whole steps of ``dt`` before time ``t`` (rounding float error like Brian2)."""
    return int(math.ceil(t_seconds / dt_seconds - 1e-3))


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
