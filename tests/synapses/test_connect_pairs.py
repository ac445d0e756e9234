"""connection_pairs: the (i, j) pairs behind every form of Synapses.connect(...)."""
import time

import numpy as np
import pytest
import sympy

from eqsim.errors import ConnectError, ConnectTypeError, EquationError
from eqsim.synapses import connect_generator
from eqsim.runtime import sampling as connect_sampling
from eqsim.synapses.connect import connection_pairs


def make_evaluate(n_pre, n_post, x_pre=None, x_post=None):
    """A test stand-in for the Synapses' evaluator: lambdify over numpy.

    Variables are looked up only when the expression uses them, so that (as in
    the real evaluator) an out-of-range j does no harm unless x_post is read.
    """
    x_pre = np.linspace(0.0, 1.0, n_pre) if x_pre is None else np.asarray(x_pre)
    x_post = np.linspace(0.0, 1.0, n_post) if x_post is None else np.asarray(x_post)

    def evaluate(expr, i, j):
        lookups = {"i": lambda: i, "j": lambda: j, "N_pre": lambda: n_pre,
                   "N_post": lambda: n_post, "x_pre": lambda: x_pre[i],
                   "x_post": lambda: x_post[j]}
        symbols = sorted(expr.free_symbols, key=lambda symbol: symbol.name)
        function = sympy.lambdify(symbols, expr, modules=LAMBDIFY_MODULES)
        values = function(*[lookups[symbol.name]() for symbol in symbols])
        return np.broadcast_to(np.asarray(values), np.shape(i))
    return evaluate


#: a // b parses to eqsim's floordiv (an exact division, then the floor)
LAMBDIFY_MODULES = [{"floordiv": lambda a, b: np.floor(np.true_divide(a, b))}, "numpy"]


def connect(n_pre, n_post, *, seed=1234, stream=7, x_pre=None, x_post=None, **kwargs):
    return connection_pairs(n_pre=n_pre, n_post=n_post, seed=seed, stream=stream,
                            evaluate=make_evaluate(n_pre, n_post, x_pre, x_post), **kwargs)


def all_pairs(n_pre, n_post):
    return np.repeat(np.arange(n_pre), n_post), np.tile(np.arange(n_post), n_pre)


def as_list(pairs):
    return list(zip(pairs[0].tolist(), pairs[1].tolist()))


def connect_error(**kwargs):
    with pytest.raises(ConnectError) as info:
        connect(**kwargs)
    return info.value


# -- deterministic forms -------------------------------------------------------------------------
def test_default_connects_all_to_all_sorted_by_i_then_j():
    i, j = connect(3, 4)
    expected_i, expected_j = all_pairs(3, 4)
    assert i.dtype == np.int32 and j.dtype == np.int32
    assert i.tolist() == expected_i.tolist() and j.tolist() == expected_j.tolist()


def test_condition_selects_exactly_the_matching_pairs_in_i_then_j_order():
    i, j = connect(20, 15, condition="abs(i-j)<4 and i!=j")
    every_i, every_j = all_pairs(20, 15)
    keep = (np.abs(every_i - every_j) < 4) & (every_i != every_j)
    assert as_list((i, j)) == as_list((every_i[keep], every_j[keep]))


def test_condition_on_presynaptic_index_only_is_decided_per_row():
    i, j = connect(10, 6, condition="i < 3")
    assert as_list((i, j)) == [(a, b) for a in range(3) for b in range(6)]


def test_condition_can_use_pre_and_post_variables():
    x_pre = np.array([0.1, 0.5, 0.9])
    x_post = np.array([0.0, 0.4, 0.6, 1.0])
    pairs = connect(3, 4, condition="x_pre < x_post", x_pre=x_pre, x_post=x_post)
    assert as_list(pairs) == [(a, b) for a in range(3) for b in range(4) if x_pre[a] < x_post[b]]


def test_false_condition_as_string_or_bool_creates_nothing():
    for condition in ("False", False, "i < 0"):
        i, j = connect(5, 5, condition=condition)
        assert i.size == 0 and j.size == 0


