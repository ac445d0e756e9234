"""BinomialFunction: Brian2's choice between an exact binomial and its normal
approximation, drawn from eqsim's counter-based generator (same numbers on both targets,
reproducible with seed())."""
import numpy as np
import pytest

from eqsim import BinomialFunction, NeuronGroup, Network, defaultclock, seed
from eqsim.errors import UserFunctionError

N = 20000


def _draws(code, namespace, steps=1, n=N):
    G = NeuronGroup(n, "x : 1\ny : 1", namespace=namespace)
    G.run_regularly(code, dt=defaultclock.dt)
    Network(G, *G.contained_objects).run(steps * defaultclock.dt)
    return np.asarray(G.x[:]), np.asarray(G.y[:])


def test_exact_draws_are_the_same_on_both_targets_and_binomially_distributed(both_targets):
    def simulate(target):
        seed(3)
        return _draws("x = b()", {"b": BinomialFunction(20, 0.1)})[0]
    numpy, cython = both_targets(simulate)
    np.testing.assert_array_equal(numpy, cython)
    assert np.all(numpy == np.round(numpy)) and numpy.min() >= 0 and numpy.max() <= 20
    assert numpy.mean() == pytest.approx(2.0, abs=0.05)     # n p
    assert numpy.var() == pytest.approx(1.8, rel=0.05)      # n p (1 - p)
    counts = np.bincount(numpy.astype(int), minlength=21)[:6] / N
    expected = [0.1216, 0.2702, 0.2852, 0.1901, 0.0898, 0.0319]  # Binomial(20, 0.1) pmf
    np.testing.assert_allclose(counts, expected, atol=0.01)


def test_the_normal_approximation_is_used_where_brian2_uses_it(both_targets):
    def simulate(target):
        seed(4)
        return _draws("x = b()", {"b": BinomialFunction(100, 0.3)})[0]
    numpy, cython = both_targets(simulate)
    np.testing.assert_allclose(numpy, cython, rtol=1e-12)
    assert not np.all(numpy == np.round(numpy))  # not rounded, as Brian2's
    assert numpy.mean() == pytest.approx(30.0, abs=0.1)
    assert numpy.var() == pytest.approx(21.0, rel=0.05)


def test_approximate_false_or_a_small_mean_keeps_exact_draws():
    assert BinomialFunction(100, 0.3, approximate=False)._sampler[0] == "binomial"
    assert BinomialFunction(100, 0.03)._sampler[0] == "binomial"   # n p = 3
    assert BinomialFunction(100, 0.97)._sampler[0] == "binomial"   # n (1-p) = 3
    assert BinomialFunction(100, 0.3)._sampler[0] == "normal"


def test_draws_are_reproducible_with_seed_and_independent_per_statement(numpy_target):
    def draws():
        seed(9)
        return _draws("x = b()\ny = b()", {"b": BinomialFunction(30, 0.2)}, steps=2)
    (x1, y1), (x2, y2) = draws(), draws()
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(y1, y2)
    assert abs(np.corrcoef(x1, y1)[0, 1]) < 0.03


def test_binomial_function_checks_its_arguments():
    for n, p in [(2.5, 0.1), (-1, 0.1), (10, 1.5), (10, "a")]:
        with pytest.raises(UserFunctionError) as info:
            BinomialFunction(n, p)
        assert info.value.code == "EQ171"
