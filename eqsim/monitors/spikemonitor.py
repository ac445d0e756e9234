"""SpikeMonitor and EventMonitor: indices and times of events, with optional values."""
import numpy as np

from ..core.base import EqsimObject
from ..errors import EqsimError, NotRecordedError, UnknownEventError
from ..ir.operations import SpikeMonitorOp
from ..core.state_check import check_array, check_indices, check_keys
from ..ir.variables import ArrayVariable
from ..units import DIMENSIONLESS, second
from . import file_recording
from .file_recording import FileRecording, ProcessFileRecording, description
from ..distributed.monitor_gather import gathered_counts, gathered_events
from ..distributed.unsupported import refuse_split_monitor
from .run_callbacks import RunCallback, deliver_events, period_steps
from .recorded_views import RecordedColumns
from ..groups.event_schedule import UnknownEventError, monitor_slot
from .recording import (Recording, follow_run, raw_accessor, recorded_dimensions,
                        recorded_dtypes, recording_statements)


class EventMonitor(RecordedColumns, EqsimObject):
    """Record the elements and times at which ``event`` happens in ``source``.

    Parameters
    ----------
    source : Group
        The group (or subgroup) whose events are recorded.
    event : str
        The event name (``'spike'`` for the threshold).
    variables : str or list of str, optional
        Variables whose values are recorded at each event.
    record : bool
        Record each event's index and time in ``i`` and ``t`` (``False``: only ``count``
        and the ``variables``, as in Brian2).
    when : str, optional
        Schedule slot; default: right after the events are found, in the slot where the
        source checks the event's condition (Brian2's rule: ``'thresholds'`` for spikes,
        ``'after_thresholds'`` for other events, or what ``set_event_schedule`` chose).
    order : int, optional
        Order in the slot (only with ``when``; default 0); with the default slot, one
        after the source's condition.
    name : str, optional
    to_file : str or path, optional
        A folder to record into while the network runs, instead of memory: memory stays
        bounded however long the run (one ``.npy`` file per column, readable with NumPy
        alone; see :mod:`eqsim.monitors.file_recording`). Files of an earlier recording in
        that folder are replaced. Under ``mpiexec -n K`` each process writes its own
        neurons' records into ``<to_file>/process-<rank>-of-<K>/`` (nothing is gathered);
        :func:`eqsim.distributed.load_recording` joins them after the run.
    callback : callable, optional
        Called while the network runs with the new events as a list of
        ``(index, time, *values)`` tuples of plain numbers in SI base units (time in second,
        each of ``variables`` in its SI unit), every ``callback_period`` and once at the end
        of the run (see :mod:`eqsim.monitors.run_callbacks`; on K processes, on process 0
        with every process's events).
    callback_period : Quantity, optional
        Simulated time between two calls (second), a multiple of the clock's ``dt``;
        default: 100 steps.
    keep : bool
        Also keep the events in the monitor (``M.i``, ``M.t``); ``False``: only the callback
        sees them (and ``count``), so memory stays bounded however long the run.
    """
    dependency_attributes = ("source",)
    invalidates_magic_network = False
    _base_name = "eventmonitor"

    def __init__(self, source, event, variables=None, record=True, when=None, order=None,
                 name=None, to_file=None, callback=None, callback_period=None, keep=True):
        if event not in source.events:
            raise UnknownEventError(f"'{source.name}' has no event '{event}'", obj=name,
                                    hint="define a threshold= (spikes) or events={...}"
                                    if not source.events else f"events: {source.events}")
        if isinstance(variables, str):
            variables = [variables]
        variables = list(variables or [])
        known = set(source.state_names()) | set(source._subexpressions)
        for var in variables:
            if var not in known:
                raise EqsimError(f"'{source.name}' has no variable '{var}' to record",
                                 hint=f"variables: {sorted(known)}")
        refuse_split_monitor(source, name)
        steps = None if callback is None else period_steps(
            callback, callback_period, source.clock.dt_, name or "the monitor")
        when, order = monitor_slot(source, event, when, order, name)
        super().__init__(clock=source.clock, when=when, order=order, name=name)
        self.source = source
        self.event = event
        self.record_variables = variables
        self.record = record
        # what is kept per event: i and t are kept with the variables even when not
        # recorded (the record is a table), but only answered when recorded
        self._stores = keep and (record or bool(variables))
        self._callback = None if callback is None else RunCallback(callback, steps,
                                                                   callback_period)
        self._count = ArrayVariable("_count", self.name, DIMENSIONLESS,
                                    array=np.zeros(len(source), dtype=np.int32))
        self._dims = recorded_dimensions(source, variables)
        self._gathered_count = self._count.array.copy()  # counts at the last gather
        dtypes = {"i": np.int32, "t": np.float64, **recorded_dtypes(source, variables)}
        self._data = file_recording.file_recording(
            to_file, dtypes, description(self, {"i": DIMENSIONLESS, "t": second.dim, **self._dims},
                                         {"event": event}), self.name)

    def operations(self, run_namespace):
        group = self.source
        statements, variables = recording_statements(group, self.record_variables,
                                                     run_namespace)
        events = group.event_array_name(self.event)
        variables[events] = group.variables[events]
        variables["_count"] = self._count
        return [SpikeMonitorOp(self.name, group._owner.name, group._start, group._stop,
                               statements=statements, variables=variables, when=self.when,
                               order=self.order, clock=self.clock, events=events, source=self,
                               count="_count",
                               recorded=[(v, f"_rec_{v}") for v in self.record_variables],
                               index_offset=group._local_origin,
                               origin=group._local_origin)]

    def before_run(self, module):
        if self._callback is not None:
            self._callback.start(self.clock.step, self.clock.dt_, self.name)
        follow_run(self._data, module, self.after_chunk)

    def after_run(self, module):
        self._data.follow(None)
        self.after_chunk(module, final=True)

    def after_chunk(self, module, final=False):
        """Take what the kernel buffered: keep it, and hand it to the callback when a
        period has passed (``final``: the run has ended, hand over the rest)."""
        if not module.has_buffer(self.name, "t"):
            return
        i = module.take_buffer(self.name, "i")
        t = module.take_buffer(self.name, "t")
        values = {v: module.take_buffer(self.name, v) for v in self.record_variables}
        whole = False  # the records are the whole network's (gathered here)
        own = isinstance(self._data, ProcessFileRecording)  # this process's events only
        if own and self._stores:
            self._append(i, t, values)
        if getattr(self.source, "_partitioned", False):  # the whole network's, everywhere
            self._count.array[:] = gathered_counts(self._count.array, self._gathered_count)
            self._gathered_count = self._count.array.copy()
            if self._stores and not own or self._callback is not None:
                joined = gathered_events(self, {"i": i, "t": t, **values})
                i, t = joined["i"], joined["t"]
                values = {v: joined[v] for v in values}
                whole = True
        if self._stores and not own:
            self._append(i, t, values)
        callback = self._callback
        if callback is not None:
            callback.add({"i": i, "t": t, **values})
            if callback.due(self.clock.step, final, getattr(module, "run_failed", False)):
                deliver_events(callback, self.name, callback.take(self.clock.step),
                               self.clock.dt_, self.record_variables, whole=whole)

    def _append(self, i, t, values):
        self._data.append("i", i)
        self._data.append("t", t)
        for v, vals in values.items():
            self._data.append(v, vals)

    def stream_steps(self):
        """Steps between two pauses of the run: writes to ``to_file``, calls of the
        callback (None: neither)."""
        streamed = isinstance(self._data, FileRecording) and self._stores
        steps = [file_recording.STREAM_STEPS] if streamed else []
        if self._callback is not None:
            steps.append(self._callback.steps)
        return min(steps) if steps else None

    def expected_memory(self, duration):
        """Bytes a run of ``duration`` (second) adds if events continue at the rate
        recorded so far (index, time and each variable per event); and bytes held."""
        if not self._stores or isinstance(self._data, FileRecording):
            return None
        held, events, elapsed = self._data.nbytes, self._data.get("i").size, self.clock.t_
        if not events or elapsed <= 0:
            return 0, held, "no events recorded yet to estimate from"
        expected = int(events / elapsed * duration)
        return (expected * (12 + 8 * len(self.record_variables)), held,
                f"about {expected} events at the rate recorded so far")

    @property
    def i(self):
        """Element indices of the recorded events (relative to the source), a read-only
        view (``spikes.i['t > 1.5*ms']``)."""
        self._recorded("i")
        return self._view("i")

    @property
    def t(self):
        """Times of the recorded events (second), a read-only view (``spikes.t['i == 1']``)."""
        self._recorded("t")
        return self._view("t")

    @property
    def t_(self):
        """Times of the recorded events (plain numbers, second)."""
        self._recorded("t")
        return self._view("t", raw=True)

    def _recorded(self, name):
        if not self.record:
            raise self._not_recorded()
        return self._data.get(name)

    def _column(self, name):
        return self._recorded(name) if name in ("i", "t") else self._data.get(name)

    def _dimension(self, name):
        return {"i": DIMENSIONLESS, "t": second.dim}.get(name) or self._dims[name]

    def _condition_names(self):
        return (["i", "t"] if self.record else []) + list(self.record_variables)

    def _recorded_state_names(self):
        return ["N", "count"] + (["i", "t"] if self.record else []) + \
            list(self.record_variables)

    def _not_recorded(self):
        return NotRecordedError(
            f"'{self.name}' was made with record=False: the indices and times of its "
            f"events were not recorded", obj=self.name,
            hint="make the monitor with record=True to record them")

    @property
    def it(self):
        """``(i, t)`` of all events."""
        return self.i, self.t

    @property
    def it_(self):
        return self.i, self.t_

    @property
    def count(self):
        """Number of events of each element."""
        return self._count.array.copy()

    def __len__(self):
        """Number of recorded events (as Brian2)."""
        if isinstance(self._data, ProcessFileRecording) or not self.record:
            return self.num_events  # every event, as Brian2's N also without record
        return int(self._data.get("i").size)

    @property
    def N(self):
        """Number of recorded events (Brian2's ``N``, as ``len(M)``)."""
        return len(self)

    @property
    def num_events(self):
        """Total number of events."""
        return int(self._count.array.sum())

    def values(self, var):
        """``{index: values of var at each event of that element}`` (``'t'``: the times)."""
        return self._split(self.get_values(var))

    def all_values(self):
        """``{'t': {...}, var: {...}}`` for every recorded variable."""
        out = {"t": self._split(self.get_values("t"))}
        for v in self.record_variables:
            out[v] = self.values(v)
        return out

    def event_trains(self):
        """``{index: event times}`` for every element of the source."""
        return self._split(self.get_values("t"))

    def _split(self, values):
        i = self._recorded("i")
        order = np.argsort(i, kind="stable")
        bounds = np.searchsorted(i[order], np.arange(len(self.source) + 1))
        return {k: values[order[bounds[k]:bounds[k + 1]]] for k in range(len(self.source))}

    def __getattr__(self, item):
        if item.startswith("_"):
            raise AttributeError(item)
        data = self.__dict__.get("_data")
        if item in ("i", "t", "t_", "i_", "it", "it_") and not self.__dict__.get("record", True):
            raise self._not_recorded()  # the property found nothing recorded
        raw = item.endswith("_")
        name = item[:-1] if raw else item
        if data is not None and name in self.record_variables:
            return self._view(name, raw=raw)
        if item == "i_":
            self._recorded("i")
            return self._view("i", raw=True)
        built_in = raw_accessor(self, item, ("count", "N", "num_events"))
        if built_in is not None:
            return built_in
        raise AttributeError(f"'{type(self).__name__}' has no attribute '{item}'")

    def get_state(self):
        return {"data": self._data.state(), "count": self._count.array.copy()}

    def set_state(self, state):
        self._data.set_state(state["data"])
        self._count.array[:] = state["count"]
        self._gathered_count = self._count.array.copy()

    def check_state(self, state):
        check_keys(state, ("data", "count"), self.name)
        self._data.check_state(state["data"], self.name, lambda name, rows: rows)
        check_indices(state["data"]["i"], self.name, "i", len(self.source))
        check_array(state["count"], self.name, "count", self._count.array.dtype,
                    self._count.array.shape)


