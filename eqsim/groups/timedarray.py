"""TimedArray: a function of time (and optionally of an index) given by samples."""
import numpy as np

from ..ir.functions import TabulatedFunction, upsampling_factor
from ..core.clock import defaultclock
from ..core.devices import DeviceError
from ..core.limits import time_value
from ..core.names import Nameable
from ..errors import EqsimError
from ..ir.variables import ArrayVariable
from ..units import DIMENSIONLESS, Quantity, get_dimensions, second, fail_for_dimension_mismatch


class TimedArray(Nameable):
    """Values sampled every ``dt``, callable in model strings as ``f(t)`` (1-D values)
    or ``f(t, i)`` (2-D values, time first).

    ``f(t)`` is the sample at ``int(t/dt)`` — computed, as in Brian2, on a grid finer
    than the caller's time step so that floating-point error in ``t`` cannot move it
    into the previous sample; times before the first or after the last sample give
    the first or last value. ``f(t, i)`` with ``i`` outside the columns is NaN.

    Parameters
    ----------
    values : array_like or Quantity
        1-D (one value per time) or 2-D (rows are times, columns are indices).
    dt : Quantity
        Time between samples (second).
    name : str, optional
    """
    _base_name = "timedarray"

    def __init__(self, values, dt, name=None):
        fail_for_dimension_mismatch(dt, second, "the dt of a TimedArray must be a time")
        dim = get_dimensions(values)
        array = np.array(np.asarray(values), dtype=np.float64)
        if array.ndim not in (1, 2) or array.size == 0:
            raise EqsimError(f"TimedArray values must be a non-empty 1-D or 2-D array, got shape "
                             f"{array.shape}", code="EQ912",
                             hint="use values[time] or values[time, index]")
        dt_ = time_value(dt, "the dt of a TimedArray", positive=True)
        super().__init__(name if name is not None else "timedarray*")
        self.dim = dim
        self.values = array
        self.dt = dt_
        self._flat = ArrayVariable("values", self.name, dim, array=np.ascontiguousarray(array).ravel(),
                                   read_only=True)

    def _run_arg(self, value):
        """For ``device.run(run_args={timed_array: values})``: ``(apply, undo)``, both
        without arguments, after checking ``value`` (same shape and dimensions)."""
        fail_for_dimension_mismatch(value, self.dim, f"run_args value for '{self.name}'")
        array = np.asarray(value, dtype=np.float64)
        if array.shape != self.values.shape:
            raise DeviceError(f"run_args gives {array.shape} values for '{self.name}', which "
                              f"has {self.values.shape}", hint="give as many values as it has")
        previous = self.values.copy()

        def put(values):
            self.values[...] = values
            self._flat.array[:] = np.ascontiguousarray(values).ravel()
        return (lambda: put(array)), (lambda: put(previous))

    def _eqsim_function(self, name):
        """What code generation needs to call this function under ``name``."""
        n_columns = self.values.shape[1] if self.values.ndim == 2 else 0
        return TabulatedFunction(name, self.name, self.dim, values=self._flat, dt=self.dt,
                                 n_times=self.values.shape[0], n_columns=n_columns)

    def __call__(self, t, i=None):
        """The values at time(s) ``t`` (and index/indices ``i`` for 2-D values), with
        the rounding of the default clock's time step."""
        fail_for_dimension_mismatch(t, second, "a TimedArray is called with a time")
        if (i is None) != (self.values.ndim == 1):
            raise EqsimError(f"'{self.name}' has {self.values.ndim}-D values: call it as "
                             f"{'f(t)' if self.values.ndim == 1 else 'f(t, i)'}", code="EQ910")
        factor = upsampling_factor(defaultclock.dt_, self.dt)
        rows = np.trunc((np.asarray(t, dtype=float) / (self.dt / factor) + 0.5) / factor)
        rows = np.clip(rows, 0, self.values.shape[0] - 1).astype(np.int64)
        result = self.values[rows] if i is None else self.values[rows, np.asarray(i, dtype=int)]
        return result if self.dim is DIMENSIONLESS or self.dim.is_dimensionless else \
            Quantity(result, dim=self.dim)

    def __repr__(self):
        return f"TimedArray(<{'x'.join(map(str, self.values.shape))} values>, dt={self.dt!r} s, " \
               f"name={self.name!r})"
