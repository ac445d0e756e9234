"""Which contiguous slice of a group one process owns.

A distributed run gives each of ``size`` processes a contiguous slice of every group
(and the synapses onto it). Indices that users, random draws and monitors see are
global; storage positions are local (``global index - slice start``). In one process the
slice is the whole group. Building a group "as rank ``r`` of ``size``" in one process
(``NeuronGroup(..., _partition=(r, size))``, a private hook for tests until the
simulation context carries ``rank``/``size``) gives exactly that process's part.
"""

__all__ = ["local_slice"]


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
