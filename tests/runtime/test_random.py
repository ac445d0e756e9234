"""The counter-based generator: statistics, determinism, and C/NumPy agreement."""
import gc
import math
import os
import sys

import numpy as np
import pytest

from eqsim.runtime import random as rng
from eqsim.runtime import random_discrete as rng_discrete
from eqsim.runtime.streams import stream_id

N = 100_000
SEED, STREAM, STEP = 1234, stream_id("test", "random"), 17

C_SOURCE = rng.CYTHON_DECLARATIONS + '''
# Arrays arrive as addresses: the kernel style the code generator uses.
def fill_real(int kind, uint64_t seed, uint64_t stream, uint64_t step, size_t out_addr,
              Py_ssize_t n):
    cdef double* out = <double*>out_addr
    cdef Py_ssize_t i
    for i in range(n):
        if kind == 0:
            out[i] = eqsim_uniform(seed, stream, step, i)
        elif kind == 1:
            out[i] = eqsim_normal(seed, stream, step, i)
        else:
            out[i] = eqsim_exponential(seed, stream, step, i)

def fill_bits(uint64_t seed, uint64_t stream, uint64_t step, size_t out_addr, Py_ssize_t n):
    cdef uint64_t* out = <uint64_t*>out_addr
    cdef Py_ssize_t i
    for i in range(n):
        out[i] = eqsim_bits(seed, stream, step, i)

def fill_binomial(uint64_t n_trials, double p, uint64_t seed, uint64_t stream, uint64_t step,
                  size_t out_addr, Py_ssize_t n):
    cdef uint64_t* out = <uint64_t*>out_addr
    cdef Py_ssize_t i
    for i in range(n):
        out[i] = eqsim_binomial(n_trials, p, seed, stream, step, i)

def fill_geometric(double p, uint64_t seed, uint64_t stream, uint64_t step, size_t out_addr,
                   Py_ssize_t n):
    cdef uint64_t* out = <uint64_t*>out_addr
    cdef Py_ssize_t i
    for i in range(n):
        out[i] = eqsim_geometric(p, seed, stream, step, i)

def fill_poisson(double lam, uint64_t seed, uint64_t stream, uint64_t step, size_t out_addr,
                 Py_ssize_t n):
    cdef double* out = <double*>out_addr
    cdef Py_ssize_t i
    for i in range(n):
        out[i] = eqsim_poisson(lam, seed, stream, step, i)

def key(uint64_t seed, uint64_t stream, uint64_t sub):
    return eqsim_key(seed, stream, sub)

cdef extern from "eqsim_random.h" nogil:
    double eqsim_poisson(double lam, uint64_t seed, uint64_t stream, uint64_t step,
                         uint64_t index)
    uint64_t eqsim_binomial_search(double u, uint64_t trials, double first_pmf, double ratio)
    double eqsim_power(double base, uint64_t exponent)

def search(double u, uint64_t trials, double p):
    return eqsim_binomial_search(u, trials, eqsim_power(1.0 - p, trials), p / (1.0 - p))
'''


@pytest.fixture(scope="module")
def c_random(header_module):
    return header_module(C_SOURCE, "test_random_c")


def c_real(module, kind, n=N, seed=SEED, stream=STREAM, step=STEP):
    out = np.empty(n)
    module.fill_real(kind, seed, stream, step, out.ctypes.data, n)
    return out


def c_integers(fill, *args, n=N):
    out = np.empty(n, dtype=np.uint64)
    fill(*args, SEED, STREAM, STEP, out.ctypes.data, n)
    return out


def philox_block(counter, key):
    """Random123's Philox4x32-10 output words from the implementation under test."""
    key = np.uint64(key[0] | key[1] << 32)
    index = np.array([counter[0] | counter[1] << 32], dtype=np.uint64)
    step = np.uint64(counter[2] | counter[3] << 32)
    word0, word1 = rng._philox_block(np.asarray(key), step, index)
    return [int(word0[0]) & 0xFFFFFFFF, int(word0[0]) >> 32,
            int(word1[0]) & 0xFFFFFFFF, int(word1[0]) >> 32]


def test_philox_matches_random123_known_answers():
    # Random123 tests/kat_vectors, the three "philox4x32 10" lines.
    assert philox_block([0, 0, 0, 0], [0, 0]) == [
        0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8]
    assert philox_block([0xFFFFFFFF] * 4, [0xFFFFFFFF] * 2) == [
        0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD]
    assert philox_block([0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344],
                        [0xA4093822, 0x299F31D0]) == [
        0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1]


