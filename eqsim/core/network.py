"""Network: collects objects, builds one module for their operations, runs it."""
import logging
from contextlib import contextmanager

import numpy as np
import time

from ..codegen.module_reuse import network_module
from ..errors import (CheckpointError, EqsimError, MissingDependencyError, NetworkError,
                      NetworkItemError, object_error)
from ..parsing.grouping import as_written
from ..units import Quantity, second, fail_for_dimension_mismatch
from .base import EqsimObject, schedule_index
from .checkpoint_files import restore_from_file, store_to_file
from .clock import defaultclock, steps_for
from .dependencies import missing_dependencies
from .devices import get_device
from .limits import time_value, warn_many_steps
from .memory import check_recording_memory
from .names import Nameable
from .namespace import caller_namespace
from .netop import NetworkOperation
from .network_control import NetworkControl
from .network_state import apply_state, check_state, take_state
from .preferences import prefs
from .reporting import close_reporter, make_reporter
from .run_loop import netop_callbacks, run_until, silence_inactive
from .build_progress import BuildProgress, run_reports
from .summaries import brian2_name, profiling_info
from .context import current_context
from ..distributed.spike_exchange import communication_interval
from ..distributed.stop_agreement import StopAgreement
from ..synapses.synapse_ops import check_summed_targets

logger = logging.getLogger("eqsim.network")


