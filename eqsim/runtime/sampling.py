"""Random subsets of index ranges, drawn from the counter-based generator.

The sampler behind ``connect(p=...)`` and ``sample(..., p=...)``: every element of a
range kept independently with probability ``p`` (the other sampler, a fixed number of
distinct elements, is eqsim/runtime/fixed_size_sampling.py). Each works on many rows (source neurons) at once,
and every draw is keyed by the row's own index and the draw's number (or the
position) within the row, so a row's result never depends on which other rows are processed
with it, on the block size, or on the order of processing.
"""
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from eqsim.runtime.random import compiled_draw, lanes, uniform
from eqsim.cpu_count import usable_cpus

__all__ = ["SUB_SAMPLE", "SUB_KEEP", "SUB_SIZE", "SUB_DENSE", "SUB_DENSE_TAIL", "BLOCK",
           "DENSE_P", "DENSE_BATCH", "bernoulli_positions", "bernoulli_window", "bernoulli_counts",
           "bernoulli_cost", "expand_ranges"]

#: Sub-counters that keep the kinds of draws of one connect call apart.
SUB_SAMPLE = 0  # geometric gaps of sample(p=...) / connect(p=...)
SUB_KEEP = 1    # one keep-or-drop draw per candidate pair
SUB_SIZE = 2    # fixed-size samples
SUB_DENSE = 3   # per-position bytes of dense Bernoulli rows
SUB_DENSE_TAIL = 4  # the 24 more bits of a dense position whose byte ties

#: Rows kept with at least this probability draw every position (a byte each, 16 per
#: Philox call, no log) instead of walking geometric gaps (one Philox call and one log per
#: kept position). (C: EQSIM_DENSE_P in eqsim_bernoulli.h, as the other constants of these
#: draws.)
DENSE_P = 0.04
#: Positions per batch of a dense row: ``128g + 32l + 4m + j`` is byte ``j`` of lane ``l``
#: of draw ``8g + m``.
DENSE_BATCH = 128

#: Positions per keyed block of a Bernoulli walk: the walk over positions
#: ``b*BLOCK:(b+1)*BLOCK`` of a row uses the draws ``(b << 32) + m``, so any window of a row
#: (the targets one process owns) is computed from the blocks it overlaps alone, with the
#: same result as the whole row. A constant: the connections must not depend on how many
#: processes share the targets. Rows of at most BLOCK positions are one block (draws 0, 1, ...).
BLOCK = 1024
_BLOCK_SHIFT = 32

# Extra draws per row beyond the expected number, in standard deviations, so
# that one pass almost always finishes a row (more passes stay correct).
_MARGIN_SD = 2.0

def expand_ranges(lengths):
    """Flat ``(row, position)`` pairs enumerating ``range(lengths[r])`` for each row.

    Parameters
    ----------
    lengths : ndarray of int64
        Number of positions in each row (non-negative).

    Returns
    -------
    rows, positions : ndarray of int64
        Sorted by row, then position.
    """
    lengths = np.asarray(lengths, dtype=np.int64)
    rows = np.repeat(np.arange(lengths.size), lengths)
    firsts = np.cumsum(lengths) - lengths
    positions = np.arange(rows.size, dtype=np.int64) - np.repeat(firsts, lengths)
    return rows, positions


def bernoulli_window(keys, lengths, lo, hi, p, *, seed, stream):
    """The positions in ``lo[r]:hi[r]`` that row ``r``'s Bernoulli sample of
    ``range(lengths[r])`` keeps, each with probability ``p[r]``.

    Each position's fate is drawn from the row's key and the position alone (see
    :func:`bernoulli_counts`), so the work is proportional to the window, and every
    window of a row agrees with the whole row.

    Parameters
    ----------
    keys : ndarray of int
        The RNG step of each row (its outer index).
    lengths, lo, hi : ndarray of int64
        Length of each row's range and the window of positions wanted.
    p : float or ndarray of float
        Keep probability of each row, in [0, 1].
    seed, stream : int

    Returns
    -------
    rows, positions : ndarray of int64
        Sorted by row, then position.
    """
    counts, positions = bernoulli_counts(keys, lengths, lo, hi, p, seed=seed, stream=stream)
    return np.repeat(np.arange(counts.size, dtype=np.int64), counts), positions


