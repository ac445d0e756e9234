"""Discrete draws from the counter-based generator: geometric gaps (connection
sampling, Poisson spike trains) and exact binomials (PoissonInput).

Same arithmetic as ``eqsim_geometric`` / ``eqsim_binomial`` in ``eqsim_random.h``;
see :mod:`eqsim.runtime.random` for the generator itself.
"""
import numpy as np

from .random import (_U64_MAX, _as_u64, _draw, _key_base, _splitmix64, _to_uniform, uniform,
                     _BINOMIAL_CHUNK_MEAN, _ATTEMPT_SHIFT, _BINOMIAL_BATCH)

__all__ = ["geometric", "binomial", "poisson"]


def _check_probability(p):
    p = np.asarray(p, dtype=np.float64)
    if not np.all((p >= 0.0) & (p <= 1.0)):
        raise ValueError("probabilities must lie in [0, 1]")
    return p


def geometric(p, seed, stream, step, index):
    """Number of failures before the first success in Bernoulli(p) trials.

    ``floor(log(u) / log1p(-p))`` (C: ``eqsim_geometric``), the gap to skip when
    sampling connections with probability ``p``. Agrees with C except when the
    quotient falls within an ulp of an integer (``log`` may differ by an ulp
    between libm and NumPy), which happens with probability ~1e-15 per draw.
    ``p == 0`` gives ``2**64 - 1`` (never).

    Parameters
    ----------
    p : float or array_like of float
        Success probability in [0, 1].
    seed, stream, step, index : int or array_like of int
        Broadcast against each other and against ``p``.

    Returns
    -------
    numpy.uint64 or ndarray of uint64
    """
    p = _check_probability(p)
    u = uniform(seed, stream, step, index)
    p, u = np.broadcast_arrays(p, u)
    with np.errstate(divide="ignore", invalid="ignore"):
        skips = np.floor(np.log(u) / np.log1p(-p))
    never = (p == 0.0) | ~(skips < 2.0 ** 64)
    out = np.where(never, 0.0, skips).astype(np.uint64)
    out[never] = _U64_MAX
    out[p == 1.0] = 0
    return out[()] if out.ndim == 0 else out


def _power(base, exponent):
    """``base ** exponent`` by binary exponentiation, the same products as the C code."""
    result = np.ones_like(base)
    base = base.copy()
    exponent = exponent.copy()
    while np.any(exponent):
        odd = (exponent & np.uint64(1)).astype(bool)
        result[odd] *= base[odd]
        base *= base
        exponent >>= np.uint64(1)
    return result


def _cdf_tables(trials, first_pmf, ratio):
    """Cumulative probabilities of Binomial(trials, p), one row per distinct chunk kind.

    Built with exactly the operations of the C search loop, so a sorted search
    in a row returns the same ``k`` as C. A row stops where C would stop:
    at 1 (every uniform is covered), past ``trials`` or when the probability
    underflows to 0 (C then draws again). Returns the rows and their lengths.
    """
    pmf = first_pmf.copy()
    columns = [first_pmf.copy()]
    lengths = np.ones(trials.size, dtype=np.int64)
    growing = np.flatnonzero(first_pmf < 1.0)
    k = 0
    while growing.size:
        k += 1
        column = np.full(trials.size, np.inf)
        growing = growing[trials[growing] >= np.uint64(k)]
        factor = (trials[growing] - np.uint64(k - 1)).astype(np.float64)
        factor *= ratio[growing]
        factor /= float(k)
        pmf[growing] *= factor
        growing = growing[pmf[growing] != 0.0]
        column[growing] = columns[-1][growing] + pmf[growing]
        lengths[growing] += 1
        columns.append(column)
        growing = growing[column[growing] < 1.0]
    return np.stack(columns, axis=1), lengths


def _chunk_kinds(trials, first_pmf, ratio):
    """Number the distinct chunk kinds ``(trials, first_pmf, ratio)``; tabulate each once."""
    columns = (trials, first_pmf.view(np.uint64), ratio.view(np.uint64))
    order = np.lexsort(columns[::-1])
    changed = np.zeros(order.size, dtype=bool)
    changed[0] = True
    for column in columns:
        changed[1:] |= column[order][1:] != column[order][:-1]
    firsts = order[changed]
    kind_of = np.empty(order.size, dtype=np.int64)
    kind_of[order] = np.cumsum(changed) - 1
    tables, lengths = _cdf_tables(trials[firsts], first_pmf[firsts], ratio[firsts])
    return kind_of, tables, lengths