def test_empty_groups_give_empty_arrays():
    for n_pre, n_post in ((0, 5), (5, 0), (0, 0)):
        i, j = connect(n_pre, n_post, p=0.5)
        assert i.size == 0 and j.size == 0 and i.dtype == np.int32


def test_index_arrays_keep_the_given_order_and_duplicates():
    pairs = connect(5, 5, i=[4, 0, 4, 2], j=[1, 3, 1, 0])
    assert as_list(pairs) == [(4, 1), (0, 3), (4, 1), (2, 0)]


def test_a_scalar_index_broadcasts_against_an_array():
    assert as_list(connect(5, 5, i=2, j=[0, 3, 4])) == [(2, 0), (2, 3), (2, 4)]
    assert as_list(connect(5, 5, i=[1, 2], j=0)) == [(1, 0), (2, 0)]
    assert as_list(connect(5, 5, i=3, j=4)) == [(3, 4)]


def test_one_to_one_expression_for_j():
    assert as_list(connect(4, 4, j="i")) == [(0, 0), (1, 1), (2, 2), (3, 3)]


def test_j_expression_out_of_range_raises_unless_skipped():
    error = connect_error(n_pre=4, n_post=4, j="i + 1")
    assert error.code == "EQ501" and "j=4" in error.message and "N_post=4" in error.message
    assert as_list(connect(4, 4, j="i + 1", skip_if_invalid=True)) == [(0, 1), (1, 2), (2, 3)]


def test_generator_range_with_condition_and_skip_if_invalid():
    pairs = connect(10, 10, j="k for k in range(i-3, i+4) if i!=k", skip_if_invalid=True)
    expected = [(a, b) for a in range(10) for b in range(a - 3, a + 4)
                if b != a and 0 <= b < 10]
    assert as_list(pairs) == expected


def test_generator_index_out_of_range_names_the_index_value_and_group_size():
    error = connect_error(n_pre=10, n_post=10, j="k for k in range(i-3, i+4) if i!=k")
    assert error.code == "EQ501"
    assert "j=-3" in error.message and "i=0" in error.message and "N_post=10" in error.message
    assert "skip_if_invalid" in error.hint


def test_condition_on_k_may_exclude_invalid_indices_without_skip_if_invalid():
    pairs = connect(5, 5, j="k for k in range(i-1, i+2) if k >= 0 and k < N_post")
    assert as_list(pairs) == [(a, b) for a in range(5) for b in (a - 1, a, a + 1) if 0 <= b < 5]


def test_condition_reading_postsynaptic_variables_checks_bounds_first():
    text = "k for k in range(i-1, i+2) if x_post > 0.3"
    with pytest.raises(ConnectError):
        connect(5, 5, j=text)
    pairs = connect(5, 5, j=text, skip_if_invalid=True)
    x_post = np.linspace(0, 1, 5)
    assert as_list(pairs) == [(a, b) for a in range(5) for b in (a - 1, a, a + 1)
                              if 0 <= b < 5 and x_post[b] > 0.3]


def test_range_with_one_two_and_three_arguments():
    assert as_list(connect(2, 5, j="k for k in range(2)")) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert as_list(connect(1, 5, j="k for k in range(1, 4)")) == [(0, 1), (0, 2), (0, 3)]
    assert as_list(connect(2, 6, j="k for k in range(i, N_post, 2)")) == \
        [(0, 0), (0, 2), (0, 4), (1, 1), (1, 3), (1, 5)]


def test_range_with_negative_step_keeps_iteration_order():
    assert as_list(connect(3, 3, j="k for k in range(i, -1, -1)")) == \
        [(0, 0), (1, 1), (1, 0), (2, 2), (2, 1), (2, 0)]


def test_generated_element_may_be_an_expression_of_k():
    assert as_list(connect(2, 4, j="N_post - 1 - 2*k for k in range(2)")) == \
        [(0, 3), (0, 1), (1, 3), (1, 1)]


