"""eqsim_support.h: with vector math on (EQSIM_VECTOR_MATH), exp/log/sin/cos/pow give the
same bits whether an element falls in a vector lane (of any width) or in a loop's scalar tail, so a range
computed whole or in pieces (a group split among processes, a subgroup's kernel) agrees
bit for bit; and within a few ulp of libm."""
import numpy as np
import pytest

C_SOURCE = '''
# cython: language_level=3
from libc.stdint cimport int64_t
cdef extern from *:
    """
    #define EQSIM_VECTOR_MATH 1
    #include "eqsim_support.h"
    static void eqsim_test_lanes(double *y, const double *x, int64_t lo, int64_t hi) {
        #pragma omp simd
        for (int64_t i = lo; i < hi; i++)
            y[i] = x[i] > -2.0 ? exp(x[i]) + log(x[i] + 3.0) + sin(x[i]) * cos(2.0 * x[i])
                   + pow(x[i] + 3.0, 0.3 * x[i]) : x[i];
    }
    """
    void eqsim_test_lanes(double *y, const double *x, int64_t lo, int64_t hi) nogil

def lanes(double[::1] y, const double[::1] x, int64_t lo, int64_t hi):
    eqsim_test_lanes(&y[0], &x[0], lo, hi)
'''


@pytest.fixture(scope="module")
def module(header_module):
    return header_module(C_SOURCE, "test_vector_math_h")


def test_an_element_has_the_same_bits_in_a_vector_lane_and_in_the_scalar_tail(module):
    x = np.random.default_rng(5).uniform(-2.5, 2.5, 203)
    whole = np.zeros_like(x)
    module.lanes(whole, x, 0, len(x))
    for cuts in ([0, 100, 203], [0, 1, 2, 7, 33, 96, 101, 203], list(range(0, 204, 3)) + [203]):
        pieces = np.zeros_like(x)
        for lo, hi in zip(cuts, cuts[1:]):
            module.lanes(pieces, x, lo, hi)
        np.testing.assert_array_equal(pieces, whole)


def test_the_functions_are_within_a_few_ulp_of_libm(module):
    x = np.random.default_rng(6).uniform(-2.5, 2.5, 64)
    got = np.zeros_like(x)
    module.lanes(got, x, 0, len(x))
    expected = np.where(x > -2.0, np.exp(x) + np.log(x + 3.0) + np.sin(x) * np.cos(2.0 * x)
                        + np.power(x + 3.0, 0.3 * x), x)
    np.testing.assert_allclose(got, expected, rtol=1e-14)
