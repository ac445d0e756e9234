"""SpikeGeneratorGroup: neurons that spike at given times."""
import numpy as np

from ..core.clock import defaultclock
from ..core.limits import time_value, whole_number
from ..core.state_check import check_array, check_indices, check_keys, check_scalar, mismatch
from ..errors import EqsimError, SpikeGeneratorSizeError
from ..ir.operations import SpikeGeneratorOp
from ..units import DIMENSIONLESS, second, fail_for_dimension_mismatch
from .group import Group
from .subgroup import SpikeSource


class SpikeGeneratorError(EqsimError, ValueError):
    """Spike indices, times or period that a SpikeGeneratorGroup cannot emit (Brian2
    raises ValueError; this is one too)."""
    default_code = "EQ920"


class SpikeGeneratorPeriodError(SpikeGeneratorError, NotImplementedError):
    """A SpikeGeneratorGroup's period that is not a whole number of its time steps, found
    when a run starts: the pattern could not repeat at the same steps (Brian2 raises
    NotImplementedError; this is one too)."""
    default_code = "EQ192"


class SpikeGeneratorGroup(SpikeSource, Group):
    """``N`` neurons that spike exactly at the given ``(index, time)`` pairs.

    A spike at time ``t`` is emitted in the step ``int(t/dt)`` (with Brian2's
    tolerance of ``1e-3*dt`` for floating-point error); a neuron may spike at most
    once per step. With ``period > 0`` the pattern repeats every ``period``.

    Parameters
    ----------
    N : int
        Number of neurons.
    indices : array of int
        Neuron of each spike.
    times : Quantity
        Time of each spike (second), in any order.
    period : Quantity, optional
        Repetition period (second); 0 (default) emits the pattern once.
    when : str
        Schedule slot (default ``'thresholds'``).
    order : int
    sorted : bool
        Accepted for Brian2 compatibility; spikes are always sorted here.
    dt : Quantity, optional
    clock : Clock, optional
    name : str, optional
    """
    _base_name = "spikegeneratorgroup"

    def __init__(self, N, indices, times, dt=None, clock=None, period=0 * second,
                 when="thresholds", order=0, sorted=False, name=None, codeobj_class=None):
        label = name or "spikegeneratorgroup"
        N = whole_number(N, "the number of neurons N of a SpikeGeneratorGroup", obj=label,
                         error=SpikeGeneratorSizeError)
        step = clock.dt_ if clock is not None else defaultclock.dt_ if dt is None else \
            time_value(dt, "dt", obj=label, positive=True)
        spikes = _checked_spikes(N, indices, times, period, label, step)
        super().__init__(dt=dt, clock=clock, when=when, order=order, name=name)
        self._init_state(N)
        self.add_array("_spikespace", DIMENSIONLESS, np.int32, size=self._stop + 1,
                       read_only=True)
        self.add_array("_neuron_index", DIMENSIONLESS, np.int32, size=0, read_only=True)
        self.add_array("_timebins", DIMENSIONLESS, np.int64, size=0, read_only=True)
        self.add_array("_lastindex", DIMENSIONLESS, np.int64, size=1, read_only=True)
        self._store_spikes(*spikes)
        object.__setattr__(self, "_locked", True)

    # --- the spikes ------------------------------------------------------------------------
    def set_spikes(self, indices, times, period=0 * second, sorted=False):
        """Replace the spikes (and period) emitted from now on.

        Parameters
        ----------
        indices : array of int
        times : Quantity
        period : Quantity, optional
        sorted : bool
            Accepted for Brian2 compatibility.
        """
        self._store_spikes(*_checked_spikes(self.N, indices, times, period, self.name,
                                            self.clock.dt_))

    def _store_spikes(self, indices, times, period):
        order = np.lexsort((indices, times))
        object.__setattr__(self, "_spike_indices", indices[order])
        object.__setattr__(self, "_spike_times", times[order])
        object.__setattr__(self, "_period", period)
        object.__setattr__(self, "_binned_for", None)  # (dt, ...) the bins were computed for

    @property
    def spike_indices(self):
        """Neuron of each spike, sorted by time."""
        return self._spike_indices.copy()

    @property
    def spike_times(self):
        """Time of each spike, sorted (second)."""
        from ..units import Quantity
        return Quantity(self._spike_times.copy(), dim=second.dim)

    @property
    def period(self):
        from ..units import Quantity
        return Quantity(self._period, dim=second.dim)

    def _bin_spikes(self):
        """Time steps of the spikes for the current dt; checks one spike per neuron and step.
        Spikes before the start of the next run are skipped (``before_run``), as in Brian2."""
        dt = self.clock.dt_
        if self._period and self._period < dt:
            raise SpikeGeneratorError(f"the period of '{self.name}' ({self._period} s) is shorter "
                                      f"than its dt ({dt} s)", obj=self.name)
        period_bins = int(round(self._period / dt)) if self._period else 0
        if abs(period_bins * dt - self._period) > self._period * np.finfo(float).eps:
            raise SpikeGeneratorPeriodError(
                f"the period of '{self.name}' ({self._period} s) is not a whole number of its "
                f"time steps (dt = {dt} s)", obj=self.name,
                hint="give a period that is a multiple of dt, or a dt that divides it")
        # a tolerance of 1e-3*dt, as Brian2: a spike at a whole multiple of dt must not
        # fall into the previous step through floating-point error
        bins = ((self._spike_times + 1e-3 * dt) / dt).astype(np.int64)
        order = np.lexsort((self._spike_indices, bins))
        bins, indices = bins[order], self._spike_indices[order]
        repeated = (np.diff(bins) == 0) & (np.diff(indices) == 0)
        if repeated.any():
            k = int(np.flatnonzero(repeated)[0])
            raise SpikeGeneratorError(
                f"neuron {indices[k]} of '{self.name}' spikes more than once in time step "
                f"{bins[k]} (dt = {dt} s)", obj=self.name,
                hint="give each neuron at most one spike per time step, or use a smaller dt")
        # the spikes of the neurons stored here (groups.partition), at storage positions
        stored = (indices >= self._global_start) & (indices < self._global_start + self._stop)
        self.variables["_neuron_index"].array = (indices[stored]
                                                 - self._global_start).astype(np.int32)
        self.variables["_timebins"].array = bins[stored]
        object.__setattr__(self, "_binned_for", dt)
        object.__setattr__(self, "_period_bins", period_bins)
        object.__setattr__(self, "_rebinned", True)

    def before_run(self, module):
        """After new bins: start at the first spike not before the run's first step (the
        clock is set to the start time only now)."""
        if self.__dict__.get("_rebinned"):
            bins = self.variables["_timebins"].array
            step = self.clock.step % self._period_bins if self._period_bins else self.clock.step
            self.variables["_lastindex"].array[0] = np.searchsorted(bins, step, side="left")
            object.__setattr__(self, "_rebinned", False)

    # --- as a source of spikes ----------------------------------------------------------
    def operations(self, run_namespace):
        if self._binned_for != self.clock.dt_:
            self._bin_spikes()
        names = ("_spikespace", "_neuron_index", "_timebins", "_lastindex")
        variables = {n: self.variables[n] for n in names}
        return [SpikeGeneratorOp(
            f"{self.name}_spikegenerator", self.name, 0, self._stop, variables=variables,
            when=self.when, order=self.order, clock=self.clock, events="_spikespace",
            source=self, neuron_index="_neuron_index", timebins="_timebins",
            lastindex="_lastindex", n_spikes=self.variables["_timebins"].array.size,
            period_bins=self._period_bins)]

    def get_state(self):
        state = super().get_state()
        state["_spikes"] = {"indices": self._spike_indices.copy(),
                            "times": self._spike_times.copy(), "period": self._period,
                            "binned_for": self._binned_for,
                            "period_bins": getattr(self, "_period_bins", 0)}
        return state

    def set_state(self, state):
        state = dict(state)
        spikes = state.pop("_spikes")
        super().set_state(state)
        object.__setattr__(self, "_spike_indices", spikes["indices"])
        object.__setattr__(self, "_spike_times", spikes["times"])
        object.__setattr__(self, "_period", spikes["period"])
        object.__setattr__(self, "_binned_for", spikes["binned_for"])
        object.__setattr__(self, "_period_bins", spikes["period_bins"])

    def check_state(self, state):
        """The spikes and their bins may differ from the current ones (``set_spikes``),
        but must be consistent, and every index must be one of the ``N`` neurons: the
        kernel writes the spike space at those indices."""
        name = self.name
        check_keys(state, self.get_state(), name)
        spikes = state["_spikes"]
        check_keys(spikes, ("indices", "times", "period", "binned_for", "period_bins"), name,
                   "entries of '_spikes'")
        indices = check_indices(check_array(spikes["indices"], name, "_spikes.indices",
                                            np.int64), name, "_spikes.indices", self.N)
        check_array(spikes["times"], name, "_spikes.times", np.float64, indices.shape)
        check_scalar(spikes["period"], name, "_spikes.period", float, minimum=0)
        check_scalar(spikes["binned_for"], name, "_spikes.binned_for", float, optional=True)
        check_scalar(spikes["period_bins"], name, "_spikes.period_bins", int, minimum=0)
        neurons = check_indices(check_array(state["_neuron_index"], name, "_neuron_index",
                                            np.int32), name, "_neuron_index", self.N)
        bins = check_array(state["_timebins"], name, "_timebins", np.int64, neurons.shape)
        last = check_array(state["_lastindex"], name, "_lastindex", np.int64, (1,))
        if not 0 <= last[0] <= bins.size:
            raise mismatch(name, f"'_lastindex' ({last[0]}) is outside its {bins.size} spikes")
        # unsorted bins, or a neuron twice in one step, could overfill the spike space
        if np.any(np.diff(bins) < 0):
            raise mismatch(name, "'_timebins' are not sorted")
        if np.any((np.diff(bins) == 0) & (np.diff(neurons) <= 0)):
            raise mismatch(name, "'_neuron_index' is not one spike per neuron and step, "
                                 "sorted")
        super().check_state({k: v for k, v in state.items() if k != "_spikes"},
                            shapes={"_neuron_index": bins.shape, "_timebins": bins.shape})

    def __repr__(self):
        return f"SpikeGeneratorGroup({self.N}, {self._spike_times.size} spikes, name={self.name!r})"