def test_uniform_lies_in_open_unit_interval_with_uniform_moments():
    u = rng.uniform(SEED, STREAM, STEP, np.arange(N))
    assert u.dtype == np.float64 and u.shape == (N,)
    assert np.all((u > 0.0) & (u < 1.0))
    assert abs(u.mean() - 0.5) < 5 * math.sqrt(1 / 12 / N)
    assert abs(u.var() - 1 / 12) < 0.002


def test_uniform_passes_kolmogorov_smirnov():
    u = np.sort(rng.uniform(SEED, STREAM, STEP, np.arange(N)))
    ecdf_high = np.arange(1, N + 1) / N
    statistic = max(np.max(ecdf_high - u), np.max(u - (ecdf_high - 1 / N)))
    # 1.63 / sqrt(N) is the 1% critical value.
    assert statistic < 1.63 / math.sqrt(N)


def test_uniform_extremes_stay_inside_open_interval():
    smallest = ((0 >> 12) + 0.5) * 2.0 ** -52
    largest = (((2**64 - 1) >> 12) + 0.5) * 2.0 ** -52
    assert smallest == rng._to_uniform(np.array([0], np.uint64))[0] > 0.0
    assert largest == rng._to_uniform(np.array([2**64 - 1], np.uint64))[0] < 1.0


def test_normal_has_standard_moments():
    z = rng.normal(SEED, STREAM, STEP, np.arange(N))
    assert abs(z.mean()) < 5 / math.sqrt(N)
    assert abs(z.var() - 1.0) < 0.02
    assert abs(np.mean(z**3)) < 0.05
    assert abs(np.mean(z**4) - 3.0) < 0.1


def test_exponential_has_unit_mean_and_variance():
    e = rng.exponential(SEED, STREAM, STEP, np.arange(N))
    assert np.all(e > 0)
    assert abs(e.mean() - 1.0) < 0.02
    assert abs(e.var() - 1.0) < 0.05


def test_draws_are_pure_functions_of_their_coordinates():
    index = np.arange(1000)
    first = rng.uniform(SEED, STREAM, STEP, index)
    assert np.array_equal(first, rng.uniform(SEED, STREAM, STEP, index))
    # Order and batching do not matter: a draw depends on its own index only.
    reversed_draws = rng.uniform(SEED, STREAM, STEP, index[::-1])
    assert np.array_equal(first, reversed_draws[::-1])
    assert rng.uniform(SEED, STREAM, STEP, 123) == first[123]


@pytest.mark.parametrize("changed", ["seed", "stream", "step", "index", "sub"])
def test_changing_any_coordinate_changes_the_numbers(changed):
    coords = dict(seed=SEED, stream=STREAM, step=STEP, index=np.arange(1000), sub=0)
    base = rng.uniform(coords["seed"], coords["stream"], coords["step"], coords["index"])
    coords[changed] = coords[changed] + 1
    other = rng.uniform(coords["seed"], coords["stream"], coords["step"], coords["index"],
                        sub=coords["sub"])
    assert np.mean(base == other) < 0.01
    assert abs(np.corrcoef(base, other)[0, 1]) < 0.15


def test_step_and_index_arrays_broadcast():
    steps = np.arange(5)[:, None]
    table = rng.normal(SEED, STREAM, steps, np.arange(7))
    assert table.shape == (5, 7)
    assert np.array_equal(table[3], rng.normal(SEED, STREAM, 3, np.arange(7)))
    assert table[2, 4] == rng.normal(SEED, STREAM, 2, 4)


def test_large_and_negative_coordinates_wrap_like_c_uint64():
    assert rng.uniform(SEED, STREAM, STEP, -1) == rng.uniform(SEED, STREAM, STEP, 2**64 - 1)
    assert rng.uniform(SEED, STREAM, 2**63 + 5, 7) == rng.uniform(SEED, STREAM, -(2**63) + 5, 7)


def test_binomial_mean_and_variance_match_theory():
    for n, p in [(20, 0.1), (1000, 0.02), (4000, 0.5), (500, 0.9)]:
        b = rng.binomial(n, p, SEED, STREAM, STEP, np.arange(20_000)).astype(float)
        assert abs(b.mean() - n * p) < 5 * math.sqrt(n * p * (1 - p) / 20_000), (n, p)
        assert abs(b.var() / (n * p * (1 - p)) - 1) < 0.06, (n, p)
        assert b.min() >= 0 and b.max() <= n


