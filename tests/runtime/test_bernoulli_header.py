"""eqsim_bernoulli.h: the AVX2 keep masks of a dense batch and their scalar twin (what a CPU
without AVX2 runs) are the same bits, and agree with the definition of dense draws written
here with NumPy (a byte per position, 24 more bits where the byte ties)."""
import numpy as np
import pytest

from eqsim.runtime import random as rng
from eqsim.runtime import sampling

C_SOURCE = '''
# cython: language_level=3
from libc.stdint cimport int64_t, uint32_t, uint64_t
cdef extern from "eqsim_bernoulli.h" nogil:
    void eqsim_dense_batch(uint64_t key, uint64_t tail_key, uint64_t step, uint64_t batch,
                           uint64_t threshold, uint64_t *masks)
    void eqsim_dense_batch_scalar(uint64_t key, uint64_t tail_key, uint64_t step,
                                  uint64_t batch, uint64_t threshold, uint64_t *masks)
    uint64_t eqsim_window_word(int64_t first, int64_t lo, int64_t hi)
    uint64_t eqsim_bernoulli_threshold(double p)

def masks(uint64_t key, uint64_t tail_key, const uint64_t[:] step, const uint64_t[:] batch,
          const uint64_t[:] threshold, uint64_t[:] fast, uint64_t[:] scalar):
    """fast, scalar: the two words of each batch"""
    cdef Py_ssize_t m
    for m in range(step.shape[0]):
        eqsim_dense_batch(key, tail_key, step[m], batch[m], threshold[m], &fast[2 * m])
        eqsim_dense_batch_scalar(key, tail_key, step[m], batch[m], threshold[m],
                                 &scalar[2 * m])

def window_word(int64_t first, int64_t lo, int64_t hi):
    return eqsim_window_word(first, lo, hi)

def threshold(double p):
    return eqsim_bernoulli_threshold(p)
'''


@pytest.fixture(scope="module")
def header(header_module):
    return header_module(C_SOURCE, "test_bernoulli_h")


def _numpy_batches(step, batch, threshold):
    """Position 128g + 32l + 4m + j of batch g: byte j of lane l of counter 8g + m below
    threshold >> 24, or equal and its tail's low 24 bits below threshold & 0xFFFFFF."""
    n = step.size
    lanes = rng.lanes(3, 4, step[:, None], batch[:, None] * 8 + np.arange(8, dtype=np.uint64),
                      sub=sampling.SUB_DENSE)  # (n, m, l)
    positions = np.empty((n, 4, 8, 4), dtype=np.int64)  # (n, l, m, j) -> its byte
    for m in range(8):
        for lane in range(4):
            for j in range(4):
                positions[:, lane, m, j] = (lanes[:, m, lane].astype(np.int64) >> (8 * j)) & 0xFF
    bytes_ = positions.reshape(n, 128)
    high = (threshold >> np.uint64(24)).astype(np.int64)[:, None]
    keep = bytes_ < high
    tied, bit = np.nonzero(bytes_ == high)
    where = batch[tied] * np.uint64(128) + bit.astype(np.uint64)
    tails = rng.lanes(3, 4, step[tied], where, sub=sampling.SUB_DENSE_TAIL)[:, 0] & 0xFFFFFF
    keep[tied, bit] = tails < (threshold[tied] & np.uint64(0xFFFFFF))
    weights = np.uint64(1) << np.arange(64, dtype=np.uint64)
    words = keep.reshape(n, 2, 64).astype(np.uint64) * weights
    return words.sum(axis=2, dtype=np.uint64).reshape(-1), tied.size


def test_simd_and_scalar_keep_masks_are_the_same_bits_as_numpy(header):
    generator = np.random.default_rng(8)
    n = 3000
    step = generator.integers(0, 2**63, n, dtype=np.uint64)
    # batches near 2**29 cross a 2**32 boundary of the counter (8 * batch)
    batch = np.concatenate([generator.integers(0, 2**40, n // 2, dtype=np.uint64),
                            (2**29 - 2 + np.arange(n - n // 2) % 4).astype(np.uint64)])
    threshold = generator.integers(0, 2**32 + 1, n, dtype=np.uint64)
    threshold[::7] = 2**32  # p = 1
    threshold[::11] = 0
    threshold[::13] &= np.uint64(0xFF000000)  # ties with a zero tail threshold: dropped
    fast, scalar = np.empty(2 * n, np.uint64), np.empty(2 * n, np.uint64)
    key, tail_key = (rng.philox_key(3, 4, sub) for sub in (sampling.SUB_DENSE,
                                                           sampling.SUB_DENSE_TAIL))
    header.masks(key, tail_key, step, batch, threshold, fast, scalar)
    np.testing.assert_array_equal(fast, scalar)
    expected, ties = _numpy_batches(step, batch, threshold)
    assert ties > 500  # about one position in 256 ties: the tails are exercised
    np.testing.assert_array_equal(fast, expected)


def test_window_word_is_the_positions_of_a_word_inside_the_window(header):
    for first in (0, 64, 128):
        for lo, hi in ((0, 0), (-5, 300), (40, 50), (70, 90), (127, 128), (10, 5), (64, 128)):
            bits = header.window_word(first, lo, hi)
            inside = [b for b in range(64) if lo <= first + b < hi]
            assert bits == sum(1 << b for b in inside), (first, lo, hi)


@pytest.mark.parametrize("p, expected", [(0.25, 2**30), (1.0, 2**32), (1.5, 2**32),
                                         (0.0, 0), (2.0**-33, 0), (0.1, 429496729)])
def test_threshold_is_the_floor_of_p_times_two_to_the_32(header, p, expected):
    assert header.threshold(p) == expected