def _binomial_chunks(kind_of, tables, lengths, key_base, step, index, chunk):
    """Binomial draws for a flat batch of independent chunks by inversion.

    The draw is the first ``k`` whose cumulative probability in the chunk's
    table reaches the uniform; a uniform beyond the end of the table is
    replaced by the next attempt's, as in C.
    """
    successes = np.zeros(kind_of.size, dtype=np.uint64)
    pending = np.arange(kind_of.size)
    attempt = 0
    while pending.size:
        sub = chunk[pending] | np.uint64(attempt << _ATTEMPT_SHIFT)
        u = np.atleast_1d(_draw(_splitmix64(key_base[pending] ^ sub), step[pending],
                                index[pending], lambda word0, word1: _to_uniform(word0)))
        k = np.empty(pending.size, dtype=np.int64)
        pending_kind = kind_of[pending]
        order = np.argsort(pending_kind, kind="stable")
        bounds = np.searchsorted(pending_kind[order], np.arange(len(tables) + 1))
        for kind in np.flatnonzero(np.diff(bounds)):
            members = order[bounds[kind]:bounds[kind + 1]]
            k[members] = np.searchsorted(tables[kind, :lengths[kind]], u[members])
        done = k < lengths[pending_kind]
        successes[pending[done]] = k[done]
        pending = pending[~done]
        attempt += 1
    return successes


def binomial(n, p, seed, stream, step, index):
    """Exact Binomial(n, p) draws (C: ``eqsim_binomial``, bit-identical).

    Algorithm (identical in C): for ``p > 1/2`` return ``n - B(n, 1-p)``. Split
    the ``n`` trials into chunks of ``m = n`` trials when ``n p < 30``, else
    ``m = floor(30 / p)`` (the last chunk takes the remainder); a sum of
    independent binomials with the same ``p`` is binomial, so this is exact.
    Each chunk is sampled by inversion: the first ``k`` whose cumulative
    probability (summed from ``(1-p)**m``, computed by repeated squaring)
    reaches the uniform of sub-counter ``chunk | attempt << 40``; when
    rounding leaves the uniform uncovered, the next attempt draws again. Only
    correctly rounded ``+ - * /`` touch the numbers, so C and NumPy agree bit
    for bit. The cost grows like ``n p``.

    Parameters
    ----------
    n : int or array_like of int
        Number of trials (>= 0).
    p : float or array_like of float
        Success probability in [0, 1].
    seed, stream, step, index : int or array_like of int
        Counter coordinates; everything broadcasts.

    Returns
    -------
    numpy.uint64 or ndarray of uint64
    """
    n_array = np.asarray(n)
    if n_array.dtype.kind not in "iub" or np.any(n_array < 0):
        raise ValueError("the number of trials must be a non-negative integer")
    arrays = np.broadcast_arrays(n_array.astype(np.uint64), _check_probability(p),
                                 _as_u64(seed, "seed"), _as_u64(stream, "stream"),
                                 _as_u64(step, "step"), _as_u64(index, "index"))
    shape = arrays[0].shape
    n_flat, p_flat, seed_flat, stream_flat, step_flat, index_flat = (
        np.ascontiguousarray(a).ravel() for a in arrays)
    flip = p_flat > 0.5
    prob = np.where(flip, 1.0 - p_flat, p_flat)
    out = np.zeros(n_flat.size, dtype=np.uint64)
    live = np.flatnonzero((prob > 0.0) & (n_flat > 0))
    if live.size:
        trials, prob = n_flat[live], prob[live]
        q = 1.0 - prob
        ratio = prob / q
        chunk_trials = trials.copy()
        large = trials.astype(np.float64) * prob >= _BINOMIAL_CHUNK_MEAN
        chunk_trials[large] = np.minimum(
            (_BINOMIAL_CHUNK_MEAN / prob[large]).astype(np.uint64), trials[large])
        full_chunks = trials // chunk_trials
        remainder = trials % chunk_trials
        n_chunks = (full_chunks + (remainder > 0)).astype(np.int64)
        sizes = np.concatenate([chunk_trials, remainder])
        kind_of, tables, lengths = _chunk_kinds(
            sizes, _power(np.concatenate([q, q]), sizes), np.concatenate([ratio, ratio]))
        full_kind, remainder_kind = kind_of[:live.size], kind_of[live.size:]
        key_base = _key_base(seed_flat[live], stream_flat[live])
        step_live, index_live = step_flat[live], index_flat[live]
        # Bound the memory of one batch of expanded chunks.
        batch_of = np.cumsum(n_chunks) // _BINOMIAL_BATCH
        for batch in np.unique(batch_of):
            members = np.flatnonzero(batch_of == batch)
            counts = n_chunks[members]
            owner = np.repeat(members, counts)
            first = np.cumsum(counts) - counts
            chunk = (np.arange(owner.size) - np.repeat(first, counts)).astype(np.uint64)
            kind = np.where(chunk < full_chunks[owner], full_kind[owner], remainder_kind[owner])
            successes = _binomial_chunks(kind, tables, lengths, key_base[owner],
                                         step_live[owner], index_live[owner], chunk)
            out[live[members]] = np.add.reduceat(successes, first)
    out[flip] = n_flat[flip] - out[flip]
    out = out.reshape(shape)
    return out[()] if out.ndim == 0 else out