def test_i_generator_iterates_over_targets_and_orders_by_j():
    pairs = connect(6, 4, i="k for k in range(j, j+3) if k != j+1")
    expected = [(a, b) for b in range(4) for a in (b, b + 2)]
    assert as_list(pairs) == expected


def test_i_expression_is_one_to_one_from_the_target_side():
    assert as_list(connect(6, 3, i="2*j")) == [(0, 0), (2, 1), (4, 2)]


def test_n_repeats_each_pair_adjacently():
    assert as_list(connect(2, 1, n=3)) == [(0, 0)] * 3 + [(1, 0)] * 3
    assert as_list(connect(3, 1, i=[0, 1, 2], j=0, n=2)) == [(0, 0), (0, 0), (1, 0), (1, 0),
                                                             (2, 0), (2, 0)]
    assert as_list(connect(3, 1, j="0", n="i")) == [(1, 0), (2, 0), (2, 0)]


@pytest.mark.parametrize("n", ["i", "2"])
def test_index_arrays_with_a_string_n_are_refused_as_in_brian2(n):
    """Brian2 2.9.0 raises TypeError ("Indices cannot be combined with a string expression
    for n"): a number of synapses per pair given by an expression is for generated ones."""
    with pytest.raises(ConnectTypeError, match="cannot be combined") as info:
        connect(3, 3, i=[1, 2], j=[1, 2], n=n)
    assert isinstance(info.value, TypeError) and info.value.code == "EQ186"
    assert "j='k for k in" in info.value.hint
    from eqsim import NeuronGroup, Synapses
    G = NeuronGroup(3, "v : 1")
    S = Synapses(G, G, "w : 1")
    with pytest.raises(TypeError):
        S.connect(i=[1, 2], j=[1, 2], n=n)
    assert len(S) == 0
    S.connect(i=[1, 2], j=[1, 2], n=2)
    assert list(S.i[:]) == [1, 1, 2, 2]


# -- random forms --------------------------------------------------------------------------------
def test_p_statistics_total_count_within_four_sd_of_binomial_mean():
    n, p = 2000, 0.05
    i, _ = connect(n, n, p=p)
    mean, sd = n * n * p, np.sqrt(n * n * p * (1 - p))
    assert abs(i.size - mean) < 4 * sd


def test_fan_out_distribution_matches_binomial_mean_and_variance():
    n_pre, n_post, p = 2000, 1000, 0.1
    i, j = connect(n_pre, n_post, p=p)
    assert np.all(np.diff(i) >= 0)
    assert np.all((np.diff(j) > 0) | (np.diff(i) > 0))  # sorted by i, then j, no duplicates
    fan_out = np.bincount(i, minlength=n_pre)
    mean, variance = n_post * p, n_post * p * (1 - p)
    assert abs(fan_out.mean() - mean) < 4 * np.sqrt(variance / n_pre)
    # The sample variance of n_pre binomials has sd ~ variance * sqrt(2 / n_pre).
    assert abs(fan_out.var(ddof=1) - variance) < 4 * variance * np.sqrt(2 / n_pre)
    # Targets are uniform: each column gets n_pre * p on average.
    fan_in = np.bincount(j, minlength=n_post)
    assert abs(fan_in.mean() - n_pre * p) < 1e-9 + 4 * np.sqrt(n_pre * p / n_post)


def test_p_one_and_p_zero_are_all_and_nothing():
    assert connect(30, 20, p=1.0)[0].size == 600
    assert connect(30, 20, p=0.0)[0].size == 0
    assert connect(30, 20, condition="i != j", p=0)[0].size == 0


