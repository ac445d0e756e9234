"""eqsim_bernoulli.h: the AVX2 keep masks (two groups at once) and their scalar twin (what
a CPU without AVX2 runs) are the same bits, and agree with the NumPy definition of dense
draws."""
import numpy as np
import pytest

from eqsim.runtime import random as rng
from eqsim.runtime import sampling

C_SOURCE = '''
# cython: language_level=3
from libc.stdint cimport int64_t, uint32_t, uint64_t
cdef extern from "eqsim_bernoulli.h" nogil:
    uint64_t eqsim_dense_pair(uint64_t key, uint64_t step, uint64_t group, uint64_t threshold)
    uint32_t eqsim_dense_mask_scalar(uint64_t key, uint64_t step, uint64_t group,
                                     uint64_t threshold)
    uint32_t eqsim_window_bits(int64_t first, int64_t lo, int64_t hi)
    uint64_t eqsim_bernoulli_threshold(double p)

def masks(uint64_t key, const uint64_t[:] step, const uint64_t[:] group,
          const uint64_t[:] threshold, uint32_t[:] fast, uint32_t[:] scalar):
    """fast: the pair's masks of groups g and g + 1 (two entries); scalar: each alone"""
    cdef Py_ssize_t m
    cdef uint64_t pair
    for m in range(step.shape[0]):
        pair = eqsim_dense_pair(key, step[m], group[m], threshold[m])
        fast[2 * m], fast[2 * m + 1] = <uint32_t>pair, <uint32_t>(pair >> 32)
        scalar[2 * m] = eqsim_dense_mask_scalar(key, step[m], group[m], threshold[m])
        scalar[2 * m + 1] = eqsim_dense_mask_scalar(key, step[m], group[m] + 1, threshold[m])

def window_bits(int64_t first, int64_t lo, int64_t hi):
    return eqsim_window_bits(first, lo, hi)

def threshold(double p):
    return eqsim_bernoulli_threshold(p)
'''


@pytest.fixture(scope="module")
def header(header_module):
    return header_module(C_SOURCE, "test_bernoulli_h")


def test_simd_and_scalar_keep_masks_are_the_same_bits_as_numpy(header):
    generator = np.random.default_rng(8)
    n = 3000
    step = generator.integers(0, 2**63, n, dtype=np.uint64)
    # groups near 2**29 cross a 2**32 boundary of the counter (8 * group)
    group = np.concatenate([generator.integers(0, 2**40, n // 2, dtype=np.uint64),
                            (2**29 - 2 + np.arange(n - n // 2) % 4).astype(np.uint64)])
    threshold = generator.integers(0, 2**32 + 1, n, dtype=np.uint64)
    threshold[::7] = 2**32  # p = 1
    threshold[::11] = 0
    fast, scalar = np.empty(2 * n, np.uint32), np.empty(2 * n, np.uint32)
    key = rng.philox_key(3, 4, sampling.SUB_DENSE)
    header.masks(key, step, group, threshold, fast, scalar)
    np.testing.assert_array_equal(fast, scalar)
    # NumPy: bit 8l + m is lane l of counter 8g + m (groups g and g + 1 of each pair)
    step, threshold = np.repeat(step, 2), np.repeat(threshold, 2)
    group = np.repeat(group, 2) + np.tile(np.array([0, 1], np.uint64), n)
    lanes = rng.lanes(3, 4, step[:, None], group[:, None] * 8 + np.arange(8, dtype=np.uint64),
                      sub=sampling.SUB_DENSE)
    kept = lanes.transpose(0, 2, 1).reshape(2 * n, 32) < threshold[:, None]
    expected = (kept * (np.uint64(1) << np.arange(32, dtype=np.uint64))).sum(axis=1)
    np.testing.assert_array_equal(fast, expected.astype(np.uint32))


def test_window_bits_are_the_positions_of_a_group_inside_the_window(header):
    for first in (0, 32, 64):
        for lo, hi in ((0, 0), (-5, 100), (40, 50), (70, 90), (95, 96), (10, 5)):
            bits = header.window_bits(first, lo, hi)
            inside = [b for b in range(32) if lo <= first + b < hi]
            assert bits == sum(1 << b for b in inside), (first, lo, hi)


@pytest.mark.parametrize("p, expected", [(0.25, 2**30), (1.0, 2**32), (1.5, 2**32),
                                         (0.0, 0), (2.0**-33, 0), (0.1, 429496729)])
def test_threshold_is_the_floor_of_p_times_two_to_the_32(header, p, expected):
    assert header.threshold(p) == expected