def _checked_spikes(N, indices, times, period, label, dt):
    """Validated ``(indices int64, times float seconds, period seconds)``; with a period,
    every spike must fall into a time step (of ``dt``, the group's now) before the
    period's last, as Brian2 checks (a later one would come with the next period's
    first spikes)."""
    fail_for_dimension_mismatch(times, second, "spike times must be times")
    fail_for_dimension_mismatch(period, second, "the period must be a time")
    indices = np.asarray(indices)
    times = np.asarray(times, dtype=float)
    if indices.ndim != 1 or times.ndim != 1 or indices.size != times.size:
        raise SpikeGeneratorError(f"indices and times must be 1-D arrays of the same length, got "
                                  f"{indices.shape} and {times.shape}", obj=label)
    if indices.size and indices.dtype.kind not in "iu":
        if not np.all(indices == np.round(indices)):
            raise SpikeGeneratorError("spike indices must be whole numbers", obj=label)
    indices = indices.astype(np.int64)
    if indices.size and (indices.min() < 0 or indices.max() >= N):
        raise SpikeGeneratorError(f"spike indices must lie in [0, {N}), got values from "
                                  f"{indices.min()} to {indices.max()}", obj=label)
    if times.size and (not np.all(np.isfinite(times)) or times.min() < 0):
        raise SpikeGeneratorError("spike times must be finite and not negative", obj=label)
    period = time_value(period, "the period of a SpikeGeneratorGroup", obj=label)
    last_step = int((times.max() + 1e-3 * dt) / dt) if times.size else 0  # Brian2's timestep()
    if period > 0 and times.size and last_step >= round(period / dt):
        raise SpikeGeneratorError(f"the period ({period} s) must be longer than the last spike "
                                  f"time ({times.max()} s): with dt = {dt} s that spike falls "
                                  f"into step {last_step}, not before the period's "
                                  f"{round(period / dt)} steps end", obj=label,
                                  hint="spike times are relative to the start of each period")
    return indices, times, period
