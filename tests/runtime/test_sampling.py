"""The C sampler of connect(p=...) keeps the positions the NumPy one keeps: the same
synapses whichever runs (the C one runs whenever the compiled Philox rounds are
selected). Dense rows (p >= DENSE_P) draw every position, sparser ones walk gaps."""
import numpy as np
import pytest

from eqsim.runtime import random as rnd
from eqsim.runtime import sampling


@pytest.fixture
def compiled_glue():
    from eqsim.codegen.module import network_glue
    network_glue()  # registers the C rounds and sampler
    yield
    rnd.select_philox(None)


def _window(philox, keys, lengths, lo, hi, p, dtype=np.int64):
    rnd.select_philox(philox)
    return sampling.bernoulli_counts(keys, lengths, lo, hi, p, seed=2**63 + 5, stream=77,
                                     dtype=dtype)


def _rows(n, seed=4):
    rng = np.random.default_rng(seed)
    keys = rng.integers(0, 2**40, n)
    lengths = rng.integers(-2, 2600, n)  # empty and negative rows too
    lo = rng.integers(-5, 2000, n)
    hi = lo + rng.integers(-3, 1500, n)  # empty windows, windows past the row's end
    p = rng.choice([0.0, 1e-4, 0.02, np.nextafter(sampling.DENSE_P, 0), sampling.DENSE_P,
                    0.25, 0.9, 1.0], n)
    return keys, lengths, lo, hi, p


def test_c_sampler_keeps_the_positions_the_numpy_sampler_keeps(compiled_glue):
    keys, lengths, lo, hi, p = _rows(600)
    numpy_counts, numpy_positions = _window("numpy", keys, lengths, lo, hi, p)
    c_counts, c_positions = _window(None, keys, lengths, lo, hi, p, dtype=np.int32)
    assert rnd.selected_philox() == "c"
    assert numpy_positions.size > 10_000 and c_positions.dtype == np.int32
    np.testing.assert_array_equal(c_counts, numpy_counts)
    np.testing.assert_array_equal(c_positions, numpy_positions)


def test_windows_of_a_row_together_keep_what_the_whole_row_keeps(compiled_glue):
    keys, lengths, _, _, p = _rows(300, seed=5)
    for philox in ("numpy", None):
        rnd.select_philox(philox)
        whole = sampling.bernoulli_window(keys, lengths, 0, lengths, p, seed=1, stream=2)
        parts = [sampling.bernoulli_window(keys, lengths, a, b, p, seed=1, stream=2)
                 for a, b in ((0, 31), (31, 33), (33, 1025), (1025, 2600))]
        rows = np.concatenate([part[0] for part in parts])
        positions = np.concatenate([part[1] for part in parts])
        order = np.lexsort((positions, rows))
        np.testing.assert_array_equal(rows[order], whole[0])
        np.testing.assert_array_equal(positions[order], whole[1])


@pytest.mark.parametrize("p", [0.04, 0.25, 0.9])
def test_dense_rows_keep_each_position_with_probability_p(compiled_glue, p):
    counts, positions = _window(None, np.arange(100), np.full(100, 10_000), 0, 10_000,
                                np.full(100, p))
    kept = positions.size / 1e6
    assert abs(kept - p) < 5 * np.sqrt(p * (1 - p) / 1e6)
    # position within a group of 32 does not matter (each lane and counter is fair)
    by_bit = np.bincount(positions % 32, minlength=32) / (1e6 / 32)
    assert np.all(np.abs(by_bit - p) < 6 * np.sqrt(p * (1 - p) / (1e6 / 32)))


def test_c_sampler_grows_its_output_past_an_unlikely_number_of_kept_positions(
        compiled_glue, monkeypatch):
    keys, lengths, lo, hi, p = _rows(200, seed=6)
    expected = _window(None, keys, lengths, lo, hi, p)
    # an estimate far too low: the sampler must start again with room to spare
    monkeypatch.setattr(sampling, "_capacity", lambda expected: 3)
    counts, positions = _window(None, keys, lengths, lo, hi, p)
    np.testing.assert_array_equal(counts, expected[0])
    np.testing.assert_array_equal(positions, expected[1])


@pytest.mark.parametrize("cpus", [2, 3, 7])
def test_rows_walked_by_several_threads_keep_what_one_thread_keeps(compiled_glue,
                                                                    monkeypatch, cpus):
    keys, lengths, lo, hi, p = _rows(500, seed=8)
    one = _window(None, keys, lengths, lo, hi, p, dtype=np.int32)
    monkeypatch.setattr(sampling, "PARALLEL_WORK", 10)
    monkeypatch.setattr(sampling, "usable_cpus", lambda: cpus)
    walked = []
    original = sampling._row_parts
    monkeypatch.setattr(sampling, "_row_parts",
                        lambda cost: walked.append(original(cost)) or walked[-1])
    several = _window(None, keys, lengths, lo, hi, p, dtype=np.int32)
    assert len(walked[-1]) == cpus  # the rows were split
    assert [part.stop for part in walked[-1][:-1]] == [part.start for part in walked[-1][1:]]
    np.testing.assert_array_equal(several[0], one[0])
    np.testing.assert_array_equal(several[1], one[1])
    assert several[1].dtype == np.int32


def test_rows_with_p_one_keep_every_position_of_their_window(compiled_glue):
    for philox in ("numpy", None):
        counts, positions = _window(philox, np.arange(3), np.array([5000, 1, 5000]),
                                    np.array([0, 0, 17]), np.array([5000, 1, 40]),
                                    np.array([1.0, 1.0, 1.0]))
        assert counts.tolist() == [5000, 1, 23]
        assert positions.tolist() == list(range(5000)) + [0] + list(range(17, 40))


def test_walk_of_sparse_rows_draws_one_uniform_per_gap():
    rows, positions = sampling.bernoulli_positions(np.array([7]), np.array([10_000]),
                                                   np.array([0.01]), seed=3, stream=4)
    u = rnd.uniform(3, 4, 7, np.arange(positions.size), sub=sampling.SUB_SAMPLE)
    gaps = np.floor(np.log(u) / np.log1p(-0.01)).astype(np.int64)
    np.testing.assert_array_equal(positions, np.cumsum(gaps + 1) - 1)
