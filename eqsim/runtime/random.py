"""Counter-based random numbers that NumPy and the compiled kernels agree on.

Every draw is a pure function of four unsigned 64-bit integers
``(seed, stream, step, index)``; there is no generator state to carry, split or
synchronise, so a seeded model gives the same numbers on either target, in any
order of evaluation and on any number of MPI processes.

The generator is Philox4x32-10 (Salmon, Moraes, Dror & Shaw, "Parallel random
numbers: as easy as 1, 2, 3", SC'11), the counter-based generator of Random123,
cuRAND and JAX; it passes TestU01 BigCrush. The mapping of our four integers on
its 128-bit counter and 64-bit key is::

    counter = (index & 0xffffffff, index >> 32, step & 0xffffffff, step >> 32)
    key     = splitmix64(splitmix64(splitmix64(seed) ^ stream) ^ sub)

``sub`` is a sub-counter (0 for ``uniform``/``normal``/``exponential``) that lets
one key yield several numbers (the binomial sampler). The key derivation is a
bijection in each argument when the others are fixed, so two seeds (or two
streams) never share a key. One Philox call gives two 64-bit words; ``uint64``
and ``uniform`` use the first, ``normal`` uses both.

The C twin of this module is ``eqsim_random.h`` (next to this file); both
implement the same arithmetic so that uniforms and binomials are bit-identical
and normals/exponentials agree to the last ulp or so of ``log``/``cos``.
"""
import os

import numpy as np

from .glue_source import current_installed_glue

__all__ = [
    "uint64", "lanes", "uniform", "normal", "exponential", "geometric", "binomial",
    "philox_key", "random_header_dir", "CYTHON_DECLARATIONS",
]

# Philox4x32 multipliers and Weyl key increments (Random123).
_M0 = np.uint64(0xD2511F53)
_M1 = np.uint64(0xCD9E8D57)
_W0 = 0x9E3779B9
_W1 = 0xBB67AE85
_ROUNDS = 10
_MASK32 = np.uint64(0xFFFFFFFF)
_SHIFT32 = np.uint64(32)
_U64_MAX = (1 << 64) - 1

# splitmix64 (Steele, Lea & Flood 2014; Stafford's "Mix13" finaliser).
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)

# Elements per block: large enough to amortise NumPy call overhead, small
# enough that the ~10 temporaries stay in cache (measured: 16k is the sweet spot).
_BLOCK = 16384

# 52 random bits + 0.5 keep every uniform exactly representable: no rounding
# can reach 0 or 1, and no compiler reassociation can change the value.
_UNIFORM_SHIFT = np.uint64(12)
_UNIFORM_SCALE = 2.0 ** -52
_TWO_PI = 6.283185307179586

# Binomial: each inversion chunk has a mean of at most this many successes,
# which bounds the sequential search and keeps (1-p)**m far from underflow.
_BINOMIAL_CHUNK_MEAN = 30.0
# Sub-counter layout of a binomial draw: chunk number | (attempt << 40).
_ATTEMPT_SHIFT = 40
# Chunks expanded at once by the NumPy binomial (memory bound, not semantics).
_BINOMIAL_BATCH = 1 << 20

CYTHON_DECLARATIONS = '''\
from libc.stdint cimport uint64_t
cdef extern from "eqsim_random.h" nogil:
    uint64_t eqsim_key(uint64_t seed, uint64_t stream, uint64_t sub)
    uint64_t eqsim_bits(uint64_t seed, uint64_t stream, uint64_t step, uint64_t index)
    double eqsim_uniform(uint64_t seed, uint64_t stream, uint64_t step, uint64_t index)
    double eqsim_uniform_sub(uint64_t seed, uint64_t stream, uint64_t step, uint64_t index,
                             uint64_t sub)
    double eqsim_normal(uint64_t seed, uint64_t stream, uint64_t step, uint64_t index)
    double eqsim_exponential(uint64_t seed, uint64_t stream, uint64_t step, uint64_t index)
    uint64_t eqsim_geometric(double p, uint64_t seed, uint64_t stream, uint64_t step,
                             uint64_t index)
    uint64_t eqsim_binomial(uint64_t n, double p, uint64_t seed, uint64_t stream,
                            uint64_t step, uint64_t index)
'''
"""Cython ``cdef extern`` block declaring the C functions of ``eqsim_random.h``."""


