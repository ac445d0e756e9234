"""A stored synapse's canonical identity: (presynaptic index, postsynaptic index, rank).

Random draws of stored synapses (string assignments, on_pre/on_post, run_regularly,
synaptic equations and their noise) are keyed by this identity
(:func:`eqsim.runtime.streams.synapse_key`), not by where the synapse is stored, so that
the same synapses made in another order, by several connect() calls, or by the process
that owns their target neurons draw the same numbers. The rank ``k`` tells apart the
synapses of one pair (Brian2's ``multisynaptic_index``: 0, 1, ... in creation order).
"""
import numpy as np

from ..core.context import current_context
from ..ir.operations import SynapseIdentity
from ..ir.variables import ArrayVariable
from ..runtime.streams import synapse_key
from ..units import DIMENSIONLESS

__all__ = ["multisynaptic_ranks", "synapse_identity", "synapse_draw_keys"]


def multisynaptic_ranks(pre, post, n_post):
    """Rank of each synapse among the synapses of its ``(pre, post)`` pair, in storage
    (creation) order.

    Parameters
    ----------
    pre, post : ndarray of int
    n_post : int

    Returns
    -------
    ndarray of int32
    """
    pair = np.asarray(pre, dtype=np.int64) * n_post + np.asarray(post, dtype=np.int64)
    if pair.size < 2 or bool(np.all(pair[1:] > pair[:-1])):  # connect()'s usual order: O(n)
        return np.zeros(pair.size, dtype=np.int32)
    order = np.argsort(pair, kind="stable")
    first = np.r_[True, pair[order][1:] != pair[order][:-1]]
    start_of_run = np.maximum.accumulate(np.where(first, np.arange(pair.size), 0))
    rank = np.empty(pair.size, dtype=np.int32)
    rank[order] = np.arange(pair.size) - start_of_run
    return rank


def _rank_variable(synapses):
    """The ranks as an ArrayVariable, None when every pair has one synapse (no memory is
    spent on them then). Computed once per set of synapses (cached until they change)."""
    if synapses.multisynaptic_index is not None:
        return synapses.variables[synapses.multisynaptic_index]
    pre = synapses.variables["_synaptic_pre"].array
    post = synapses.variables["_synaptic_post"].array
    # the synapses change only by connect() or by restoring a state (new arrays)
    stamp = (synapses.N, synapses._connect_calls, pre.__array_interface__["data"][0],
             post.__array_interface__["data"][0])
    cache = current_context().cache(synapses, "multisynaptic_ranks")
    if cache.get("stamp") != stamp:
        ranks = multisynaptic_ranks(pre, post, synapses.target.global_size())
        cache["variable"] = ArrayVariable("_synaptic_rank", synapses.name, DIMENSIONLESS,
                                          array=ranks) if ranks.any() else None
        cache["stamp"] = stamp
    return cache["variable"]


def synapse_identity(synapses):
    """The :class:`~eqsim.ir.operations.SynapseIdentity` a kernel over ``synapses`` keys
    its draws with."""
    return SynapseIdentity(synapses.variables["_synaptic_pre"],
                           synapses.variables["_synaptic_post"],
                           lambda: _rank_variable(synapses),
                           synapses.source.global_size(), synapses.target.global_size())


def synapse_draw_keys(synapses, indices):
    """The draw keys of the stored synapses at ``indices`` (storage positions)."""
    identity = synapse_identity(synapses)
    rank = None if identity.rank is None else identity.rank.array[indices]
    return synapse_key(identity.pre.array[indices], identity.post.array[indices], rank,
                       identity.n_pre, identity.n_post)
