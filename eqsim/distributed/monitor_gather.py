"""Monitor records of a run on K processes made the whole network's, on every process.

Each process records its own neurons; at the end of each ``run()`` (every process calls a
monitor's ``after_run`` in the same order, so these are collectives every process reaches)
the chunk just recorded is gathered (:mod:`eqsim.distributed.recorded`) and the monitor
keeps the whole network's chunk, in the order one process (K = 1) records it. Reading a
monitor afterwards is local: ``if rank() == 0: plot(M.t, M.i)`` never waits for another
process. In one process (K = 1) every function returns its input unchanged.
"""
import numpy as np

from ..core.context import current_context
from .recorded import gather_events, gather_samples


def _comm():
    return current_context().comm


def gathered_events(monitor, columns):
    """The whole network's events of one run: ``columns`` (``i``, ``t`` and recorded
    variables of this process's events, in its recording order) joined and put in
    one-process order (by time step, then index)."""
    comm = _comm()
    if comm.size == 1:
        return columns
    step = np.rint(np.asarray(columns["t"]) / monitor.clock.dt_).astype(np.int64)
    recorded = gather_events(comm, monitor.name, step, columns)
    return {name: recorded[name] for name in columns}


def gathered_counts(comm_counts, previous):
    """Event counts per element of the whole network: ``comm_counts`` are this process's
    counts (its elements counted since ``previous``, the whole network's counts at the
    last gather), the result every process's increments added to ``previous``."""
    comm = _comm()
    if comm.size == 1:
        return comm_counts
    increments = (comm_counts - previous)[None, :]
    return previous + comm.allgather_array(increments).sum(axis=0).astype(previous.dtype)


def gathered_samples(monitor, n_times, values):
    """The whole network's samples of one run: per variable, ``n_times`` rows of this
    process's recorded elements (``monitor._stored`` of ``monitor.record``), flat, become
    ``n_times`` rows of every recorded element in ``record`` order, flat."""
    comm = _comm()
    held = monitor.record[monitor._stored]
    shaped = {v: np.asarray(a).reshape(n_times, held.size) for v, a in values.items()}
    recorded = gather_samples(comm, monitor.name, shaped, held, monitor.record)
    return {v: recorded[v].ravel() for v in values}


def gathered_rates(monitor, rate, stored, total):
    """The population rate of the whole group per step from each process's rate over its
    ``stored`` elements (the group has ``total``): the spike counts (exact integers, read
    back from the rates), summed over the processes and divided here, so that the rate
    has the same bits for any K and on both targets (the compiled kernel's division is
    compiled with -ffast-math)."""
    dt = monitor.clock.dt_
    counts = (np.rint(np.asarray(rate) * stored * dt) if stored
              else np.zeros(np.shape(rate)))
    comm = _comm()
    if comm.size > 1:
        counts = comm.allgather_array(counts[None, :]).sum(axis=0)
    return counts / total / dt