def bernoulli_counts(keys, lengths, lo, hi, p, *, seed, stream, dtype=np.int64):
    """:func:`bernoulli_window` as the number of positions of each row and the positions.

    A row with ``p >= DENSE_P`` draws every position: with ``t = floor(p * 2**32)``
    (``2**32`` for ``p >= 1``), position ``128g + 32l + 4m + j`` is kept when byte ``j`` of
    the 32-bit lane ``l`` of ``lanes(seed, stream, key, 8g + m, sub=SUB_DENSE)`` is below
    ``t >> 24``, or equal to it and the low 24 bits of lane 0 of ``lanes(seed, stream, key,
    position, sub=SUB_DENSE_TAIL)`` are below ``t & 0xFFFFFF`` (a 32-bit number below
    ``t``: probability ``p``; integers only, the same on every target). A sparser row
    walks geometric gaps ``floor(log(u) / log(1 - p))`` block by block (:data:`BLOCK`
    positions, block ``b`` drawing ``(b << 32) + m``), one draw per kept position.

    Parameters
    ----------
    keys, lengths, lo, hi, p, seed, stream
        As for :func:`bernoulli_window`.
    dtype : numpy dtype
        Integer type of the positions (int32 when they fit: half the memory).

    Returns
    -------
    counts : ndarray of int64
        Number of positions kept in each row.
    positions : ndarray of ``dtype``
        Row after row, ascending within a row.
    """
    keys = np.ascontiguousarray(keys, dtype=np.int64)
    lengths = np.ascontiguousarray(lengths, dtype=np.int64)
    lo = np.ascontiguousarray(np.broadcast_to(np.asarray(lo, dtype=np.int64), lengths.shape))
    hi = np.ascontiguousarray(np.broadcast_to(np.asarray(hi, dtype=np.int64), lengths.shape))
    p = np.ascontiguousarray(np.broadcast_to(np.asarray(p, dtype=np.float64), lengths.shape))
    rows_in_c = compiled_draw("bernoulli_rows")
    if rows_in_c is None:
        rows, positions = _numpy_window(keys, lengths, lo, hi, p, seed, stream)
        return np.bincount(rows, minlength=keys.size), positions.astype(dtype, copy=False)
    window = np.maximum(np.minimum(hi, lengths) - np.maximum(lo, 0), 0)
    width = window * np.clip(p, 0.0, 1.0)
    counts = np.empty(keys.size, dtype=np.int64)

    def part(rows):
        capacity = _capacity(float(width[rows].sum()))
        while True:  # more than 6 standard deviations above the mean: rarely a second pass
            out = np.empty(capacity, dtype=dtype)
            end = rows_in_c(keys[rows], lengths[rows], lo[rows], hi[rows], p[rows],
                            np.uint64(seed), np.uint64(stream), out, 0, counts[rows])
            if end >= 0:
                return out[:end]
            capacity *= 2

    parts = _row_parts(width + np.where(p >= DENSE_P, window / 4.0, 0.0))
    if len(parts) == 1:
        return counts, part(parts[0])
    # rows are independent (keyed draws): each thread walks its own rows, the C walk
    # releases the GIL, and the positions are joined in row order (the same result)
    with ThreadPoolExecutor(max_workers=len(parts)) as pool:
        positions = list(pool.map(part, parts))
    return counts, np.concatenate(positions)


#: Work (kept positions, a quarter per dense candidate) below which one thread walks all
#: rows: a thread's start and the joined copy cost about what 50,000 positions take.
PARALLEL_WORK = 200_000


