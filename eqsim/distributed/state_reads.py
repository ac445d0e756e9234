"""Reading the state of a group split over processes: the whole group's values.

``G.v[:]`` in a script run under ``mpiexec -n K`` is what the same script gives in one
process, on every process: each process contributes the values of the elements it
stores and an ``Allgatherv`` joins them in rank order, which is index order (processes
store ascending, contiguous slices). The read is therefore a *collective*: every
process must make it (``if rank() == 0: print(G.v[:])`` would wait forever on rank 0;
read on every process, then print on one). Writes (``G.v = ...``, ``G.v[k] = ...``) are
local: each process sets the elements it stores, no communication.

Synapses: each process stores the synapses onto its neurons. ``S.w[...]`` and ``len(S)``
are collectives too and give the whole network's synapses in the order one process
stores them (:func:`whole_synapse_values`); ``S.N`` is the number stored by this process.
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


def synapse_order_keys(synapses, positions):
    """What orders stored synapses as one process stores them: the ``connect()`` call that
    made each (calls append), then its presynaptic index (a call makes its synapses row by
    row; within a row, processes hold ascending slices of the targets, so rank order is
    the one-process order)."""
    sizes = list(getattr(synapses, "_connect_sizes", []))
    if sum(sizes) != synapses.N:  # made otherwise (a restored state): one block
        sizes = [synapses.N]
    calls = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)[positions]
    pre = synapses.variables["_synaptic_pre"].array[positions].astype(np.int64)
    return calls * (synapses.source.global_size() + 1) + pre


def whole_synapse_values(comm, synapses, values, positions, item, by_number):
    """Collective: the values of every process's synapses at ``positions`` (this
    process's: ``values``) in one-process order; ``by_number``: ``item`` numbers synapses
    of the whole network (int, slice, array) and indexes the result."""
    keys = comm.allgather_array(synapse_order_keys(synapses, positions))
    joined = comm.allgather_array(np.asarray(values))
    joined = joined[np.argsort(keys, kind="stable")]
    return joined[item] if by_number else joined
