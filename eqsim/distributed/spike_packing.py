"""The wire format of one spike exchange, NumPy only (no MPI here).

Each process sends, for an interval of ``n_steps`` time steps, one int32 buffer::

    [count of step 0, ..., count of step n_steps-1, indices of step 0..., indices of step 1..., ...]

with the global indices of its own neurons that spiked. Processes own contiguous, ascending
slices of every group, so the received spikes of one step, taken in rank order, are in
ascending index order: exactly the order one process (K = 1) produces, which is what makes
results independent of K.
"""
import numpy as np

WIRE_DTYPE = np.int32


def pack(step_spikes):
    """One process's buffer for an interval.

    Parameters
    ----------
    step_spikes : sequence of int arrays
        The global indices of this process's neurons that spiked, one array per time step.

    Returns
    -------
    numpy.ndarray of int32
        ``len(step_spikes)`` counts followed by all indices, step by step.
    """
    counts = np.fromiter((len(s) for s in step_spikes), dtype=WIRE_DTYPE, count=len(step_spikes))
    return np.concatenate([counts, *(np.asarray(s, dtype=WIRE_DTYPE) for s in step_spikes)])


def packed_length(step_spikes):
    """The length of ``pack(step_spikes)`` without building it."""
    return len(step_spikes) + sum(len(s) for s in step_spikes)


def unpack(received, starts, n_steps):
    """The whole network's spikes of each step from every process's buffer.

    Parameters
    ----------
    received : int array
        All processes' buffers; the one of rank ``r`` begins at ``starts[r]`` (anything after a
        buffer's last index, up to the next start, is ignored: padding).
    starts : sequence of int
        Where each rank's buffer begins, in rank order.
    n_steps : int
        Number of time steps in the interval.

    Returns
    -------
    list of numpy.ndarray of int32
        One array per time step: the indices of all spiking neurons, ascending.
    """
    if n_steps == 0:
        return []
    received = np.asarray(received, dtype=WIRE_DTYPE)
    starts = np.asarray(starts, dtype=np.intp)
    counts = received[starts[:, None] + np.arange(n_steps)].astype(np.intp)  # (ranks, steps)
    pieces = [received[start + n_steps:start + n_steps + total]
              for start, total in zip(starts, counts.sum(axis=1))]
    flat = np.concatenate(pieces) if pieces else np.empty(0, WIRE_DTYPE)
    # within one rank's buffer the steps come in order; a stable sort by step keeps rank order
    step_of = np.repeat(np.tile(np.arange(n_steps), len(starts)), counts.ravel())
    flat = flat[np.argsort(step_of, kind="stable")]
    return np.split(flat, np.cumsum(counts.sum(axis=0))[:-1])
