"""PopulationRateMonitor: the instantaneous firing rate of a group."""
import numpy as np

from ..core.base import EqsimObject
from ..errors import SmoothRateError, UnknownEventError, UnknownWindowError
from ..ir.operations import RateMonitorOp
from ..units import Quantity, second, fail_for_dimension_mismatch
from . import file_recording
from .file_recording import FileRecording, description
from .recording import Recording, follow_run
from .recorded_views import RecordedColumns
from ..distributed.monitor_gather import gathered_rates
from ..distributed.unsupported import refuse_split_monitor, refuse_with_several_processes

BYTES_PER_STEP = 16  # a time and a rate


class PopulationRateMonitor(RecordedColumns, EqsimObject):
    """Fraction of neurons of ``source`` spiking in each step, divided by ``dt``.

    Parameters
    ----------
    source : Group
    when : str
        Schedule slot (default ``'end'``).
    order : int
    name : str, optional
    to_file : str or path, optional
        A folder to record into while the network runs, instead of memory, as the other
        monitors' ``to_file`` (``t.npy``, ``rate.npy`` in hertz, ``recording.json``); files
        of an earlier recording in that folder are replaced.
    """
    dependency_attributes = ("source",)
    invalidates_magic_network = False
    _base_name = "ratemonitor"

    def __init__(self, source, when="end", order=0, name=None, to_file=None):
        if "spike" not in source.events:
            raise UnknownEventError(f"'{source.name}' has no threshold, so no spikes to count",
                             hint="give the group a threshold=")
        refuse_split_monitor(source, name)
        if to_file is not None:
            refuse_with_several_processes(
                "a population rate recorded to_file", name,
                "record it in memory: it is one value per step, gathered to every process")
        super().__init__(clock=source.clock, when=when, order=order, name=name)
        self.source = source
        dtypes = {"t": np.float64, "rate": np.float64}
        self._data = Recording(dtypes) if to_file is None else FileRecording(
            to_file, dtypes, description(self, {"t": second.dim, "rate": (1 / second).dim}))

    def operations(self, run_namespace):
        group = self.source
        events = group.event_array_name("spike")
        return [RateMonitorOp(self.name, group._owner.name, group._start, group._stop,
                              variables={events: group.variables[events]}, when=self.when,
                              order=self.order, clock=self.clock, events=events, source=self)]

    def before_run(self, module):
        follow_run(self._data, module, self._take)

    def after_run(self, module):
        self._data.follow(None)
        self._take(module)

    def _take(self, module):
        if module.has_buffer(self.name, "t"):
            self._data.append("t", module.take_buffer(self.name, "t"))
            rate = module.take_buffer(self.name, "rate")
            group = self.source  # the whole group's rate, the same bits for any K
            rate = gathered_rates(self, rate, group._stop - group._start, len(group))
            self._data.append("rate", rate)

    def stream_steps(self):
        """Steps between two writes to ``to_file`` (None: kept in memory): as many as fit
        in about 64 MB of buffers."""
        if not isinstance(self._data, FileRecording):
            return None
        return max(1, file_recording.STREAM_BYTES // BYTES_PER_STEP)

    def expected_memory(self, duration):
        """Bytes a run of ``duration`` (second) adds (a time and a rate per step); bytes held."""
        if isinstance(self._data, FileRecording):
            return None
        steps = int(duration / self.clock.dt_) + 1
        return BYTES_PER_STEP * steps, self._data.nbytes, f"{steps} steps"

    @property
    def t(self):
        """Times (second), a read-only view (``rate.t['rate > 0*Hz']``)."""
        return self._view("t")

    @property
    def t_(self):
        """Times (plain numbers, second)."""
        return self._view("t", raw=True)

    @property
    def rate_(self):
        """Population rate per step (plain numbers, hertz)."""
        return self._view("rate", raw=True)

    def _column(self, name):
        return self._data.get(name)

    @staticmethod
    def _dimension(name):
        return second.dim if name == "t" else (1 / second).dim

    @staticmethod
    def _condition_names():
        return ("t", "rate")

    @staticmethod
    def _recorded_state_names():
        return ["N", "rate", "t"]

    @property
    def N(self):
        """Number of recorded time steps."""
        return int(self._data.get("t").size)

    @property
    def N_(self):
        return self.N

    def __len__(self):
        return self.N

    @property
    def rate(self):
        """Population rate per step (hertz), a read-only view (``rate.rate['t > 1*ms']``)."""
        return self._view("rate")

    def to_neo(self):
        """The rate as a one-channel ``neo.AnalogSignal`` in Hz, one sample per step. Needs
        Neo (``pip install 'eqsim[io]'``)."""
        from .neo_export import rate_signal
        return rate_signal(self)

    def smooth_rate(self, window="gaussian", width=None):
        """The rate smoothed with a window.

        Parameters
        ----------
        window : {'gaussian', 'flat'} or ndarray
            Gaussian of standard deviation ``width`` cut at 2 sd, or a flat window of
            ``width`` (both sized as Brian2 sizes them), or explicit weights (normalised
            to sum 1).
        width : Quantity
            Window width (second).
        """
        dt = self.clock.dt_
        if isinstance(window, str):
            if width is None:
                raise SmoothRateError("smooth_rate needs a width (a time) for a named window",
                                      hint=f"e.g. smooth_rate(window={window!r}, width=5*ms)")
            fail_for_dimension_mismatch(width, second, "width must be a time")
            w = float(np.asarray(width))
            if window == "gaussian":
                half = int(np.round(2 * w / dt))
                steps = np.arange(-half, half + 1)
                weights = np.exp(-steps ** 2 / (2 * (w / dt) ** 2))
            elif window == "flat":
                weights = np.ones(int(w / 2 / dt) * 2 + 1)
            else:
                raise UnknownWindowError(f"unknown window '{window}'",
                                         hint="use 'gaussian' or 'flat'")
        else:
            if width is not None:
                raise SmoothRateError("a width is for a named window, not explicit weights",
                                      hint="give the weights alone: smooth_rate(window=weights)")
            weights = np.asarray(window, dtype=float)
            if weights.ndim != 1 or weights.size % 2 == 0:
                raise SmoothRateError("a custom window must be 1-D with an odd number of weights",
                                      hint="e.g. smooth_rate(window=np.ones(5))")
        weights = weights / weights.sum()
        smoothed = np.convolve(self._data.get("rate"), weights, mode="same")
        return Quantity(smoothed, dim=(1 / second).dim)

    def get_state(self):
        return self._data.state()

    def set_state(self, state):
        self._data.set_state(state)

    def check_state(self, state):
        self._data.check_state(state, self.name, lambda name, rows: rows)
