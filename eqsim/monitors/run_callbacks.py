"""A monitor's data handed to a Python function while the network runs.

Design
------
A monitor with ``callback=f`` asks the network to pause every ``callback_period`` (the
same chunked run that monitors streaming to files use, ``Network.run``'s ``chunk_ends``):
at each pause the monitor takes what its kernel buffered, keeps it (unless ``keep=False``)
and, once a whole period has passed, calls ``f`` with the new records as a list of tuples
of plain Python numbers, in SI base units (times in second, values in the variable's SI
unit: volt, not mV), the way brainpy-largescale's ``spike_callback``/``volt_callback`` get
them:

* event monitors (``SpikeMonitor``): ``(index, time, *values)``, by time, then index;
* ``StateMonitor``: ``(index, time, *values)`` for every recorded element at every
  recorded time, by time, then in the order of ``record``.

``index`` is the element's global index in the monitored group (subgroup-relative, as
``M.i``). The rest of the run (after the last whole period, or after ``stop()``) is handed
over when the run ends. An exception in ``f`` ends the run with that exception, keeping
what was simulated, as an exception in a network operation does; a run that ends with an
error (in a callback or a network operation) makes no further calls.

On K processes each process records its own elements; at each delivery they are gathered
to process 0 through the communicator of the current simulation context
(:func:`eqsim.distributed.recorded.gather_events` / ``gather_samples``, one collective
every process reaches at the same step) and ``f`` is called on process 0 only.
"""
import numpy as np

from ..errors import RunCallbackError
from ..units import Quantity, second

#: steps of the monitor's clock between two calls when no ``callback_period`` is given
DEFAULT_PERIOD_STEPS = 100


def communicator():
    """The communicator of the current run (one process without MPI)."""
    from ..distributed.current import current_communicator
    return current_communicator()


def period_steps(callback, period, dt, owner):
    """Steps of ``dt`` (second) in ``period`` (a time), checked: a whole positive number.

    Raises
    ------
    RunCallbackError
        ``callback`` is not callable, or ``period`` is not a positive multiple of ``dt``.
    """
    if not callable(callback):
        raise RunCallbackError(f"callback must be a function, got {callback!r:.60}",
                               obj=owner, hint="e.g. callback=print, or def f(records): ...")
    if period is None:
        return DEFAULT_PERIOD_STEPS
    if not isinstance(period, Quantity) or period.dim != second.dim or np.ndim(period) != 0:
        raise RunCallbackError(f"callback_period must be a time, got {period!r:.60}", obj=owner,
                               hint="e.g. callback_period=10*ms")
    steps = float(period) / dt
    whole = int(round(steps))
    if whole < 1 or abs(steps - whole) > 1e-6 * max(1.0, steps):
        raise RunCallbackError(
            f"callback_period {period!r} is not a whole positive number of time steps "
            f"(dt = {dt * 1e3:g} ms)", obj=owner,
            hint=f"use a multiple of dt, e.g. callback_period={max(1, whole) * dt * 1e3:g}*ms")
    return whole


class RunCallback:
    """The pending records of one monitor and when to hand them to ``function``.

    Parameters
    ----------
    function : callable
        Called with one list of tuples per delivery.
    steps : int
        Steps of the monitor's clock between deliveries.
    period : Quantity, optional
        The ``callback_period`` asked for (None: the default number of steps).
    """

    def __init__(self, function, steps, period=None):
        self.function = function
        self.steps = steps
        self.period = period
        self.pending = []
        self.last_step = 0

    def start(self, step, dt, owner):
        """A run starts at clock step ``step`` with time step ``dt`` (second): periods count
        from here, in steps of the ``dt`` of this run (``defaultclock.dt`` may have changed
        since the monitor was made)."""
        self.steps = period_steps(self.function, self.period, dt, owner)
        self.pending = []
        self.last_step = step

    def add(self, columns):
        """Records taken from the kernel's buffers (a dict of arrays, see the deliverers)."""
        self.pending.append(columns)

    def due(self, step, final, failed=False):
        """Whether to deliver at clock step ``step`` (``final``: the run has ended).

        Not after a run ended with an error (``failed``): the records stay in the monitor,
        and no process starts a delivery (a collective under MPI) that the others, ending
        with the error, would not join."""
        if failed:
            self.take(step)
            return False
        return step - self.last_step >= self.steps or (final and step > self.last_step)

    def take(self, step):
        """The pending records, emptied; periods count from ``step`` again."""
        pending, self.pending, self.last_step = self.pending, [], step
        return pending


def _joined(pending, name, dtype):
    parts = [p[name] for p in pending]
    return np.concatenate(parts) if parts else np.empty(0, dtype=dtype)


def deliver_events(callback, owner, pending, dt, names, whole=False):
    """Gather pending events to process 0 and call ``callback.function`` there.

    ``pending``: dicts with ``i`` (global element numbers: kernels record them so on every
    process), ``t`` (second) and each name of ``names``; ``whole``:
    the records are the whole network's already (gathered by the monitor), so process 0
    alone makes the call, without a collective.
    """
    from ..distributed.recorded import Recorded, gather_events
    i = _joined(pending, "i", np.int32).astype(np.int64)
    t = _joined(pending, "t", np.float64)
    columns = {"i": i, "t": t, **{v: _joined(pending, v, np.float64) for v in names}}
    comm = communicator()
    if whole:
        gathered = Recorded(columns if comm.rank == 0 else None, owner)
    else:
        steps = np.rint(t / dt).astype(np.int64)
        gathered = gather_events(comm, owner, steps, columns, gather="root")
    if gathered.here:
        callback.function(list(zip(*(gathered[name].tolist()
                                     for name in ("i", "t", *names)))))


def deliver_samples(callback, owner, pending, record, names, whole=False):
    """Gather pending samples to process 0 and call ``callback.function`` there.

    ``pending``: dicts with ``t`` (rows) and each name of ``names`` (rows x recorded
    elements); ``record``: the recorded element numbers, in the user's order; ``whole``:
    the records are the whole network's already, in ``record`` order (no collective).
    """
    from ..distributed.recorded import Recorded, gather_samples
    t = _joined(pending, "t", np.float64)
    values = {v: np.concatenate([p[v] for p in pending]) if pending else
              np.empty((0, record.size)) for v in names}
    comm = communicator()
    indices = np.asarray(record, dtype=np.int64)
    if whole:
        everyone = indices
        gathered = Recorded(values if comm.rank == 0 else None, owner)
    else:  # every process's recorded elements, in rank order
        everyone = comm.allgather_array(indices)
        gathered = gather_samples(comm, owner, values, indices, everyone, gather="root")
    if not gathered.here:
        return
    rows, n = t.size, everyone.size
    columns = [np.tile(everyone, rows).tolist(),
               np.repeat(t, n).tolist()]
    columns += [gathered[v].reshape(rows * n).tolist() for v in names]
    callback.function(list(zip(*columns)))
