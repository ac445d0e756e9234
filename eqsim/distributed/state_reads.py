"""Reading the state of a group split over processes: the whole group's values.

``G.v[:]`` in a script run under ``mpiexec -n K`` is what the same script gives in one
process, on every process: each process contributes the values of the elements it
stores and an ``Allgatherv`` joins them in rank order, which is index order (processes
store ascending, contiguous slices). The read is therefore a *collective*: every
process must make it (``if rank() == 0: print(G.v[:])`` would wait forever on rank 0;
read on every process, then print on one). Writes (``G.v = ...``, ``G.v[k] = ...``) are
local: each process sets the elements it stores, no communication.
"""
import numpy as np


def whole_values(comm, group, values, item):
    """Collective: ``values`` of this process's stored elements of ``group`` joined with
    every other process's, then indexed by ``item`` (a string index: the elements that
    satisfy it, already selected by each process)."""
    joined = comm.allgather_array(np.asarray(values))
    if isinstance(item, str):
        return joined
    return joined[item]