def chunk_ends(t_start, duration, reporting, stream_intervals):
    """The times (second) at which a run pauses in Python: 100 for progress reports, every
    multiple of each of ``stream_intervals`` for monitors writing to files or calling a
    callback, and the end."""
    t_end = t_start + duration
    ends = {t_end}
    if reporting:
        ends |= {t_start + duration * k / 100 for k in range(1, 100)}
    for interval in set(stream_intervals):
        count = int(duration // interval)
        ends |= {t_start + interval * k for k in range(1, count + 1)}
    return sorted(e for e in ends if e <= t_end)


def _flatten(items):
    for item in items:
        if isinstance(item, EqsimObject):
            yield item
        elif isinstance(item, dict):
            yield from _flatten(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            yield from _flatten(item)
        else:
            raise NetworkItemError(f"cannot add {item!r} to a network",
                               hint="add groups, synapses, monitors or network operations")


@contextmanager
def _preparing(obj=None, objects=()):
    """Errors while ``obj`` (or the object of ``objects`` the error names) is prepared for
    a run become ``BrianObjectException``s about it, keeping their class and code."""
    try:
        yield
    except EqsimError as error:
        about = obj if obj is not None else next(
            (o for o in objects if error.obj is not None and o.name == error.obj), None)
        if about is None:
            raise
        raise object_error(error, about) from error


class Network(NetworkControl, Nameable):
    """A set of objects simulated together.

    Parameters
    ----------
    *objs : objects or containers of objects
        Groups, synapses, monitors, network operations (lists and dicts are unpacked).
    name : str, optional
    """
    _base_name = "network"
    # set by the module-level stop(): ends whichever network is running (Brian2's flag)
    _globally_stopped = False

    def __init__(self, *objs, name=None):
        super().__init__(name)
        self.objects = []
        self.t_ = 0.0
        self._stored = {}
        self._module = None
        self._stopped = False
        self._profiling_info = None
        self._schedule = None
        if objs:
            self.add(*objs)

    def add(self, *objs):
        """Add objects (or lists/dicts of objects) to the network."""
        for obj in _flatten(objs):
            if not any(obj is o for o in self.objects):
                self.objects.append(obj)

    def remove(self, *objs):
        """Remove objects from the network."""
        for obj in _flatten(objs):
            self.objects = [o for o in self.objects if o is not obj]

    def __len__(self):
        return len(self.objects)

    def __getitem__(self, name):
        for obj in self._all_objects():
            if obj.name == name:
                return obj
        raise KeyError(name)

    def __contains__(self, name):
        """``'name' in net``: whether an object of that name is in the network. As in
        Brian2 it compares names only (``G in net`` is False; use ``G.name in net``)."""
        return any(obj.name == name for obj in self._all_objects())

    @property
    def t(self):
        """Current simulation time (second)."""
        return Quantity(self.t_, dim=second.dim)

    def _all_objects(self):
        seen, out = set(), []

        def visit(obj):
            if id(obj) in seen:
                return
            seen.add(id(obj))
            out.append(obj)
            for child in obj.contained_objects:
                visit(child)
        for obj in self.objects:
            visit(obj)
        names = {}
        for obj in out:
            if obj.name in names and names[obj.name] is not obj:
                raise NetworkError(f"two objects in the network share the name '{obj.name}'",
                                   hint="give each object a unique name=")
            names[obj.name] = obj
        return out

    def _check_dependencies(self, objects):
        for obj, other in missing_dependencies(objects):
            raise MissingDependencyError(
                f"'{obj.name}' is in the network but '{other.name}', on which it depends, "
                f"is not", obj=self.name,
                hint=f"add '{other.name}' to the Network as well")

    def _scheduled(self, run_namespace, include_inactive=False, exchanges=False):
        """``(operation or network operation, object it belongs to)`` in execution order:
        by schedule slot, order, then name, as Brian2 sorts (so that objects in the same slot
        with the same order run in Brian2's order, whatever order they were created in).
        With ``exchanges``: also the spike exchanges of groups split over processes
        (:mod:`eqsim.distributed.spike_exchange`), scheduled like network operations."""
        entries, schedule = [], self.schedule
        for position, obj in enumerate(self._all_objects()):
            if not (obj.active or include_inactive):
                continue
            if isinstance(obj, NetworkOperation):
                items = [obj]
            else:
                with _preparing(obj):
                    items = obj.operations(run_namespace)
            entries.extend(((schedule_index(item.when, schedule), item.order, item.name,
                             position, k), item, obj) for k, item in enumerate(items))
        if exchanges:
            entries.extend(self._exchange_entries([item for _, item, _ in entries], schedule))
        entries.sort(key=lambda e: e[0])
        return [(item, obj) for _, item, obj in entries]

    def _exchange_entries(self, items, schedule):
        """The spike exchanges and stop agreements of a run on K processes."""
        from ..distributed.spike_exchange import spike_exchanges
        from ..distributed.stop_agreement import stop_agreements
        comm = current_context().comm
        clocks = list({id(i.clock): i.clock for i in items}.values()) or [defaultclock._clock]
        self._exchanges = spike_exchanges(comm, items, clocks)
        agreements = stop_agreements(comm, items, schedule,
                                     lambda when, order: (schedule_index(when, schedule), order))
        return [((schedule_index(x.when, schedule), x.order, x.name, -1, k), x, x)
                for k, x in enumerate(self._exchanges + agreements)]

    def _build(self, run_namespace, profile=False):
        with as_written():  # the user's grouping survives every rebuilt expression
            return self._build_as_written(run_namespace, profile)

    def _build_as_written(self, run_namespace, profile):
        self._exchanges = []
        entries, netops, clocks = self._scheduled(run_namespace, exchanges=True), [], []
        self._shown_names = {item.name: brian2_name(item, obj) for item, obj in entries}
        for item, _ in entries:
            if not any(item.clock is c for c in clocks):
                clocks.append(item.clock)
        if not clocks:  # nothing to run: time still advances on the default clock
            clocks.append(defaultclock._clock)
        clock_index = lambda clock: next(k for k, c in enumerate(clocks) if c is clock)
        schedule, target = [], prefs["codegen.target"]
        items = [item for item, _ in entries]
        for item in items:
            exchange = any(item is x for x in self._exchanges)
            # compiled code exchanges spikes inside its step loop, NumPy code in Python
            compiled = exchange and target == "cython" and item.operation(
                *communication_interval(item, items, current_context().comm))
            if compiled:
                schedule.append(compiled)
            elif isinstance(item, (NetworkOperation, StopAgreement)) or exchange:
                schedule.append((clock_index(item.clock), len(netops)))
                netops.append(item)
            else:
                schedule.append(item)
        started = time.perf_counter()
        progress = BuildProgress(f"building network '{self.name}' ({target} target)")
        progress.report_while_blocked()
        with _preparing(objects=self._all_objects()):
            module = network_module(self._module, target, self.name, schedule,
                                    lambda op: clock_index(op.clock), len(clocks),
                                    context=current_context(),
                                    vector_math=prefs["codegen.cython.vector_math"],
                                    team_timing=prefs["codegen.cython.team_timing"],
                                    num_threads=(prefs["codegen.cython.num_threads"]
                                                 if target == "cython" else 1),
                                    profile=profile)
        progress.finish()
        logger.debug("built %s module in %.3f s", target, time.perf_counter() - started)
        return module, netops, clocks

    def run(self, duration, report=None, report_period=10 * second, namespace=None, profile=None,
            level=0):
        """Simulate for ``duration``.

        Parameters
        ----------
        duration : Quantity
            Simulated time (second).
        report : {None, 'text', 'stdout', 'stderr', 'progress'} or callable
            Progress reports: Brian2's text lines, a progress bar with simulated time, wall
            time and ETA (``'progress'``; tqdm's when installed), or a callable that gets
            ``(elapsed, completed, start, duration)`` (all in second but ``completed``, 0-1).
        report_period : Quantity
            Wall-clock time between reports (second).
        namespace : dict, optional
            Names for external constants in model strings; default: the caller's variables.
        profile : bool, optional
            Time every kernel and network operation (see :attr:`profiling_info`); default
            ``device.build_options['profile']`` or False, as in Brian2.
        level : int
            How many frames above the caller to take the namespace from.
        """
        duration_s = time_value(duration, "the duration of a run", obj=self.name)
        explicit_namespace = namespace is not None
        if namespace is None:
            namespace = caller_namespace(level)
        reporter = make_reporter(report)  # a bad report fails before anything is built
        if isinstance(report, str) and current_context().rank != 0:
            reporter = None  # under mpiexec, process 0 alone prints progress
        objects = self._all_objects()
        self._check_dependencies(objects)
        check_summed_targets(objects)
        active_device = get_device()
        if active_device.records_runs:  # Brian2's standalone mode: kept for device.run()
            active_device.record_run(self, duration, namespace, dict(
                report=report, report_period=report_period, profile=profile),
                explicit_namespace=explicit_namespace)
            if active_device.defers_runs:
                self.t_ += duration_s
                return
        self._check_steps(objects, self.t_ + duration_s)
        check_recording_memory(objects, duration_s, self.name)
        if profile is None:
            profile = bool(active_device.build_options.get("profile", False))
        with run_reports(report):
            module, netops, clocks = self._build(namespace, profile)
        netop_seconds = [0.0] * len(netops)
        self._stopped = Network._globally_stopped = False
        current_context().comm.stop_requested = False
        t_start, t_end = self.t_, self.t_ + duration_s
        for clock in clocks:
            clock.start_run_at(t_start)
        module.bind()
        silence_inactive(objects)
        for obj in objects:
            with _preparing(obj):
                obj.before_run(module)
        for obj in objects:
            obj.reserve_memory(module, duration_s)
        callbacks = netop_callbacks(self, module, netops, clocks, netop_seconds)
        module.profile_reset()
        self._profiling_info = None
        # monitors recording to files or calling a callback are emptied every few steps
        streaming = [o for o in objects if o.active and getattr(o, "stream_steps", None)
                     and o.stream_steps() is not None]
        try:
            wall = time.perf_counter()
            ends = chunk_ends(t_start, duration_s, reporter is not None,
                              [o.stream_steps() * o.clock.dt_ for o in streaming])
            if reporter is not None:
                reporter(0.0, 0.0, t_start, duration_s)
            last_report = wall
            for k, end in enumerate(ends):
                run_until(module, clocks, end, callbacks, self._exchanges)
                if self._exchanges and any(c.step < steps_for(end, c.dt_) for c in clocks):
                    self._stopped = True  # another process's stop(): all stopped with it
                for obj in streaming:  # a monitor with a callback calls it when due
                    getattr(obj, "after_chunk", obj.after_run)(module)
                stopped = self._stopped or Network._globally_stopped
                if reporter is not None:
                    now = time.perf_counter()
                    if now - last_report >= float(np.asarray(report_period)) or \
                            k == len(ends) - 1 or stopped or getattr(reporter, "every_chunk", False):
                        done = (min(c.t_ for c in clocks) - t_start) / duration_s \
                            if stopped and duration_s > 0 else \
                            (end - t_start) / duration_s if duration_s > 0 else 1.0
                        reporter(now - wall, done, t_start, duration_s)
                        last_report = now
                if stopped:
                    break
        except BaseException:
            close_reporter(reporter)
            # a failing network operation or Ctrl-C: keep what was simulated and recorded
            # so far; the interrupted step is not counted, a next run starts it again
            for clock, step in zip(clocks, module.backend.clock_steps()):
                clock.step = step
            self.t_ = min(clock.t_ for clock in clocks)
            current_context().ran_until(self.t_)
            module.run_failed = True  # monitors keep their records but call no callback
            for obj in objects:
                obj.after_run(module)
            raise
        close_reporter(reporter)
        # after stop(): the time of the earliest clock, where a next run continues
        self.t_ = min(c.t_ for c in clocks) if self._stopped or Network._globally_stopped \
            else t_end
        current_context().ran_until(self.t_)
        for obj in objects:  # objects with nothing to run still follow the network's time
            if not any(obj.clock is c for c in clocks):
                obj.clock.set_time(self.t_)
        for obj in objects:
            obj.after_run(module)
        self._module = module
        if profile:
            self._profiling_info = profiling_info(module.profile_times(),
                                                  [op.name for op in netops], netop_seconds,
                                                  self._shown_names)

    def _check_steps(self, objects, t_end):
        """Every clock can count to ``t_end`` (before anything is built or changed)."""
        clocks = {id(o.clock): o.clock for o in objects if o.active} or \
            {0: defaultclock._clock}
        for clock in clocks.values():
            steps = steps_for(t_end, clock.dt_, f"running '{self.name}' until t = {t_end!r} s "
                                                f"on '{clock.name}'")
            warn_many_steps(steps, clock.dt_, f"running '{self.name}' until t = {t_end!r} s")

    # --- store / restore -------------------------------------------------------------
    def store(self, name="default", filename=None):
        """Save the state of every object, the clocks and the random state.

        Parameters
        ----------
        name : str
            Name of the stored state; storing again under a name replaces it.
        filename : str, optional
            A checkpoint file (an ``.npz`` archive of numeric arrays and a JSON header,
            never a pickle) that keeps several named states; without it the state is
            kept in memory. The file holds the whole network in global order, so that it
            restores with any number of processes (under MPI, process 0 writes it).
        """
        state = take_state(self)
        if filename is None:
            self._stored[name] = state
        else:
            store_to_file(self, state, filename, str(name))

    def restore(self, name="default", filename=None, restore_random_state=False):
        """Return every object to a state saved by :meth:`store`.

        Everything is checked before anything changes: the stored state must have the
        network's objects (no more, no fewer) with the sizes, shapes and dtypes they
        have now, or a ``CheckpointError`` says what does not fit.

        Parameters
        ----------
        name : str
            Name given to :meth:`store`.
        filename : str, optional
            The checkpoint file; without it the state stored in memory.
        restore_random_state : bool
            Also restore the seed, the random streams of the objects and NumPy's global
            generator, so that random draws continue as they would have (as Brian2's
            option of the same name).
        """
        if filename is None:
            if name not in self._stored:
                raise CheckpointError(f"no state stored under the name '{name}'",
                                      hint=f"stored: {sorted(self._stored)}")
            state = self._stored[name]
        else:
            state = restore_from_file(self, filename, str(name))
        check_state(self, state, restore_random_state)
        apply_state(self, state, restore_random_state)


# Brian2's brian2.core.network offers the summaries too (imported last: they read networks)
from .summaries import profiling_summary, scheduling_summary  # noqa: E402,F401