def random_header_dir():
    """Return the folder holding ``eqsim_random.h`` (add it to the include path)."""
    return os.path.dirname(os.path.abspath(__file__))


def _as_u64(value, what):
    """Convert integers to uint64, wrapping negatives modulo 2**64 as C does."""
    if isinstance(value, int) and not isinstance(value, bool):
        return np.asarray(value & _U64_MAX, dtype=np.uint64)
    array = np.asarray(value)
    if array.dtype.kind == "u":
        return array.astype(np.uint64, copy=False)
    if array.dtype.kind in "ib":
        return array.astype(np.int64, copy=False).view(np.uint64)
    if array.dtype == object:
        return np.asarray([int(v) & _U64_MAX for v in array.ravel()],
                          dtype=np.uint64).reshape(array.shape)
    raise TypeError(f"{what} must be an integer or an integer array, not {array.dtype}")


def _splitmix64(x):
    with np.errstate(over="ignore"):
        z = x + _GOLDEN
        z = (z ^ (z >> np.uint64(30))) * _MIX1
        z = (z ^ (z >> np.uint64(27))) * _MIX2
        return z ^ (z >> np.uint64(31))


def _key_base(seed, stream):
    return _splitmix64(_splitmix64(seed) ^ stream)


def _keys(seed, stream, sub):
    return _splitmix64(_key_base(_as_u64(seed, "seed"), _as_u64(stream, "stream"))
                       ^ _as_u64(sub, "sub"))


def philox_key(seed, stream, sub=0):
    """Return the 64-bit Philox key of ``(seed, stream, sub)`` (C: ``eqsim_key``)."""
    key = _keys(seed, stream, sub)
    return int(key) if np.ndim(key) == 0 else key


def _numpy_philox_block(key, step, index):
    """The Philox rounds written with NumPy operations (no compiler needed)."""
    c0 = index & _MASK32
    c1 = index >> _SHIFT32
    c2 = np.broadcast_to(step & _MASK32, c0.shape).copy()
    c3 = np.broadcast_to(step >> _SHIFT32, c0.shape).copy()
    scalar_key = key.ndim == 0
    k0 = int(key) & 0xFFFFFFFF if scalar_key else key & _MASK32
    k1 = int(key) >> 32 if scalar_key else key >> _SHIFT32
    p0 = np.empty_like(c0)
    p1 = np.empty_like(c0)
    for round_number in range(_ROUNDS):
        if round_number:
            if scalar_key:
                k0 = (k0 + _W0) & 0xFFFFFFFF
                k1 = (k1 + _W1) & 0xFFFFFFFF
            else:
                k0 = (k0 + np.uint64(_W0)) & _MASK32
                k1 = (k1 + np.uint64(_W1)) & _MASK32
        np.multiply(c0, _M0, out=p0)
        np.multiply(c2, _M1, out=p1)
        # (c0, c1, c2, c3) <- (hi(p1) ^ c1 ^ k0, lo(p1), hi(p0) ^ c3 ^ k1, lo(p0))
        np.right_shift(p1, _SHIFT32, out=c0)
        np.bitwise_xor(c0, c1, out=c0)
        np.bitwise_xor(c0, np.uint64(k0) if scalar_key else k0, out=c0)
        np.bitwise_and(p1, _MASK32, out=c1)
        np.right_shift(p0, _SHIFT32, out=c2)
        np.bitwise_xor(c2, c3, out=c2)
        np.bitwise_xor(c2, np.uint64(k1) if scalar_key else k1, out=c2)
        np.bitwise_and(p0, _MASK32, out=c3)
    np.left_shift(c1, _SHIFT32, out=c1)
    np.left_shift(c3, _SHIFT32, out=c3)
    return c0 | c1, c2 | c3