def test_condition_with_p_keeps_each_allowed_pair_with_probability_p():
    n, p = 1000, 0.3
    i, j = connect(n, n, condition="i != j and j % 2 == 0", p=p)
    assert np.all(i != j) and np.all(j % 2 == 0)
    allowed = n * (n // 2) - n // 2
    assert abs(i.size - allowed * p) < 4 * np.sqrt(allowed * p * (1 - p))


def test_condition_with_p_is_the_pure_p_result_filtered_by_the_condition():
    # The condition does not change which draws decide a pair.
    i, j = connect(300, 200, p=0.2)
    keep = i != j
    assert as_list(connect(300, 200, condition="i != j", p=0.2)) == as_list((i[keep], j[keep]))


def test_constant_p_is_the_same_as_the_sample_generator():
    assert as_list(connect(50, 300, p=0.1)) == \
        as_list(connect(50, 300, j="k for k in sample(N_post, p=0.1)"))
    assert as_list(connect(50, 300, p="0.1")) == as_list(connect(50, 300, p=0.1))


def test_p_expression_is_applied_per_pair():
    n = 1000
    i, j = connect(n, n, p="0.5 * (i % 2)")
    assert np.all(i % 2 == 1)
    expected = n * (n // 2) * 0.5
    assert abs(i.size - expected) < 4 * np.sqrt(expected * 0.5)


def test_p_expression_draws_are_keyed_by_the_pair():
    i, j = connect(200, 200, p="x_pre")
    keep = j % 3 == 0
    assert as_list(connect(200, 200, condition="j % 3 == 0", p="x_pre")) == \
        as_list((i[keep], j[keep]))


def test_sample_with_p_keeps_each_element_with_probability_p():
    n_pre, n_post, p = 500, 2000, 0.1
    i, j = connect(n_pre, n_post, j="k for k in sample(N_post, p=0.1)")
    mean = n_pre * n_post * p
    assert abs(i.size - mean) < 4 * np.sqrt(mean * (1 - p))


def test_sample_with_start_stop_step_stays_on_the_range():
    i, j = connect(200, 60, j="k for k in sample(2, 50, 3, p=0.5)")
    assert set(j.tolist()) <= set(range(2, 50, 3))
    expected = 200 * len(range(2, 50, 3)) * 0.5
    assert abs(i.size - expected) < 4 * np.sqrt(expected * 0.5)


def test_sample_probability_may_depend_on_i():
    i, _ = connect(4, 1000, j="k for k in sample(N_post, p=i/3)")
    counts = np.bincount(i, minlength=4)
    assert counts[0] == 0 and counts[3] == 1000
    assert abs(counts[1] - 1000 / 3) < 4 * np.sqrt(1000 * (1 / 3) * (2 / 3))


@pytest.mark.parametrize("size, length", [(5, 1000), (90, 100)])  # Floyd / sorted random keys
def test_sample_size_gives_a_fixed_number_of_distinct_uniform_targets(size, length):
    n_pre = 2000
    i, j = connect(n_pre, length, j=f"k for k in sample(N_post, size={size})")
    assert np.all(np.bincount(i, minlength=n_pre) == size)
    for row in (0, 1, n_pre - 1):
        targets = j[i == row]
        assert np.all(np.diff(targets) > 0) and targets.min() >= 0 and targets.max() < length
    # Every target equally likely: chi-square of the in-degrees against uniform.
    fan_in = np.bincount(j, minlength=length)
    expected = n_pre * size / length
    chi2 = np.sum((fan_in - expected) ** 2 / expected) * (1 - size / length) ** -1
    assert chi2 < length + 6 * np.sqrt(2 * length)


def test_sample_size_larger_than_range_raises_unless_skip_if_invalid():
    error = connect_error(n_pre=4, n_post=10, j="k for k in sample(i, 10, size=8)")
    assert error.code == "EQ506" and "8" in error.message
    i, j = connect(4, 10, j="k for k in sample(i, 10, size=8)", skip_if_invalid=True)
    assert np.bincount(i, minlength=4).tolist() == [8, 8, 8, 7]


def test_same_seed_reproduces_and_another_seed_differs():
    forms = [dict(p=0.1), dict(condition="i != j", p="0.2 * x_pre"),
             dict(j="k for k in sample(N_post, size=7)"),
             dict(j="k for k in range(i-5, i+6) if i != k", p=0.5, skip_if_invalid=True)]
    for form in forms:
        first = connect(100, 120, seed=5, **form)
        assert as_list(connect(100, 120, seed=5, **form)) == as_list(first)
        assert as_list(connect(100, 120, seed=6, **form)) != as_list(first)
        assert as_list(connect(100, 120, seed=5, stream=8, **form)) != as_list(first)


@pytest.mark.parametrize("form", [
    dict(p=0.3), dict(p=0.01), dict(condition="i != j", p=0.2), dict(p="0.4 * x_post"),
    dict(j="k for k in sample(N_post, size=9)"), dict(j="k for k in sample(N_post, size=150)"),
    dict(j="k for k in range(i-4, i+5) if k != i", p=0.5, skip_if_invalid=True),
    dict(i="k for k in sample(N_pre, p=0.2)"), dict(condition="abs(i - j) < 10")])
def test_results_do_not_depend_on_the_block_size(form, monkeypatch):
    reference = connect(300, 200, **form)
    monkeypatch.setattr(connect_generator, "_BLOCK_ELEMENTS", 97)
    assert as_list(connect(300, 200, **form)) == as_list(reference)


def test_results_do_not_depend_on_how_many_draws_a_pass_makes(monkeypatch):
    # With no safety margin about half of the rows need a second pass of the walk.
    forms = [dict(p=0.3), dict(j="k for k in sample(3, N_post, 2, p=0.1)")]
    references = [connect(300, 200, **form) for form in forms]
    monkeypatch.setattr(connect_sampling, "_MARGIN_SD", 0.0)
    for form, reference in zip(forms, references):
        assert as_list(connect(300, 200, **form)) == as_list(reference)


def test_connect_of_the_benchmark_size_is_fast():
    start = time.perf_counter()
    i, _ = connect(4000, 4000, p=0.02)
    print(f"4000 x 4000, p=0.02: {i.size} synapses in {time.perf_counter() - start:.3f} s")
    assert abs(i.size - 4000 * 4000 * 0.02) < 4 * np.sqrt(4000 * 4000 * 0.02)


# -- errors --------------------------------------------------------------------------------------
def test_index_arrays_of_different_lengths_are_rejected():
    assert connect_error(n_pre=5, n_post=5, i=[0, 1], j=[0, 1, 2]).code == "EQ502"


def test_index_array_out_of_range_names_index_value_and_group_size():
    error = connect_error(n_pre=5, n_post=5, i=[0, 7], j=[1, 1])
    assert error.code == "EQ501" and "i=7" in error.message and "N_pre=5" in error.message
    error = connect_error(n_pre=5, n_post=3, i=0, j=[-1])
    assert "j=-1" in error.message and "N_post=3" in error.message


def test_non_integer_index_arrays_are_rejected():
    assert connect_error(n_pre=5, n_post=5, i=[0.5], j=[1]).code == "EQ509"
    assert connect_error(n_pre=5, n_post=5, i=[[0, 1]], j=[1, 1]).code == "EQ509"


@pytest.mark.parametrize("p", [1.5, -0.1, "2", "-0.5", float("nan")])
def test_probability_outside_the_unit_interval_is_rejected(p):
    assert connect_error(n_pre=5, n_post=5, p=p).code == "EQ503"


def test_sample_probability_outside_the_unit_interval_is_rejected():
    assert connect_error(n_pre=5, n_post=5, j="k for k in sample(N_post, p=1.5)").code == "EQ503"


@pytest.mark.parametrize("n", [-1, 1.5, "-2", "i - 1", "0.5"])
def test_invalid_number_of_synapses_per_pair_is_rejected(n):
    assert connect_error(n_pre=3, n_post=3, n=n).code == "EQ505"


@pytest.mark.parametrize("arguments", [
    dict(i="k for k in range(N_pre)", j="k for k in range(N_post)"),
    dict(i="j", j="i"), dict(condition="i != j", j="i"), dict(condition="i != j", i=[0], j=[0]),
    dict(i=3, j="k for k in range(N_post)"), dict(i=[0, 1])])
def test_conflicting_arguments_are_rejected_with_a_hint(arguments):
    error = connect_error(n_pre=5, n_post=5, **arguments)
    assert error.code == "EQ504" and error.hint


@pytest.mark.parametrize("text", ["k for k in range(j)", "k for k in range(x_post)",
                                  "k for k in sample(N_post, p=x_post)",
                                  "j + k for k in range(3)", "k for k in range(k)"])
def test_iterator_and_element_cannot_depend_on_the_generated_side(text):
    assert connect_error(n_pre=5, n_post=5, j=text).code == "EQ507"


def test_range_step_zero_is_rejected():
    assert connect_error(n_pre=5, n_post=5, j="k for k in range(0, 5, 0)").code == "EQ508"


@pytest.mark.parametrize("text, code, column", [
    ("k for k in rnage(10)", "EQ510", 11),
    ("k for k in range(1, 2, 3, 4)", "EQ510", 11),
    ("k for k in range(10, p=0.1)", "EQ510", 21),
    ("k for k in sample(10)", "EQ510", 11),
    ("k for k in sample(10, p=0.1, size=2)", "EQ510", 11),
    ("k for k in range(3) if k > 0 if k < 2", "EQ510", 32),
    ("k for k in range(3) for m in range(2)", "EQ510", 24),
    ("k for k, m in range(3)", "EQ510", 6),
    ("k for i in range(3)", "EQ510", 6),
    ("[k for k in range(3)]", "EQ510", 0),
    ("k for k in", "EQ101", None),
    ("k for k in range(a.b)", "EQ102", 17),
    ("k for k in range(3) if __import__('os')", "EQ103", 23),
])
def test_malformed_generator_syntax_is_an_equation_error_with_position(text, code, column):
    with pytest.raises(EquationError) as info:
        connect(5, 5, j=text)
    assert info.value.code == code
    assert info.value.source == text
    if column is not None:
        assert info.value.column == column


def test_generator_text_is_never_executed(tmp_path):
    marker = tmp_path / "ran"
    text = f"__import__('pathlib').Path({str(marker)!r}).touch() for k in range(1)"
    with pytest.raises(EquationError):
        connect(2, 2, j=text)
    assert not marker.exists()


# -- conditions that pin one index to the other ----------------------------------------------------
def counting_evaluate(n_pre, n_post, index_post=None, index_pre=None):
    """make_evaluate plus integer variables 'index_post'/'index_pre', counting evaluated pairs."""
    base = make_evaluate(n_pre, n_post)
    tables = {"index_post": index_post, "index_pre": index_pre}
    seen = []

    def evaluate(expr, i, j):
        seen.append(np.size(i))
        names = {s.name for s in expr.free_symbols}
        if not names & set(tables):
            return base(expr, i, j)
        symbols = sorted(expr.free_symbols, key=lambda symbol: symbol.name)
        lookups = {"i": i, "j": j, "N_pre": n_pre, "N_post": n_post}
        if "index_post" in names:
            lookups["index_post"] = np.asarray(index_post)[j]
        if "index_pre" in names:
            lookups["index_pre"] = np.asarray(index_pre)[i]
        if "x_pre" in names:
            lookups["x_pre"] = np.linspace(0.0, 1.0, n_pre)[i]
        function = sympy.lambdify(symbols, expr, modules=LAMBDIFY_MODULES)
        return np.broadcast_to(np.asarray(function(*[lookups[s.name] for s in symbols])),
                               np.shape(i))
    return evaluate, seen


def connect_counting(n_pre, n_post, condition, **tables):
    evaluate, seen = counting_evaluate(n_pre, n_post, **tables)
    pairs = connection_pairs(n_pre=n_pre, n_post=n_post, condition=condition, seed=1, stream=2,
                             evaluate=evaluate)
    return pairs, sum(seen)


def brute_force(n_pre, n_post, test):
    return [(a, b) for a in range(n_pre) for b in range(n_post) if test(a, b)]


def test_condition_i_equals_postsynaptic_index_evaluates_per_target_not_per_pair():
    index_post = np.array([3, 0, 3, 7, -1, 2, 9, 1] * 50)  # 7, 9 and -1 match no source
    (i, j), evaluated = connect_counting(5, index_post.size, "i == index_post",
                                         index_post=index_post)
    expected = brute_force(5, index_post.size, lambda a, b: a == index_post[b])
    assert as_list((i, j)) == expected
    assert evaluated < 3 * index_post.size  # the full test would evaluate 5 x 400 pairs


def test_condition_presynaptic_index_equals_j_evaluates_per_source():
    index_pre = np.array([2, 2, 0, 5, 1] * 40)
    (i, j), evaluated = connect_counting(index_pre.size, 4, "index_pre == j",
                                         index_pre=index_pre)
    assert as_list((i, j)) == brute_force(index_pre.size, 4, lambda a, b: index_pre[a] == b)
    assert evaluated < 3 * index_pre.size


def test_pinned_condition_with_further_clauses_and_float_values_matches_the_full_test():
    index_post = np.array([0.0, 1.5, 2.0, np.nan, 4.0, 1.0])
    (i, j), _ = connect_counting(5, 6, "i == index_post and x_pre > 0.3",
                                 index_post=index_post)
    x_pre = np.linspace(0.0, 1.0, 5)
    assert as_list((i, j)) == brute_force(5, 6, lambda a, b: a == index_post[b] and x_pre[a] > 0.3)


def test_condition_i_equals_j_expression_is_sorted_by_i_then_j():
    (i, j), _ = connect_counting(6, 12, "i == j // 2")
    assert as_list((i, j)) == brute_force(6, 12, lambda a, b: a == b // 2)


def test_equality_that_reads_both_sides_still_tests_every_pair():
    (i, j), evaluated = connect_counting(4, 5, "i == j + i - 1")
    assert as_list((i, j)) == brute_force(4, 5, lambda a, b: b == 1)
    assert evaluated >= 4 * 5


def test_synapses_onto_synapses_pinned_by_an_index_variable_as_the_full_test():
    from eqsim import NeuronGroup, Synapses
    neurons = NeuronGroup(6, "x : 1")
    neurons.x = "i*1.5"
    inner = Synapses(neurons, neurons, "owner : integer (constant)")
    inner.connect(p=1.0)
    inner.owner = "int(x_post) % 4"
    owners = NeuronGroup(4, "")
    outer = Synapses(owners, inner, "")
    outer.connect("i == owner_post")
    back = Synapses(inner, owners, "")
    back.connect("owner_pre == j and owner_pre > 0")
    owner = np.asarray(inner.owner[:])
    expected = sorted((int(owner[k]), k) for k in range(owner.size))
    assert list(zip(outer.i[:].tolist(), outer.j[:].tolist())) == expected
    assert list(zip(back.i[:].tolist(), back.j[:].tolist())) == \
        [(k, int(owner[k])) for k in range(owner.size) if owner[k] > 0]


def test_conditions_on_synaptic_subexpressions_of_the_target_are_decided_pair_by_pair(target):
    """Brian2 2.9.0's numbers: a synaptic subexpression reading v_post is a target
    variable for connect() (the condition had been decided once per source, at j = 0)."""
    from eqsim import NeuronGroup, Synapses
    G = NeuronGroup(5, "v : 1")
    G.v = "i"
    model = "sub_1 = v_pre : 1\nsub_2 = v_post : 1"
    one_to_one = Synapses(G, G, model)
    one_to_one.connect("sub_1 == sub_2")
    assert one_to_one.i[:].tolist() == [0, 1, 2, 3, 4] == one_to_one.j[:].tolist()
    every = Synapses(G, G, model)
    every.connect("j == sub_2")
    assert len(every) == 25
    generated = Synapses(G, G, model)
    generated.connect(j="k for k in range(N_post) if sub_2 == 2")
    assert generated.i[:].tolist() == [0, 1, 2, 3, 4] and generated.j[:].tolist() == [2] * 5