class SpikeMonitor(EventMonitor):
    """Record spikes of a group: ``i``, ``t``, ``count``, ``num_spikes``, ``spike_trains()``.

    Parameters
    ----------
    source : Group
    variables : str or list of str, optional
        Variables recorded at each spike.
    record : bool
        Record each spike's index and time in ``i`` and ``t`` (``False``: only ``count``
        and the ``variables``, as in Brian2).
    when : str, optional
        Schedule slot; default: where the source checks its threshold (``'thresholds'``
        unless ``set_event_schedule`` moved it), as Brian2.
    order : int, optional
        Order in the slot (only with ``when``; default 0); with the default slot, one
        after the threshold.
    name : str, optional
    to_file : str or path, optional
        A folder to record into while the network runs, instead of memory: memory stays
        bounded however long the run (one ``.npy`` file per column, readable with NumPy
        alone; see :mod:`eqsim.monitors.file_recording`). Files of an earlier recording in
        that folder are replaced. Under ``mpiexec -n K`` each process writes its own
        neurons' records into ``<to_file>/process-<rank>-of-<K>/`` (nothing is gathered);
        :func:`eqsim.distributed.load_recording` joins them after the run.
    callback : callable, optional
        Called while the network runs with the new events as a list of
        ``(index, time, *values)`` tuples of plain numbers in SI base units (time in second,
        each of ``variables`` in its SI unit), every ``callback_period`` and once at the end
        of the run (see :mod:`eqsim.monitors.run_callbacks`; on K processes, on process 0
        with every process's events).
    callback_period : Quantity, optional
        Simulated time between two calls (second), a multiple of the clock's ``dt``;
        default: 100 steps.
    keep : bool
        Also keep the events in the monitor (``M.i``, ``M.t``); ``False``: only the callback
        sees them (and ``count``), so memory stays bounded however long the run.
    """
    _base_name = "spikemonitor"

    def __init__(self, source, variables=None, record=True, when=None, order=None, name=None,
                 to_file=None, callback=None, callback_period=None, keep=True):
        super().__init__(source, "spike", variables=variables, record=record, when=when,
                         order=order, name=name, to_file=to_file, callback=callback,
                         callback_period=callback_period, keep=keep)

    @property
    def num_spikes(self):
        """Total number of spikes."""
        return self.num_events

    def spike_trains(self):
        """``{index: spike times}`` for every neuron of the source."""
        return self.event_trains()

    def to_neo(self, t_stop=None):
        """The spikes as one ``neo.SpikeTrain`` (ms) per neuron of the source, annotated with
        ``index`` and ``source``: the list Elephant's statistics take. Needs Neo
        (``pip install 'eqsim[io]'``).

        Parameters
        ----------
        t_stop : Quantity, optional
            End of the trains (second); default: the monitor's clock time.
        """
        from .neo_export import spike_trains
        return spike_trains(self, t_stop)