def test_binomial_edge_cases_and_invalid_arguments():
    assert rng.binomial(0, 0.5, 1, 2, 3, 4) == 0
    assert rng.binomial(9, 0.0, 1, 2, 3, 4) == 0
    assert rng.binomial(9, 1.0, 1, 2, 3, 4) == 9
    # Huge n with tiny p: cost grows with n*p, not n.
    huge = rng.binomial(10**15, 1e-14, 1, 2, 3, np.arange(2000))
    assert abs(huge.mean() - 10.0) < 0.5
    with pytest.raises(ValueError):
        rng.binomial(5, 1.5, 1, 2, 3, 4)
    with pytest.raises(ValueError):
        rng.binomial(-1, 0.5, 1, 2, 3, 4)


def test_binomial_broadcasts_over_probabilities():
    p = np.linspace(0.0, 1.0, 11)
    draws = rng.binomial(100, p, SEED, STREAM, STEP, np.arange(11))
    assert draws[0] == 0 and draws[-1] == 100
    assert np.array_equal(draws[4], rng.binomial(100, p[4], SEED, STREAM, STEP, 4))


def test_geometric_mean_matches_theory():
    g = rng.geometric(0.05, SEED, STREAM, STEP, np.arange(N)).astype(float)
    assert abs(g.mean() - 0.95 / 0.05) < 0.3


def test_numpy_generator_is_vectorised_not_a_python_loop_per_draw():
    """Python-level calls stay far below one per draw (speed itself is measured in
    benchmarks/, not in tests)."""
    def python_calls(n):
        calls = []
        # no garbage collection while counting: finalizers of earlier tests' objects are
        # Python calls too (the count depended on which tests ran before)
        gc.collect()
        gc.disable()
        sys.setprofile(lambda frame, event, arg: calls.append(1) if event == "call" else None)
        try:
            rng.uniform(SEED, STREAM, STEP, np.arange(n))
        finally:
            sys.setprofile(None)
            gc.enable()
        return len(calls)
    assert python_calls(10_000) == python_calls(10)
    assert python_calls(1_000_000) < 1_000_000 / 100


def test_c_uniform_and_bits_are_bit_identical_to_numpy(c_random):
    index = np.arange(N)
    c_uniform = c_real(c_random, 0)
    assert np.array_equal(c_uniform.view(np.uint64),
                          rng.uniform(SEED, STREAM, STEP, index).view(np.uint64))
    assert np.array_equal(c_integers(c_random.fill_bits),
                          rng.uint64(SEED, STREAM, STEP, index))
    assert c_random.key(SEED, STREAM, 5) == rng.philox_key(SEED, STREAM, 5)


def test_c_uniform_agrees_for_extreme_coordinates(c_random):
    big = 2**64 - 3
    out = c_real(c_random, 0, n=10, seed=big, stream=big, step=big)
    assert np.array_equal(out, rng.uniform(big, big, big, np.arange(10)))


def test_c_normal_and_exponential_agree_to_an_ulp(c_random):
    index = np.arange(N)
    np.testing.assert_allclose(c_real(c_random, 1), rng.normal(SEED, STREAM, STEP, index),
                               rtol=1e-15, atol=0)
    np.testing.assert_allclose(c_real(c_random, 2),
                               rng.exponential(SEED, STREAM, STEP, index), rtol=1e-15, atol=0)


@pytest.mark.parametrize("n, p", [(10, 0.3), (1000, 0.02), (1000, 0.7), (30_000, 0.2),
                                  (7, 1.0), (0, 0.4), (3, 0.0), (10**12, 3e-11)])
def test_c_binomial_is_bit_identical_to_numpy(c_random, n, p):
    count = 5_000
    c_draws = c_integers(c_random.fill_binomial, n, p, n=count)
    assert np.array_equal(c_draws, rng.binomial(n, p, SEED, STREAM, STEP, np.arange(count)))


@pytest.mark.parametrize("lam", [0.0, 1e-3, 2.0, 29.9, 30.0, 31.0, 250.0, 1e4, -1.0,
                                 float("nan"), 2e12])
def test_c_poisson_is_identical_to_numpy(c_random, lam):
    count = 3_000
    out = np.empty(count)
    c_random.fill_poisson(lam, SEED, STREAM, STEP, out.ctypes.data, count)
    np.testing.assert_array_equal(
        out, rng_discrete.poisson(lam, SEED, STREAM, STEP, np.arange(count)))


@pytest.mark.parametrize("lam", [0.05, 3.0, 45.0, 700.0])
def test_poisson_mean_and_variance_match_theory(lam):
    draws = rng_discrete.poisson(lam, SEED, STREAM, STEP, np.arange(40_000))
    assert np.all(draws == np.floor(draws)) and draws.min() >= 0
    error = 5 * math.sqrt(lam / draws.size)
    assert abs(draws.mean() - lam) < error
    assert abs(draws.var() / lam - 1) < 5 * math.sqrt(2 / draws.size) + 1 / lam / 100


