"""Fixed-size random subsets of index ranges (``sample(..., size=...)``), drawn from the
counter-based generator: the other sampler behind ``connect`` (eqsim/runtime/sampling.py
has the Bernoulli one). Every draw is keyed by the row's own index and the draw's number
(or the position) within the row, so a row's result never depends on which other rows
are processed with it.
"""
import numpy as np

from eqsim.runtime.random import uniform
from eqsim.runtime.sampling import SUB_SIZE, _sorted_by_row, expand_ranges

__all__ = ["fixed_size_positions", "fixed_size_cost"]

# Floyd's algorithm costs ~size**2/2 comparisons per row, sorting random keys
# ~40 ns per element of the range; pick the cheaper one (measured ratio).
_FLOYD_RATIO = 64


def fixed_size_cost(lengths, sizes):
    """Work (in elements) of :func:`fixed_size_positions` for each row, for block sizing."""
    lengths = np.asarray(lengths, dtype=np.int64)
    sizes = np.asarray(sizes, dtype=np.int64)
    floyd = _use_floyd(lengths, sizes)
    return np.where(floyd, sizes + sizes * sizes // _FLOYD_RATIO, lengths)


def _use_floyd(lengths, sizes):
    return sizes.astype(np.float64) ** 2 <= _FLOYD_RATIO * lengths.astype(np.float64)


def fixed_size_positions(keys, lengths, sizes, *, seed, stream):
    """``sizes[r]`` distinct positions of ``range(lengths[r])`` for each row, uniformly.

    Small samples of long ranges use Floyd's algorithm (draw ``m`` of row
    ``r`` is ``uniform(seed, stream, step=keys[r], index=m)``); large ones keep
    the ``size`` positions with the smallest random keys (the key of position
    ``x`` is ``uniform(..., index=x)``). Both give every subset the same
    probability, and the choice depends only on the row's own numbers.

    Parameters
    ----------
    keys : ndarray of int
        The RNG step of each row.
    lengths, sizes : ndarray of int64
        Range length and sample size of each row (``0 <= sizes <= lengths``).
    seed, stream : int
        Counter coordinates of this connect call.

    Returns
    -------
    rows, positions : ndarray of int64
        Sorted by row, then position.
    """
    keys = np.asarray(keys, dtype=np.int64)
    lengths = np.asarray(lengths, dtype=np.int64)
    sizes = np.asarray(sizes, dtype=np.int64)
    floyd = _use_floyd(lengths, sizes) & (sizes > 0)
    by_floyd = _floyd_positions(np.flatnonzero(floyd), keys, lengths, sizes, seed, stream)
    by_keys = _smallest_key_positions(np.flatnonzero(~floyd & (sizes > 0)), keys, lengths,
                                      sizes, seed, stream)
    return _sorted_by_row([by_floyd[0], by_keys[0]], [by_floyd[1], by_keys[1]])


def _floyd_positions(rows, keys, lengths, sizes, seed, stream):
    """Floyd's sampling without replacement, vectorised over rows.

    For ``m`` in ``0..size-1`` with ``t = length - size + m``: draw ``r``
    uniformly in ``[0, t]``; take ``r`` unless already taken, then ``t``.
    """
    size = sizes[rows]
    chosen = np.full((rows.size, int(size.max(initial=0))), -1, dtype=np.int64)
    for m in range(chosen.shape[1]):
        active = np.flatnonzero(size > m)
        top = lengths[rows[active]] - size[active] + m
        u = uniform(seed, stream, keys[rows[active]], m, sub=SUB_SIZE)
        pick = np.minimum((u * (top + 1)).astype(np.int64), top)
        taken = (chosen[active, :m] == pick[:, None]).any(axis=1)
        chosen[active, m] = np.where(taken, top, pick)
    chosen.sort(axis=1)
    mask = chosen >= 0
    owner = np.broadcast_to(rows[:, None], chosen.shape)[mask]
    return owner, chosen[mask]


def _smallest_key_positions(rows, keys, lengths, sizes, seed, stream):
    """The ``size`` positions with the smallest uniform keys, per row."""
    owner, positions = expand_ranges(lengths[rows])
    u = uniform(seed, stream, keys[rows][owner], positions, sub=SUB_SIZE)
    order = np.lexsort((u, owner))
    firsts = np.cumsum(lengths[rows]) - lengths[rows]
    rank = np.arange(order.size) - firsts[owner[order]]
    picked = np.sort(order[rank < sizes[rows][owner[order]]])
    return rows[owner[picked]], positions[picked]
