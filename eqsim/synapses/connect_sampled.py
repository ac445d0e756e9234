"""The common case of ``connect(p=...)``, made without per-synapse NumPy work.

When a generator's kept positions are its targets (``connect(p=0.1)``,
``j='k for k in sample(N_post, p=...)'``: the element is the iteration variable, the range
starts at 0 with step 1 and stays inside the target group, there is no ``if`` clause and
no keep probability), nothing is left to evaluate per pair: the compiled sampler writes
the targets straight into one int32 array, and the presynaptic indices are its row counts
(spread out only for a caller that needs an array). The synapses are those of the general
path (the same draws, the same order).
"""
import numpy as np

from eqsim.core.build_progress import BuildProgress
from eqsim.runtime.sampling import bernoulli_counts

__all__ = ["RowCounts", "is_direct", "direct_pairs"]

# Synapses drawn per call: the progress a long build reports (no temporaries to bound).
_DIRECT_BLOCK = 1 << 24


class RowCounts:
    """Presynaptic indices in ascending order, held as the number of synapses of each source
    (``counts[k]`` synapses of source ``k``): ``np.repeat(arange, counts)`` left unmade.

    Parameters
    ----------
    counts : ndarray of int64
        One count per source neuron of the whole group.
    """

    def __init__(self, counts):
        self.counts = np.asarray(counts, dtype=np.int64)
        self.size = int(self.counts.sum())

    def __len__(self):
        return self.size

    def indices(self):
        """The presynaptic index of each synapse (int32)."""
        return np.repeat(np.arange(self.counts.size, dtype=np.int32), self.counts)


def is_direct(context, plan, side, keep):
    """Whether the generator's kept positions are exactly its targets."""
    spec = plan.spec
    return (spec.p is not None and spec.condition is None and side.outer == "i"
            and spec.element == spec.variable_symbol and isinstance(keep, float)
            and keep == 1.0 and not np.any(plan.start) and np.all(plan.step == 1)
            and np.all(plan.lengths <= side.n_target))


def direct_pairs(context, plan, row_blocks):
    """The ``(i, j)`` int32 arrays of the synapses onto ``context.target_start:target_stop``,
    sorted by ``i`` then ``j``, ``i`` as :class:`RowCounts` if ``context.compact_pre``;
    ``row_blocks(cost, budget)`` splits the rows."""
    lo, hi = context.target_start, context.target_stop
    progress = BuildProgress(f"connect() of '{context.obj}'")
    cost = plan.lengths * plan.sample_p * ((hi - lo) / max(context.n_post, 1)) + 1.0
    total, done = float(cost.sum()), 0.0
    counts = np.zeros(plan.lengths.size, dtype=np.int64)
    post_parts = [np.empty(0, dtype=np.int32)]
    for rows in row_blocks(cost, _DIRECT_BLOCK):
        counts[rows], post = bernoulli_counts(rows, plan.lengths[rows], lo, hi,
                                              plan.sample_p[rows], seed=context.seed,
                                              stream=context.stream, dtype=np.int32)
        post_parts.append(post)
        done += float(cost[rows].sum())
        progress.update(done / total)
    progress.finish()
    pre = RowCounts(counts)
    post = post_parts[-1] if len(post_parts) <= 2 else np.concatenate(post_parts)
    return (pre if context.compact_pre else pre.indices()), post