def test_poisson_of_no_mean_is_zero_and_of_an_absurd_one_nan():
    draws = rng_discrete.poisson(np.array([0.0, -2.0, np.nan, 2e12, 1.0]), 1, 2, 3, 4)
    assert draws[:3].tolist() == [0, 0, 0] and np.isnan(draws[3]) and draws[4] >= 0


def test_c_search_and_numpy_cdf_table_agree_up_to_the_last_uniform(c_random):
    # Uniforms near 1 probe the end of the tables, where rounding may leave
    # mass uncovered and both implementations must ask for a new draw.
    top = 1.0 - 2.0**-53
    uniforms = np.concatenate([np.linspace(1e-6, 1 - 1e-6, 200),
                               top - np.arange(64) * 2.0**-53])
    for trials, p in [(5, 0.3), (40, 0.5), (59, 0.5), (1000, 0.029), (10**9, 2e-8)]:
        prob, q = np.array([p]), np.array([1.0 - p])
        sizes = np.array([trials], dtype=np.uint64)
        table, lengths = rng_discrete._cdf_tables(sizes, rng_discrete._power(q, sizes), prob / q)
        row = table[0, :lengths[0]]
        for u in uniforms:
            k = int(np.searchsorted(row, u))
            expected = k if k < lengths[0] else trials + 1  # trials + 1: draw again
            assert c_random.search(u, trials, p) == expected, (trials, p, u)


def test_c_geometric_agrees_with_numpy(c_random):
    c_draws = c_integers(c_random.fill_geometric, 0.02, n=20_000)
    numpy_draws = rng.geometric(0.02, SEED, STREAM, STEP, np.arange(20_000))
    # Equal unless log differs by an ulp right at an integer boundary (~1e-15).
    assert np.mean(c_draws == numpy_draws) > 0.9999


def test_random_header_dir_holds_the_header():
    assert os.path.isfile(os.path.join(rng.random_header_dir(), "eqsim_random.h"))


def test_compiled_philox_gives_the_numpy_rounds_bits():
    from eqsim.codegen.module import network_glue
    from eqsim.runtime import random as rnd
    rng = np.random.default_rng(1)
    edge = np.array([0, 1, 2**32 - 1, 2**32, 2**63, 2**64 - 1], dtype=np.uint64)
    key = np.concatenate([edge, rng.integers(0, 2**64 - 1, 994, dtype=np.uint64)])
    step = np.concatenate([edge[::-1], rng.integers(0, 2**64 - 1, 994, dtype=np.uint64)])
    index = np.concatenate([edge, rng.integers(0, 2**64 - 1, 994, dtype=np.uint64)])
    compiled = network_glue().philox_words(key, step, index)
    numpy_rounds = rnd._numpy_philox_block(key, step, index)
    for ours, theirs in zip(compiled, numpy_rounds):
        np.testing.assert_array_equal(ours, theirs)
    # a scalar key and step, as most draws use them
    compiled = rnd._IMPLEMENTATIONS["c"](np.asarray(key[7]), np.asarray(step[3]), index)
    numpy_rounds = rnd._numpy_philox_block(np.asarray(key[7]), np.asarray(step[3]), index)
    for ours, theirs in zip(compiled, numpy_rounds):
        np.testing.assert_array_equal(ours, theirs)


@pytest.mark.parametrize("first", [0, 5, 2**32 - 5, 2**64 - 7])
def test_eight_at_a_time_uniforms_are_the_numpy_uniforms_bit_for_bit(first):
    """PoissonInput kernels draw with eqsim_uniforms (AVX2, eight draws per step, a scalar
    tail): every length and start, index carries across 2**32 and 2**64 included."""
    from eqsim.codegen.module import network_glue
    from eqsim.runtime import random as rnd
    key = rng.philox_key(SEED, STREAM, 0)
    for n in range(1, 41):
        compiled = network_glue().uniforms(key, STEP, first, n)
        index = (np.uint64(first) + np.arange(n, dtype=np.uint64))
        word0, _ = rnd._numpy_philox_block(np.asarray(np.uint64(key)), np.asarray(np.uint64(STEP)), index)
        expected = ((word0 >> np.uint64(12)).astype(np.float64) + 0.5) * 2.0 ** -52
        assert np.array_equal(compiled.view(np.uint64), expected.view(np.uint64)), n
