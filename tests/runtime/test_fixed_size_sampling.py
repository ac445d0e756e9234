"""eqsim/runtime/fixed_size_sampling.py: sample(..., size=...) behind connect(j=...
for ... in sample(N, size=k)): k distinct positions per row, sorted, each row's draw its own."""
import numpy as np

from eqsim.runtime.fixed_size_sampling import _FLOYD_RATIO, fixed_size_positions


def _rows(keys, lengths, sizes):
    rows, positions = fixed_size_positions(np.array(keys), np.array(lengths),
                                           np.array(sizes), seed=5, stream=3)
    return {r: positions[rows == r].tolist() for r in range(len(keys))}


def test_each_row_gets_its_size_of_distinct_sorted_positions_in_its_range():
    # row 0 small of long (Floyd), row 1 most of its range (smallest keys), row 2 all, 3 none
    lengths, sizes = [10_000, 100, 7, 50], [5, 90, 7, 0]
    got = _rows([0, 1, 2, 3], lengths, sizes)
    assert sizes[0] ** 2 <= _FLOYD_RATIO * lengths[0] and sizes[1] ** 2 > _FLOYD_RATIO * lengths[1]
    for r, (length, size) in enumerate(zip(lengths, sizes)):
        assert len(got[r]) == size == len(set(got[r]))
        assert got[r] == sorted(got[r]) and all(0 <= x < length for x in got[r])
    assert got[2] == list(range(7))


def test_a_rows_sample_depends_only_on_its_key_not_on_the_other_rows():
    alone = _rows([42], [10_000], [5])[0]
    among = _rows([7, 42, 9], [300, 10_000, 64], [200, 5, 30])[1]
    assert alone == among
    assert _rows([43], [10_000], [5])[0] != alone


def test_both_algorithms_pick_every_position_about_equally_often():
    # 4000 rows of 20 positions: size 2 takes Floyd's algorithm, size 10 the smallest keys
    for size in (2, 10):
        rows, positions = fixed_size_positions(np.arange(4000), np.full(4000, 20),
                                               np.full(4000, size), seed=1, stream=2)
        counts = np.bincount(positions, minlength=20)
        expected = 4000 * size / 20
        assert np.all(np.abs(counts - expected) < 5 * np.sqrt(expected))
