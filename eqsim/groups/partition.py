"""Which contiguous slice of a group one process owns.

A distributed run gives each of ``size`` processes a contiguous slice of every group
(and the synapses onto it). Indices that users, random draws and monitors see are
global; storage positions are local (``global index - slice start``). In one process the
slice is the whole group. Under ``mpiexec -n K`` every group is built as its process's
slice (the simulation context carries ``rank``/``size``); building a group "as rank ``r``
of ``size``" in one process (``NeuronGroup(..., _partition=(r, size))``, a private hook
for tests) gives exactly that process's part.
"""
from ..core.context import current_context

__all__ = ["local_slice", "process_slice"]


def process_slice(n, partition=None):
    """``(start, stop, split)`` of a group of ``n`` elements this process stores: the
    slice of ``partition`` ``(rank, size)``, by default the current context's (the whole
    group in one process); ``split``: whether the group is partitioned at all (every
    process's groups are, also one whose slice happens to be the whole group)."""
    if partition is None:
        context = current_context()
        if context.size == 1:
            return 0, n, False
        partition = (context.rank, context.size)
    return (*local_slice(n, *partition), True)


def local_slice(n, rank, size):
    """``(start, stop)``: the global indices process ``rank`` of ``size`` owns of a group
    of ``n`` elements (contiguous, sizes differing by at most one, rank order).

    Parameters
    ----------
    n : int
        The group's global size.
    rank, size : int
        ``0 <= rank < size``.
    """
    if not 0 <= rank < size:
        raise ValueError(f"rank {rank} is not one of {size} processes")
    return n * rank // size, n * (rank + 1) // size
