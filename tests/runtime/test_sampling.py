"""The C walk of connect(p=...) draws the same gaps as the NumPy one: the same synapses
whichever runs (the C one runs whenever the compiled Philox rounds are selected)."""
import numpy as np
import pytest

from eqsim.runtime import random as rnd
from eqsim.runtime import sampling


@pytest.fixture
def compiled_glue():
    from eqsim.codegen.module import network_glue
    network_glue()  # registers the C rounds and walk
    yield
    rnd.select_philox(None)


def _walk(philox, keys, lengths, p, base):
    rnd.select_philox(philox)
    return sampling.bernoulli_positions(keys, lengths, p, seed=2**63 + 5, stream=77,
                                        draw_base=base)


def test_c_walk_keeps_the_positions_the_numpy_walk_keeps(compiled_glue):
    rng = np.random.default_rng(4)
    n = 600
    keys = rng.integers(0, 2**40, n)
    lengths = rng.integers(-2, 2500, n)  # empty and negative rows too
    p = rng.choice([0.0, 1e-4, 0.02, 0.25, 0.9, 1.0], n)
    base = rng.integers(0, 5, n) << 32
    for draw_base in (None, base):
        numpy_rows, numpy_positions = _walk("numpy", keys, lengths, p, draw_base)
        c_rows, c_positions = _walk(None, keys, lengths, p, draw_base)
        assert rnd.selected_philox() == "c"
        assert numpy_rows.size > 10_000
        np.testing.assert_array_equal(c_rows, numpy_rows)
        np.testing.assert_array_equal(c_positions, numpy_positions)


def test_c_walk_keeps_every_position_of_rows_with_p_one(compiled_glue):
    rows, positions = _walk(None, np.arange(3), np.array([5000, 1, 5000]),
                            np.array([1.0, 1.0, 1.0]), None)
    assert rows.tolist() == [0] * 5000 + [1] + [2] * 5000
    assert positions.tolist() == list(range(5000)) + [0] + list(range(5000))