def _row_parts(cost):
    """Slices of consecutive rows of about equal ``cost``, one per CPU this process may run
    on (the connections do not depend on it); one slice when the work is small."""
    total = float(cost.sum())
    n = min(usable_cpus(), int(total // PARALLEL_WORK)) if cost.size > 1 else 1
    if n <= 1:
        return [slice(0, cost.size)]
    bounds = np.searchsorted(np.cumsum(cost), total * np.arange(1, n) / n)
    edges = [0, *np.unique(np.clip(bounds + 1, 1, cost.size - 1)).tolist(), cost.size]
    return [slice(a, b) for a, b in zip(edges[:-1], edges[1:])]


def _capacity(expected):
    """Room for the positions of rows expecting ``expected`` in all: 6 standard deviations
    more (a larger number is drawn about once in 10^9 calls)."""
    return int(expected + 6.0 * expected ** 0.5) + 64


def bernoulli_cost(lengths, p):
    """Work (in elements) of :func:`bernoulli_window` for each whole row, for block sizing:
    the positions kept, and for dense rows the NumPy draws of every position."""
    lengths = np.asarray(lengths, dtype=np.float64)
    p = np.asarray(p, dtype=np.float64)
    return lengths * p + np.where(p >= DENSE_P, lengths / 4, 0.0)


def _numpy_window(keys, lengths, lo, hi, p, seed, stream):
    """:func:`bernoulli_window` with NumPy: dense rows and walked rows, merged."""
    lo = np.maximum(lo, 0)
    hi = np.minimum(hi, lengths)
    dense = p >= DENSE_P
    rows = [np.flatnonzero(dense), np.flatnonzero(~dense)]
    found = [_dense_window(keys[rows[0]], lo[rows[0]], hi[rows[0]], p[rows[0]], seed, stream),
             _walked_window(keys[rows[1]], lengths[rows[1]], lo[rows[1]], hi[rows[1]],
                            p[rows[1]], seed, stream)]
    return _sorted_by_row([part[owner] for part, (owner, _) in zip(rows, found)],
                          [position for _, position in found])


def _dense_window(keys, lo, hi, p, seed, stream):
    """Per-position draws of each row's window ``lo:hi`` (see :func:`bernoulli_counts`)."""
    first = lo // DENSE_BATCH
    n_batches = np.where(hi > lo, (hi - 1) // DENSE_BATCH - first + 1, 0)
    row, offset = expand_ranges(n_batches)
    batch = first[row] + offset
    counters = (batch * 8)[:, None] + np.arange(8, dtype=np.int64)
    draws = lanes(seed, stream, keys[row][:, None], counters, sub=SUB_DENSE)  # (., m, l)
    # byte j of lane l of draw 8g + m is position 32l + 4m + j of the batch
    shifts = np.arange(0, 32, 8, dtype=np.uint32)
    bytes_ = ((draws[..., None] >> shifts) & 0xFF).transpose(0, 2, 1, 3).reshape(-1, DENSE_BATCH)
    threshold = np.where(p >= 1.0, 2 ** 32, np.floor(p * 2.0 ** 32)).astype(np.uint64)[row]
    high = (threshold >> np.uint64(24))[:, None]
    keep = bytes_ < high
    position = batch[:, None] * DENSE_BATCH + np.arange(DENSE_BATCH, dtype=np.int64)
    tied, bit = np.nonzero(bytes_ == high)
    if tied.size:  # a 32-bit number below the threshold: the byte ties, so the tail decides
        tails = lanes(seed, stream, keys[row[tied]], position[tied, bit],
                      sub=SUB_DENSE_TAIL)[:, 0] & np.uint32(0xFFFFFF)
        keep[tied, bit] = tails < (threshold[tied] & np.uint64(0xFFFFFF))
    keep &= (position >= lo[row][:, None]) & (position < hi[row][:, None])
    found, bit = np.nonzero(keep)
    return row[found], position[found, bit]


def _walked_window(keys, lengths, lo, hi, p, seed, stream):
    """The geometric walk of the blocks that overlap each row's window ``lo:hi``."""
    first = lo // BLOCK
    n_blocks = np.where(hi > lo, (hi - 1) // BLOCK - first + 1, 0)
    row, offset = expand_ranges(n_blocks)
    block = first[row] + offset
    block_start = block * BLOCK
    block_length = np.minimum(BLOCK, lengths[row] - block_start)
    found, position = bernoulli_positions(keys[row], block_length, p[row], seed=seed,
                                          stream=stream, draw_base=block << _BLOCK_SHIFT)
    # found is sorted: spread per-block values with np.repeat (faster than indexing)
    counts = np.bincount(found, minlength=row.size)
    position += np.repeat(block_start, counts)
    owner = np.repeat(row, counts)
    partial = (block_start < lo[row]) | (block_start + block_length > hi[row])
    if partial.any():  # blocks that the window cuts: keep the window's positions
        inside = (position >= np.repeat(lo[row], counts)) & (position < np.repeat(hi[row], counts))
        owner, position = owner[inside], position[inside]
    return owner, position


def bernoulli_positions(keys, lengths, p, *, seed, stream, draw_base=None):
    """Positions of each row kept independently with probability ``p``, by geometric gaps.

    Row ``r`` walks over ``range(lengths[r])`` by geometric gaps
    ``floor(log(u) / log(1 - p))``: its ``m``-th draw is
    ``uniform(seed, stream, step=keys[r], index=m)``, so the cost is
    proportional to the number of positions kept, not to the range's length.
    (The walk of sparse rows; :func:`bernoulli_window` chooses.)

    Parameters
    ----------
    keys : ndarray of int
        The RNG step of each row (the source neuron's index).
    lengths : ndarray of int64
        Length of each row's range.
    p : ndarray of float
        Keep probability of each row, in [0, 1].
    seed, stream : int
        Counter coordinates of this connect call.
    draw_base : ndarray of int64, optional
        Index of each row's first draw (0), for rows that are blocks of a longer row.

    Returns
    -------
    rows, positions : ndarray of int64
        Row numbers (into ``keys``) and kept positions, sorted by row, then position.
    """
    keys = np.asarray(keys, dtype=np.int64)
    lengths = np.asarray(lengths, dtype=np.int64)
    p = np.broadcast_to(np.asarray(p, dtype=np.float64), lengths.shape)
    live = np.flatnonzero((lengths > 0) & (p > 0.0))
    last = np.full(live.size, -1, dtype=np.int64)   # last kept (or passed) position
    drawn = np.zeros(live.size, dtype=np.int64)     # draws used so far
    found_rows, found_positions = [], []
    with np.errstate(divide="ignore"):
        log_q = np.log1p(-p)  # -inf for p == 1: every gap is 0
    uniform_p = bool(live.size) and bool(np.all(p[live] == p[live[0]]))
    longest = float(lengths.max(initial=0))
    while live.size:
        remaining = lengths[live] - last - 1
        busy = remaining > 0
        live, last, drawn, remaining = live[busy], last[busy], drawn[busy], remaining[busy]
        if not live.size:
            break
        expected = remaining * p[live]
        # Each draw advances at least one position, so never more than `remaining`.
        batch = np.minimum(np.ceil(expected + _MARGIN_SD * np.sqrt(expected) + 2.0),
                           remaining).astype(np.int64)
        # Flat arrays over all draws of this pass; per-row values are spread
        # with np.repeat (much faster than fancy indexing with a row array).
        firsts = np.cumsum(batch) - batch
        owner = np.repeat(live, batch)
        index = np.arange(owner.size, dtype=np.int64)
        shift = drawn - firsts if draw_base is None else drawn - firsts + draw_base[live]
        index += np.repeat(shift, batch)  # the m-th draw of a row has index m (+ its base)
        values = uniform(seed, stream, np.repeat(keys[live], batch), index, sub=SUB_SAMPLE)
        with np.errstate(divide="ignore", invalid="ignore"):
            np.log(values, out=values)
            values /= log_q[live[0]] if uniform_p else np.repeat(log_q[live], batch)
        np.floor(values, out=values)  # the geometric gaps
        np.minimum(values, longest, out=values)  # keeps the int conversion finite
        positions = values.astype(np.int64)
        positions += 1
        np.cumsum(positions, out=positions)
        walked_before = np.where(firsts > 0, positions[firsts - 1], 0)
        positions += np.repeat(last - walked_before, batch)
        inside = positions < np.repeat(lengths[live], batch)
        found_rows.append(owner[inside])  # sorted by row, positions ascending
        found_positions.append(positions[inside])
        # A row whose last draw (hence every draw) landed inside may have more to come.
        ends = firsts + batch - 1
        more = inside[ends]
        last = positions[ends[more]]
        drawn = drawn[more] + batch[more]
        live = live[more]
    return _sorted_by_row(found_rows, found_positions)


def _sorted_by_row(row_parts, position_parts):
    """Merge parts, each sorted by (row, position), into one sorted by (row, position).

    A row's positions must ascend across the parts in part order (true for
    successive passes of the walk, and for rows that lie in a single part).
    """
    if not row_parts:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    rows = np.concatenate(row_parts).astype(np.int64, copy=False)
    positions = np.concatenate(position_parts).astype(np.int64, copy=False)
    if len(row_parts) > 1:
        order = np.argsort(rows, kind="stable")  # radix sort on integers: linear time
        rows, positions = rows[order], positions[order]
    return rows, positions