_POISSON_MAX_K = 1000  # C: EQSIM_POISSON_MAX_K


def _poisson_search(u, first, mean):
    """Sequential inversion, element by element the C loop's arithmetic; -1 where the
    uniform stays uncovered (rounding, underflow: drawn again)."""
    k = np.zeros(u.size, dtype=np.int64)
    pmf, cdf = first.copy(), first.copy()
    active = np.flatnonzero(u > cdf)
    while active.size:
        k[active] += 1
        pmf[active] = pmf[active] * mean[active] / k[active].astype(np.float64)
        failed = (pmf[active] == 0.0) | (k[active] > _POISSON_MAX_K)
        k[active[failed]] = -1
        active = active[~failed]
        cdf[active] += pmf[active]
        active = active[u[active] > cdf[active]]
    return k


def poisson(lam, seed, stream, step, index):
    """Poisson draws of mean ``lam`` (C: ``eqsim_poisson``), as floats.

    Algorithm (identical in C): a mean of 0, below 0 or NaN gives 0, one above 1e12
    NaN. The mean is split into ``c = ceil(lam/30)`` equal chunks (a sum of
    independent Poisson draws is Poisson); each chunk is drawn by inversion: the first
    ``k`` whose cumulative probability, summed from ``exp(-lam/c)`` with ``pmf *=
    mean / k``, reaches the uniform of sub-counter ``chunk | attempt << 40``; when
    rounding leaves the uniform uncovered, the next attempt draws again. Besides
    correctly rounded ``+ - * /`` only ``exp`` touches the numbers: C and NumPy agree
    unless their ``exp`` differ by an ulp and a uniform falls within it (~1e-15 per
    draw). The cost grows like ``lam``.

    Parameters
    ----------
    lam : float or array_like of float
        The mean (dimensionless).
    seed, stream, step, index : int or array_like of int
        Counter coordinates; everything broadcasts.

    Returns
    -------
    numpy.float64 or ndarray of float64
    """
    arrays = np.broadcast_arrays(np.asarray(lam, dtype=np.float64), _as_u64(seed, "seed"),
                                 _as_u64(stream, "stream"), _as_u64(step, "step"),
                                 _as_u64(index, "index"))
    shape = arrays[0].shape
    lam, seed, stream, step, index = (np.ascontiguousarray(a).ravel() for a in arrays)
    out = np.zeros(lam.size, dtype=np.float64)
    out[~(lam <= 1e12) & (lam > 0.0)] = np.nan
    live = np.flatnonzero((lam > 0.0) & (lam <= 1e12))
    if live.size:
        chunks = np.ceil(lam[live] / _BINOMIAL_CHUNK_MEAN)
        mean = lam[live] / chunks
        first = np.exp(-mean)
        base = _key_base(seed[live], stream[live])
        n_chunks = chunks.astype(np.uint64)
        total = np.zeros(live.size, dtype=np.uint64)
        for chunk in range(int(n_chunks.max())):
            members = np.flatnonzero(n_chunks > np.uint64(chunk))
            pending, attempt = members, 0
            while pending.size:
                sub = np.uint64(chunk) | np.uint64(attempt << _ATTEMPT_SHIFT)
                u = np.atleast_1d(_draw(_splitmix64(base[pending] ^ sub), step[live][pending],
                                        index[live][pending],
                                        lambda word0, word1: _to_uniform(word0)))
                k = _poisson_search(u, first[pending], mean[pending])
                done = k >= 0
                total[pending[done]] += k[done].astype(np.uint64)
                pending = pending[~done]
                attempt += 1
        out[live] = total.astype(np.float64)
    out = out.reshape(shape)
    return out[()] if out.ndim == 0 else out