# Implementations of the Philox rounds, by name: 'numpy' always; 'c' (eqsim_random.h,
# through the compiled glue's philox_words) once the glue is at hand (installed eqsim
# ships it; from a source checkout codegen registers it when it first loads it). Which
# one draws is the simulation context's choice (eqsim.core.context): a name, or None,
# "automatic": the fastest available ('c' once registered). Both give the same bits.
_IMPLEMENTATIONS = {"numpy": _numpy_philox_block}
_selected = [None]


def _compiled_rounds(philox_words):
    def rounds(key, step, index):
        return philox_words(np.broadcast_to(key, index.shape),
                            np.broadcast_to(step, index.shape), index)
    return rounds


#: C functions of the glue that replace NumPy code drawing the same numbers (by name:
#: 'bernoulli_rows', see eqsim.runtime.sampling), used while the 'c' rounds are selected
COMPILED_DRAWS = {}


def register_compiled_philox(glue):
    """Make the glue's C rounds (``glue.philox_words(key, step, index)`` -> ``(word0,
    word1)``, the same bits as the NumPy rounds) available as implementation ``'c'``, with
    its other drawing functions (:data:`COMPILED_DRAWS`); selecting them is the context's
    choice (:func:`select_philox`)."""
    _IMPLEMENTATIONS["c"] = _compiled_rounds(glue.philox_words)
    if hasattr(glue, "bernoulli_rows"):  # a glue built from an older checkout lacks it
        COMPILED_DRAWS["bernoulli_rows"] = glue.bernoulli_rows


def compiled_draw(name):
    """The C function ``name`` of :data:`COMPILED_DRAWS` when the C rounds draw now, else
    None (draw with NumPy)."""
    return COMPILED_DRAWS.get(name) if selected_philox() == "c" else None


_installed_glue = current_installed_glue()
if _installed_glue is not None:
    register_compiled_philox(_installed_glue)


def philox_implementations():
    """Names of the Philox round implementations available now."""
    return set(_IMPLEMENTATIONS)


def select_philox(name):
    """Draw with implementation ``name`` from now on, or (None) with the fastest
    available one (called by the current simulation context)."""
    if name is not None and name not in _IMPLEMENTATIONS:
        raise KeyError(name)
    _selected[0] = name


def automatic_philox():
    """The implementation an automatic choice uses now: 'c' when available."""
    return "c" if "c" in _IMPLEMENTATIONS else "numpy"


def selected_philox():
    """Name of the implementation draws use now."""
    return _selected[0] or automatic_philox()


def _philox_block(key, step, index):
    """Philox4x32-10 on one block; returns the two output words as uint64 arrays."""
    return _IMPLEMENTATIONS[_selected[0] or automatic_philox()](key, step, index)


def _draw(key, step, index, transform):
    """Run Philox over the broadcast of ``key``, ``step``, ``index`` block by block.

    ``transform(word0, word1)`` turns one block of raw words into results.
    Returns a NumPy scalar for scalar inputs, an array of the broadcast shape
    otherwise.
    """
    key, step, index = np.asarray(key), np.asarray(step), np.asarray(index)
    # A scalar key or step (the common case) stays a scalar inside the rounds.
    same_key, same_step = key.ndim == 0, step.ndim == 0
    shape = np.broadcast_shapes(key.shape, step.shape, index.shape)
    index = np.ascontiguousarray(np.broadcast_to(index, shape)).ravel()
    key = key if same_key else np.ascontiguousarray(np.broadcast_to(key, shape)).ravel()
    step = step if same_step else np.ascontiguousarray(np.broadcast_to(step, shape)).ravel()
    results = []
    for start in range(0, index.size, _BLOCK):
        stop = start + _BLOCK
        block_key = key if same_key else key[start:stop]
        block_step = step if same_step else step[start:stop]
        words = _philox_block(block_key, block_step, index[start:stop])
        results.append(transform(*words))
    if not results:
        out = transform(np.empty(0, np.uint64), np.empty(0, np.uint64))
    else:
        out = results[0] if len(results) == 1 else np.concatenate(results)
    out = out.reshape(shape + out.shape[1:])  # a transform may add trailing axes
    return out[()] if out.ndim == 0 else out


def _to_uniform(word):
    out = (word >> _UNIFORM_SHIFT).astype(np.float64)
    out += 0.5
    out *= _UNIFORM_SCALE
    return out


