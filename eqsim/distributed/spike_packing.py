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
    arrays = [np.asarray(s, dtype=WIRE_DTYPE) for s in step_spikes]
    counts = np.array([a.size for a in arrays], dtype=WIRE_DTYPE)
    return np.concatenate([counts, *arrays])


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
    first = (starts + n_steps).tolist()
    pieces = [received[begin:begin + total]
              for begin, total in zip(first, counts.sum(axis=1).tolist())]
    flat = np.concatenate(pieces) if pieces else np.empty(0, WIRE_DTYPE)
    if n_steps == 1:
        return [flat]
    # ``flat`` holds segments (rank, step) rank-major; the result wants them step-major: each
    # segment moves by (its place step-major) - (its place rank-major), no sort needed
    per_step = counts.sum(axis=0)
    step_start = np.concatenate([[0], np.cumsum(per_step)[:-1]])
    target = step_start + np.cumsum(counts, axis=0) - counts           # (ranks, steps)
    source = np.cumsum(counts.ravel()) - counts.ravel()
    shift = np.repeat(target.ravel() - source, counts.ravel())
    ordered = np.empty_like(flat)
    ordered[np.arange(len(flat)) + shift] = flat
    return np.split(ordered, np.cumsum(per_step)[:-1])
