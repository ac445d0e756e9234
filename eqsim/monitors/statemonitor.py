"""StateMonitor: values of variables over time."""
import numbers

import numpy as np

from ..core.base import EqsimObject
from ..core.memory import format_bytes
from ..core.limits import time_value
from ..errors import EqsimError, LimitError, MonitorError, MonitorIndexError
from ..groups.expression_eval import evaluate
from ..ir.operations import StateMonitorOp
from ..ir.variables import ArrayVariable
from ..units import Quantity, second
from . import file_recording
from .file_recording import FileRecording, ProcessFileRecording, description
from .run_callbacks import RunCallback, deliver_samples, period_steps
from .recording import Recording, follow_run, recorded_dimensions, recorded_dtypes, recording_statements
from .recorded_views import RecordedColumns
from ..distributed.monitor_gather import gathered_samples
from ..distributed.unsupported import refuse_split_monitor


class StateMonitor(RecordedColumns, EqsimObject):
    """Record variables of a group at every step of its clock.

    Parameters
    ----------
    source : Group
        The group (or subgroup) to record from.
    variables : str, list of str or True
        Names to record (``True``: all state variables).
    record : bool, int or sequence of int
        Which elements: ``True`` all, ``False`` none, or indices.
    dt : Quantity, optional
        Recording interval (second); default: the source's clock.
    when : str
        Schedule slot (default ``'start'``, before the state update, as in Brian2).
    order : int
    name : str, optional
    to_file : str or path, optional
        A folder to record into while the network runs, instead of memory: memory stays
        bounded however long the run (one ``.npy`` file per column, readable with NumPy
        alone; see :mod:`eqsim.monitors.file_recording`). Files of an earlier recording in
        that folder are replaced. Under ``mpiexec -n K`` each process writes its own
        neurons' samples into ``<to_file>/process-<rank>-of-<K>/`` (nothing is gathered);
        :func:`eqsim.distributed.load_recording` joins them after the run.
    callback : callable, optional
        Called while the network runs with the new samples as a list of
        ``(index, time, *values)`` tuples of plain numbers in SI base units (time in second,
        each of ``variables`` in its SI unit), one per recorded element and time, every
        ``callback_period`` and once at the end of the run (see
        :mod:`eqsim.monitors.run_callbacks`; on K processes, on process 0 with every
        process's samples).
    callback_period : Quantity, optional
        Simulated time between two calls (second), a multiple of the monitor's ``dt``;
        default: 100 steps.
    keep : bool
        Also keep the samples in the monitor (``M.v``, ``M.t``); ``False``: only the
        callback sees them, so memory stays bounded however long the run.
    """
    dependency_attributes = ("source",)
    invalidates_magic_network = False
    _base_name = "statemonitor"

    def __init__(self, source, variables, record, dt=None, clock=None, when="start", order=0,
                 name=None, to_file=None, callback=None, callback_period=None, keep=True):
        if isinstance(variables, str):
            variables = [variables]
        elif variables is True:  # as Brian2: every variable of the model, subexpressions too
            variables = source.state_names() + [
                name for name in source._subexpressions if not name.startswith("_")]
        variables = list(variables)
        dims = recorded_dimensions(source, variables)
        for var, dim in dims.items():
            if dim is None:
                known = set(source.state_names()) | set(source._subexpressions) | {"i"}
                raise EqsimError(f"'{source.name}' has no variable '{var}' to record",
                                 hint=f"variables: {sorted(known)}")
        refuse_split_monitor(source, name)
        size = len(source)
        if record is True:
            indices = np.arange(size)
        elif record is False or record is None:
            indices = np.arange(0)
        elif hasattr(record, "synapses") and hasattr(record, "indices"):  # S[i, j]
            if record.synapses is not source:
                raise EqsimError(f"record={record!r} selects synapses of "
                                 f"'{record.synapses.name}', not of '{source.name}'",
                                 obj=name, hint="index the recorded Synapses: record=S[0, :]")
            indices = np.asarray(record.indices)
        else:
            indices = np.atleast_1d(np.asarray(record))
            if indices.dtype == bool or not np.issubdtype(indices.dtype, np.integer):
                raise EqsimError(f"record must be True, False or neuron indices, got "
                                 f"{record!r:.60}", obj=name,
                                 hint="e.g. record=True or record=[0, 5, 10]")
            if indices.size and (indices.min() < 0 or indices.max() >= size):
                raise MonitorIndexError(f"record indices must lie in [0, {size - 1}] for "
                                        f"'{source.name}', got {indices.tolist()}",
                                        code="EQ254", obj=name,
                                        hint=f"record elements 0 to {size - 1} of '{source.name}'")
        if dt is None and clock is None:
            clock = source.clock
        callback_steps = None if callback is None else period_steps(
            callback, callback_period, (clock or source.clock).dt_ if dt is None
            else time_value(dt, "dt", obj=name), name or "the monitor")
        super().__init__(dt=dt, clock=clock, when=when, order=order, name=name)
        self.source = source
        self._keep = keep
        self._callback = None if callback is None else RunCallback(callback, callback_steps,
                                                                   callback_period)
        self.record_variables = variables
        self.record = indices
        # the recorded elements stored by this process (all of them in one process)
        rows = indices + getattr(source, "_local_origin", 0)
        self._stored = ((rows >= source._start) & (rows < source._stop)
                        if getattr(source, "_partitioned", False) else np.ones(rows.size, bool))
        self._indices = ArrayVariable("_indices", self.name, None,
                                      array=rows[self._stored].astype(np.int32))
        dtypes = {"t": np.float64, **recorded_dtypes(source, variables)}
        self._data = file_recording.file_recording(
            to_file, dtypes, description(self, {"t": second.dim, **dims},
                                         {"record": [int(k) for k in self.record],
                                          "held": [int(k) for k in indices[self._stored]],
                                          "layout": "each variable's file holds one row of "
                                                    "len(held) values per recorded time"}),
            self.name)
        self._dims = dims
        self._run_namespace = {}
        self._has_run = False  # record_single_timestep() needs a run first, as in Brian2

    def operations(self, run_namespace):
        # with record=False only the times are recorded, as in Brian2
        group = self.source
        self._run_namespace = run_namespace
        statements, variables = recording_statements(group, self.record_variables,
                                                     run_namespace)
        variables["_indices"] = self._indices
        var_index = group.index_map(variables) if hasattr(group, "index_map") else {}
        return [StateMonitorOp(self.name, group._owner.name, group._start, group._stop,
                               statements=statements, variables=variables, when=self.when,
                               order=self.order, clock=self.clock, source=self,
                               indices="_indices", n_indices=self._indices.array.size,
                               recorded=[(v, f"_rec_{v}") for v in self.record_variables],
                               index_offset=getattr(group, "_local_origin", group._start),
                               var_index=var_index)]

    def before_run(self, module):
        if self._callback is not None:
            self._callback.start(self.clock.step, self.clock.dt_, self.name)
        follow_run(self._data, module, self.after_chunk)

    def after_run(self, module):
        self._data.follow(None)
        self._has_run = True
        self.after_chunk(module, final=True)

    def after_chunk(self, module, final=False):
        """Take what the kernel buffered: keep it, and hand it to the callback when a
        period has passed (``final``: the run has ended, hand over the rest)."""
        if not module.has_buffer(self.name, "t"):
            return
        t = module.take_buffer(self.name, "t")
        values = {v: module.take_buffer(self.name, v) for v in self.record_variables}
        whole = False  # the records are the whole network's, in record order
        own = isinstance(self._data, ProcessFileRecording)  # this process's columns only
        if own and self._keep:
            self._append(t, values)
        split = not self._stored.all() or getattr(self.source, "_partitioned", False)
        if split and (not own or self._callback is not None):
            values = gathered_samples(self, t.size, values)
            whole = True
        if self._keep and not own:
            self._append(t, values)
        callback = self._callback
        if callback is not None:
            callback.add({"t": t, **{v: values[v].reshape(t.size, self.record.size)
                                     for v in self.record_variables}})
            if callback.due(self.clock.step, final, getattr(module, "run_failed", False)):
                deliver_samples(callback, self.name, callback.take(self.clock.step),
                                self.record, self.record_variables, whole=whole)

    def _append(self, t, values):
        self._data.append("t", t)
        for v in self.record_variables:
            self._data.append(v, values[v])

    def stream_steps(self):
        """Steps between two pauses of the run (None: none needed): writes to ``to_file``
        (as many steps as fit in about 64 MB of buffers), calls of the callback."""
        steps = []
        if isinstance(self._data, FileRecording) and self._keep:
            per_step = 8 * (1 + self.record.size * len(self.record_variables))
            steps.append(max(1, file_recording.STREAM_BYTES // per_step))
        if self._callback is not None:
            steps.append(self._callback.steps)
        return min(steps) if steps else None

    def expected_memory(self, duration):
        """Bytes a run of ``duration`` (second) adds: one time and one value per recorded
        element and variable at every step of the monitor's clock; and bytes held."""
        if isinstance(self._data, FileRecording) or not self._keep:
            return None
        steps = int(duration / self.clock.dt_) + 1
        n, k = self.record.size, len(self.record_variables)
        return (8 * steps * (1 + n * k), self._data.nbytes,
                f"{steps} steps x {n} elements x {k} variables")

    def reserve_memory(self, module, duration):
        if not module.has_buffer(self.name, "t"):
            return
        steps = int(duration / self.clock.dt_) + 1
        if self.stream_steps() is not None:  # the buffers are emptied every stream_steps
            steps = min(steps, self.stream_steps() + 1)
        wanted = {"t": steps, **{v: steps * self.record.size for v in self.record_variables}}
        try:
            for suffix, items in wanted.items():
                module.reserve_buffer(self.name, suffix, items)
        except (MemoryError, OverflowError):
            for suffix in wanted:  # release what was reserved
                module.take_buffer(self.name, suffix)
            new, held, what = self.expected_memory(duration)
            raise LimitError(
                f"there is not enough memory for what '{self.name}' would record in this run: "
                f"{format_bytes(new)} ({what})", code="EQ621", obj=self.name,
                hint="record fewer elements (record=[...]) or variables, record less often "
                     "(dt=...), or run in shorter pieces and save the data in between") from None

    def record_single_timestep(self):
        """Record the current values now, once, as Brian2's method of that name: for the
        values at the end of a run, which the monitor (in the ``'start'`` slot of each
        step) does not see otherwise. Only after a run (before one there is nothing to
        record the end of)."""
        if not self._has_run:
            raise MonitorError("record_single_timestep() records the values at the end of a "
                               "run; there has been no run yet", code="EQ163", obj=self.name,
                               hint="call it after run()")
        self._data.append("t", np.array([self.clock.t_]))
        rows = self.record + self.source._start
        for v in self.record_variables:
            values = evaluate(self.source, v, rows, self._run_namespace)
            self._data.append(v, np.broadcast_to(np.asarray(values, dtype=np.float64),
                                                 rows.shape))

    @property
    def N(self):
        """Number of recorded time steps."""
        return int(self._data.get("t").size)

    def __len__(self):
        return self.N

    @property
    def t(self):
        """Recording times (second), a read-only view (``M.t['t > 1*ms']``)."""
        return self._view("t")

    @property
    def t_(self):
        """Recording times (plain numbers, second)."""
        return self._view("t", raw=True)

    def _column(self, name):  # the one record of one value per time: t
        return self._data.get("t")

    @staticmethod
    def _dimension(name):
        return second.dim

    @staticmethod
    def _condition_names():
        return ("t",)

    def _recorded_state_names(self):
        return ["N", "t"] + list(self.record_variables)

    def _values(self, var):
        flat = self._data.get(var)
        return flat.reshape(self._data.get("t").size, self.record.size).T

    def __getattr__(self, item):
        if item.startswith("_") and not item.endswith("_"):
            raise AttributeError(item)
        data = self.__dict__.get("_data")
        raw = item.endswith("_")
        name = item[:-1] if raw else item
        if data is not None and name in self.record_variables:
            return self._read(name, raw, slice(None))
        if item == "N_":
            return self.N
        raise AttributeError(f"StateMonitor '{self.__dict__.get('name')}' has no attribute '{item}'")

    def _read(self, name, raw, rows):
        """``M.v`` and ``M[i].v`` are copies the script may change, as in Brian2 (``vm =
        M.v[0]; vm[k] = 0*mV`` leaves the record alone); ``M.v_`` is a read-only view of
        the record, to read a long recording without copying it."""
        values = self._values(name)[rows]
        if raw:
            return values
        dim = self._dims[name]
        return values.copy() if dim.is_dimensionless else Quantity(values, dim=dim, copy=True)

    def to_neo(self, variables=None):
        """``{variable: neo.AnalogSignal}``: each recorded variable in its unit (mV, nS ...),
        one column per recorded element (``signal.array_annotations['index']``), sampled
        every recording step. Needs Neo (``pip install 'eqsim[io]'``).

        Parameters
        ----------
        variables : list of str, optional
            Recorded variables to export (default: all).
        """
        from .neo_export import state_signals
        return state_signals(self, variables)

    def __getitem__(self, item):
        """``M[i]``: the recordings of element ``i`` (``M[0].v``: one row); ``M[[i, j]]``, a
        neuron group or subgroup (``M[G[1:3]]``) or synapses (``M[S[0, :]]``): those of
        each of their elements, in that order (``M[[0, 2]].v``: two rows). As in Brian2,
        ``M[S[k]]`` with one synapse number is one row."""
        single = getattr(item, "single", False)
        if isinstance(item, (numbers.Integral, np.integer)) and not isinstance(item, bool) \
                or single:
            element = int(item.indices[0]) if single else int(item)
            return _SingleRecording(self, self._row(element))
        elements = self._elements(item)
        return _SingleRecording(self, np.array([self._row(k) for k in elements], dtype=int))

    def _row(self, element):
        rows = np.flatnonzero(self.record == element)
        if rows.size == 0:
            raise MonitorIndexError(f"element {element} was not recorded by '{self.name}'",
                                    obj=self.name,
                                    hint=f"recorded: {self.record.tolist()[:10]}...")
        return int(rows[0])

    def _elements(self, item):
        """The elements (of the monitored group, or synapse numbers) ``item`` names."""
        indices = getattr(item, "indices", None) if hasattr(item, "synapses") else None
        if indices is not None and not callable(indices):  # S[...] of the monitored synapses
            if getattr(item, "synapses", None) is not self.source:
                raise MonitorError(f"{item!r} does not hold synapses of '{self.source.name}'",
                                   obj=self.name, hint=f"index with {self.source.name}[...]")
            return np.asarray(indices)
        if hasattr(item, "_first") and hasattr(item, "_owner"):  # a neuron (sub)group
            source = self.source
            if item._owner is not getattr(source, "_owner", None):
                raise MonitorError(f"'{item.name}' is not part of '{source.name}', the group "
                                   f"'{self.name}' records", obj=self.name,
                                   hint=f"index with neurons of '{source.name}'")
            return item._first - source._first + np.arange(len(item))
        if isinstance(item, (str, bytes)) or np.ndim(item) != 1:
            raise MonitorError(f"a monitor is indexed by an element, a sequence of elements, "
                               f"a group or synapses, not {item!r:.60}", obj=self.name,
                               hint="e.g. M[0].v, M[[0, 2]].v or M[G[1:3]].v")
        elements = np.asarray(item)
        if elements.size and elements.dtype.kind not in "iu":
            raise MonitorError(f"elements are integers, not {item!r:.60}", obj=self.name,
                               hint="e.g. M[[0, 2]].v")
        return elements.astype(int)

    def get_state(self):
        return self._data.state()

    def set_state(self, state):
        self._data.set_state(state)

    def check_state(self, state):  # each recorded variable: one value per time and index
        self._data.check_state(state, self.name,
                               lambda name, rows: rows * (1 if name == "t" else self.record.size))


class _SingleRecording:
    """``M[i]``: ``M[i].v`` is row ``i`` of ``M.v``; ``M[i].t`` the recording times."""

    def __init__(self, monitor, position):
        self._monitor = monitor
        self._position = position

    def __getattr__(self, item):
        if item in ("t", "t_"):
            return getattr(self._monitor, item)
        raw = item.endswith("_")
        name = item[:-1] if raw else item
        if name not in self._monitor.record_variables:
            raise AttributeError(f"StateMonitor '{self._monitor.name}' has no attribute "
                                 f"'{item}'")
        return self._monitor._read(name, raw, self._position)