def _normal_from_words(word0, word1):
    radius = np.log(_to_uniform(word0))
    radius *= -2.0
    np.sqrt(radius, out=radius)
    angle = _to_uniform(word1)
    angle *= _TWO_PI
    np.cos(angle, out=angle)
    radius *= angle
    return radius


def _exponential_from_words(word0, word1):
    out = np.log(_to_uniform(word0))
    np.negative(out, out=out)
    return out


def uint64(seed, stream, step, index, *, sub=0):
    """Raw random bits: the first 64-bit output word of Philox4x32-10.

    Parameters
    ----------
    seed, stream, step, index : int or array_like of int
        The counter coordinates (uint64; negative values wrap as in C). All
        four broadcast against each other.
    sub : int or array_like of int, optional
        Sub-counter for several independent numbers per coordinate.

    Returns
    -------
    numpy.uint64 or ndarray of uint64
    """
    return _draw(_keys(seed, stream, sub), _as_u64(step, "step"), _as_u64(index, "index"),
                 lambda word0, word1: word0)


def lanes(seed, stream, step, index, *, sub=0):
    """The four 32-bit output words of Philox4x32-10 (C: ``eqsim_philox``): the low and
    high halves of the first 64-bit word, then of the second.

    Parameters
    ----------
    seed, stream, step, index : int or array_like of int
        Broadcast against each other.
    sub : int or array_like of int, optional
        Sub-counter.

    Returns
    -------
    ndarray of uint32
        The broadcast shape with a last axis of length 4.
    """
    def split(word0, word1):
        out = np.empty((word0.size, 4), dtype=np.uint32)
        out[:, 0] = word0 & _MASK32
        out[:, 1] = word0 >> _SHIFT32
        out[:, 2] = word1 & _MASK32
        out[:, 3] = word1 >> _SHIFT32
        return out
    return _draw(_keys(seed, stream, sub), _as_u64(step, "step"), _as_u64(index, "index"), split)


def uniform(seed, stream, step, index, *, sub=0):
    """Uniform draws in the open interval (0, 1) (C: ``eqsim_uniform``).

    The value is ``((bits >> 12) + 0.5) * 2**-52``: 52 random bits, every
    result exactly representable, the smallest ``2**-53`` and the largest
    ``1 - 2**-53``.

    Parameters
    ----------
    seed, stream, step, index : int or array_like of int
        Broadcast against each other.
    sub : int or array_like of int, optional
        Sub-counter (C: ``eqsim_uniform_sub``).

    Returns
    -------
    numpy.float64 or ndarray of float64
    """
    return _draw(_keys(seed, stream, sub), _as_u64(step, "step"), _as_u64(index, "index"),
                 lambda word0, word1: _to_uniform(word0))


def normal(seed, stream, step, index, *, sub=0):
    """Standard normal draws (C: ``eqsim_normal``).

    Box-Muller, cosine branch only, so one key gives one number:
    ``sqrt(-2 log u1) * cos(2 pi u2)`` with ``u1``, ``u2`` the uniforms of the
    two Philox output words.

    Parameters
    ----------
    seed, stream, step, index : int or array_like of int
        Broadcast against each other.
    sub : int or array_like of int, optional
        Sub-counter.

    Returns
    -------
    numpy.float64 or ndarray of float64
    """
    return _draw(_keys(seed, stream, sub), _as_u64(step, "step"), _as_u64(index, "index"),
                 _normal_from_words)


def exponential(seed, stream, step, index, *, sub=0):
    """Exponential draws with mean 1, ``-log(u)`` (C: ``eqsim_exponential``).

    Parameters
    ----------
    seed, stream, step, index : int or array_like of int
        Broadcast against each other.
    sub : int or array_like of int, optional
        Sub-counter.

    Returns
    -------
    numpy.float64 or ndarray of float64
    """
    return _draw(_keys(seed, stream, sub), _as_u64(step, "step"), _as_u64(index, "index"),
                 _exponential_from_words)


# the discrete draws live in their own module; re-exported here
from .random_discrete import binomial, geometric  # noqa: E402,F401
