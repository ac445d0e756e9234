import copy
import pickle

import numpy as np
import pytest

from eqsim.errors import DimensionMismatchError
from eqsim.units import (DIMENSIONLESS, Dimension, Quantity, amp, get_dimensions, Hz, metre,
                         ms, mV, nS, ohm, second, um, umetre2, volt)

VOLT = volt.dim
SECOND = second.dim


# -- construction -------------------------------------------------------------

def test_constructor_takes_values_in_si_and_a_dimension():
    q = Quantity([1, 2, 3], dim=VOLT)
    assert isinstance(q, Quantity)
    assert q.dim is VOLT
    assert q.dtype == np.float64
    np.testing.assert_array_equal(np.asarray(q), [1.0, 2.0, 3.0])


def test_constructor_from_list_of_quantities_checks_units():
    q = Quantity([1 * mV, 2 * mV])
    assert q.dim is VOLT
    np.testing.assert_allclose(q / mV, [1, 2])
    with pytest.raises(DimensionMismatchError):
        Quantity([1 * mV, 2 * ms])


def test_with_dimensions_keeps_a_quantity_even_when_dimensionless():
    q = Quantity.with_dimensions(5.0, DIMENSIONLESS)
    assert isinstance(q, Quantity)
    assert float(q) == 5.0
    assert Quantity.with_dimensions(2.0, SECOND) == 2 * second


# -- arithmetic -----------------------------------------------------------------

def test_addition_and_subtraction_need_the_same_dimension():
    assert (1 * mV + 2 * mV) == 3 * mV
    assert (5 * ms - 2 * ms).dim is SECOND
    with pytest.raises(DimensionMismatchError) as info:
        3 * mV + 2 * ms
    assert info.value.code == "EQ201"
    assert "3. mV + 2. ms" in str(info.value)
    with pytest.raises(DimensionMismatchError):
        3 * mV - 1


def test_multiplication_and_division_combine_dimensions():
    current = (10 * mV) / (2 * ohm)
    assert current.dim is amp.dim
    assert np.isclose(current / amp, 0.005)
    assert (nS * mV).dim is amp.dim


def test_dimensionless_results_are_plain_numpy_objects():
    ratio = (10 * ms) / (5 * ms)
    assert not isinstance(ratio, Quantity)
    assert ratio == 2.0
    values = np.array([1.0, 2.0, 3.0]) * ms
    plain = values / ms
    assert type(plain) is np.ndarray
    np.testing.assert_allclose(plain, [1, 2, 3])
    assert type(values / values) is np.ndarray


def test_python_list_times_unit_gives_a_quantity_array():
    rates = [10, 100] * Hz
    assert isinstance(rates, Quantity)
    assert rates.dim is Hz.dim
    np.testing.assert_allclose(rates / Hz, [10, 100])


def test_power_needs_a_dimensionless_scalar_exponent():
    area = (3 * um) ** 2
    assert area.dim is umetre2.dim
    assert np.isclose(area / umetre2, 9)
    assert (4 * umetre2) ** 0.5 == 2 * um
    with pytest.raises(DimensionMismatchError) as info:
        (2 * mV) ** (1 * ms)
    assert info.value.code == "EQ207"
    with pytest.raises(TypeError):  # Brian2 2.9.0: TypeError for an array of exponents
        (2 * mV) ** np.array([1, 2])
    assert 2 ** ((4 * ms) / (2 * ms)) == 4.0


def test_unary_minus_and_abs_keep_the_unit():
    q = np.array([-1.0, 2.0]) * mV
    assert np.all(-q == [1, -2] * mV)
    assert np.all(abs(q) == [1, 2] * mV)


def test_in_place_operations_check_and_update_dimensions():
    q = np.array([1.0, 2.0]) * mV
    q += 1 * mV
    np.testing.assert_allclose(q / mV, [2, 3])
    with pytest.raises(DimensionMismatchError):
        q += 1 * ms
    q *= 2 * ms
    assert q.dim is VOLT * SECOND


def test_in_place_operation_on_a_unit_is_a_type_error_and_leaves_it_unchanged():
    # Brian2 2.9.0: `x = ms; x *= 2` raises TypeError("Units cannot be modified in-place")
    x = ms
    with pytest.raises(TypeError, match="Units cannot be modified in-place") as info:
        x *= 2
    assert info.value.code == "EQ295"
    assert x is ms and ms == 0.001 * second
    with pytest.raises(ValueError):
        ms[()] = 5 * second


# -- comparisons ------------------------------------------------------------------

def test_comparisons_need_the_same_dimension():
    assert 3 * mV < 1 * volt
    assert not (3 * mV >= 1 * volt)
    with pytest.raises(DimensionMismatchError) as info:
        3 * mV < 2 * ms
    assert info.value.code == "EQ202"
    with pytest.raises(DimensionMismatchError):
        3 * mV == 3


def test_comparing_with_plain_zero_or_infinity_is_allowed_for_any_unit():
    q = np.array([-1.0, 0.0, 2.0]) * mV
    np.testing.assert_array_equal(q > 0, [False, False, True])
    np.testing.assert_array_equal(q == 0, [False, True, False])
    assert np.all(q < np.inf)


def test_comparison_with_unrelated_objects_returns_not_equal():
    assert not (3 * mV == None)  # noqa: E711 -- testing the operator itself
    assert (3 * mV) != "3 mV"


# -- ufuncs --------------------------------------------------------------------------

def test_transcendental_ufuncs_need_dimensionless_arguments():
    v = np.array([-70.0, -50.0]) * mV
    np.testing.assert_allclose(np.exp(v / (10 * mV)), np.exp([-7.0, -5.0]))
    for func in (np.exp, np.log, np.sin, np.tanh):
        with pytest.raises(DimensionMismatchError) as info:
            func(v)
        assert info.value.code == "EQ203"


def test_sqrt_halves_and_square_doubles_exponents():
    assert np.sqrt(4 * umetre2) == 2 * um
    assert np.square(3 * um).dim is umetre2.dim
    assert np.reciprocal(2 * ms) == 500 * Hz


def test_unit_preserving_ufuncs_keep_the_dimension():
    v = np.array([-1.5, 2.5]) * volt
    for result in (np.abs(v), np.floor(v), np.ceil(v), np.maximum(v, 0 * volt),
                   np.minimum(v, 1 * volt), np.clip(v, -1 * volt, 1 * volt)):
        assert result.dim is VOLT
    assert np.all(np.clip(v, -1 * volt, 1 * volt) == [-1, 1] * volt)
    assert np.all(np.clip(v, 0, None) == [0, 2.5] * volt)
    with pytest.raises(DimensionMismatchError):
        np.maximum(v, 1 * second)
    with pytest.raises(DimensionMismatchError):
        np.clip(v, -1 * second, 1 * second)


def test_boolean_ufuncs_return_plain_arrays():
    v = np.array([1.0, np.nan]) * mV
    assert type(np.isnan(v)) is np.ndarray
    np.testing.assert_array_equal(np.sign(np.array([-2.0, 3.0]) * mV), [-1, 1])


def test_ufunc_reductions_and_at():
    v = np.array([1.0, 2.0, 3.0]) * mV
    assert np.add.reduce(v) == 6 * mV
    assert np.multiply.reduce(v).dim is VOLT ** 3
    counts = np.zeros(2) * mV
    np.add.at(counts, [0, 0, 1], 1 * mV)
    np.testing.assert_allclose(counts / mV, [2, 1])
    with pytest.raises(DimensionMismatchError):
        np.add.at(counts, [0], 1 * ms)


def test_writing_a_dimensioned_result_into_a_plain_array_is_refused():
    plain = np.zeros(2)
    with pytest.raises(DimensionMismatchError) as info:
        np.multiply([1.0, 2.0], mV, out=plain)
    assert info.value.code == "EQ208"
    np.divide(np.array([1.0, 2.0]) * mV, mV, out=plain)
    np.testing.assert_allclose(plain, [1, 2])


# -- numpy functions ---------------------------------------------------------------

def test_statistics_keep_units_and_variance_squares_them():
    v = np.array([-70.0, -60.0, -50.0]) * mV
    for result, expected in ((np.mean(v), -60 * mV), (v.mean(), -60 * mV),
                             (np.sum(v), -180 * mV), (v.sum(), -180 * mV),
                             (np.min(v), -70 * mV), (v.max(), -50 * mV),
                             (np.median(v), -60 * mV)):
        assert isinstance(result, Quantity)
        assert np.isclose(result / mV, expected / mV)
    assert np.isclose(np.std(v) / mV, np.std([-70, -60, -50]))
    assert np.var(v).dim is VOLT ** 2
    assert np.isclose(np.var(v) / mV ** 2, np.var([-70, -60, -50]))
    np.testing.assert_allclose(np.cumsum(v) / mV, [-70, -130, -180])
    np.testing.assert_allclose(np.diff(v) / mV, [10, 10])
    assert np.prod(v).dim is VOLT ** 3


def test_index_functions_return_plain_integers():
    v = np.array([3.0, 1.0, 2.0]) * mV
    assert np.argmax(v) == 0
    np.testing.assert_array_equal(np.argsort(v), [1, 2, 0])
    np.testing.assert_array_equal(np.nonzero(v > 1.5 * mV)[0], [0, 2])


def test_where_needs_matching_units_and_concatenate_keeps_a_shared_unit():
    v = np.array([1.0, 2.0]) * mV
    chosen = np.where(v > 1.5 * mV, v, 0 * mV)
    assert np.all(chosen == [0, 2] * mV)
    joined = np.concatenate([v, [3] * mV])
    assert joined.dim is VOLT and joined.shape == (3,)
    assert np.hstack([v, v]).shape == (4,)
    assert np.vstack([v, v]).dim is VOLT
    with pytest.raises(DimensionMismatchError):
        np.where(v > 1.5 * mV, v, 1 * ms)


@pytest.mark.parametrize("join", [np.concatenate, np.hstack, np.vstack, np.stack,
                                  np.dstack, np.column_stack])
@pytest.mark.parametrize("other", [np.zeros(2), [0, 0] * ms])
def test_joining_arrays_of_different_units_gives_their_si_values_without_unit(join, other):
    # Brian2 (Rossant_et_al_2011bis: vstack((v_trace, zeros(n)))) joins the SI values
    v = np.array([1.0, 2.0]) * mV
    joined = join((v, other))
    assert getattr(joined, "dim", DIMENSIONLESS) is DIMENSIONLESS
    np.testing.assert_allclose(np.asarray(joined), join(([1e-3, 2e-3], [0.0, 0.0])))


def test_array_creation_helpers_combine_with_units():
    times = np.linspace(-50, 50, 100) * ms
    assert times.shape == (100,) and times.dim is SECOND
    assert np.all(np.zeros(3) * mV == 0 * mV)
    span = np.linspace(0 * ms, 10 * ms, 11)
    assert span.dim is SECOND and np.isclose(span[-1] / ms, 10)
    with pytest.raises(DimensionMismatchError):
        np.linspace(0 * ms, 10 * mV, 11)


def test_dot_and_outer_multiply_dimensions():
    v = np.array([1.0, 2.0]) * mV
    assert np.dot(v, v).dim is VOLT ** 2
    assert np.outer(v, [1, 2] * ms).dim is VOLT * SECOND


def test_isclose_and_allclose_check_units():
    v = np.array([1.0, 2.0]) * mV
    assert np.allclose(v, [1, 2] * mV)
    with pytest.raises(DimensionMismatchError):
        np.allclose(v, [1, 2] * ms)


def test_asarray_and_array_give_plain_si_values():
    v = np.array([-70.0, -60.0]) * mV
    for plain in (np.asarray(v), np.array(v)):
        assert type(plain) is np.ndarray
        np.testing.assert_allclose(plain, [-0.07, -0.06])


# -- indexing ------------------------------------------------------------------------

def test_indexing_and_slicing_keep_units():
    v = np.array([1.0, 2.0, 3.0]) * mV
    assert v[0] == 1 * mV and isinstance(v[0], Quantity)
    assert v[1:].dim is VOLT and v[1:].shape == (2,)
    assert v[v > 1.5 * mV].shape == (2,)
    assert v[[0, 2]].dim is VOLT


def test_setting_items_checks_dimensions():
    v = np.array([1.0, 2.0, 3.0]) * mV
    v[0] = 5 * mV
    v[1:] = [7, 8] * mV
    np.testing.assert_allclose(v / mV, [5, 7, 8])
    with pytest.raises(DimensionMismatchError) as info:
        v[0] = 5
    assert info.value.code == "EQ206"
    with pytest.raises(DimensionMismatchError):
        v[:] = 1 * ms


def test_len_iteration_and_tolist_give_quantities():
    v = np.array([1.0, 2.0]) * mV
    assert len(v) == 2
    items = list(v)
    assert all(isinstance(item, Quantity) and item.dim is VOLT for item in items)
    assert items[1] == 2 * mV
    as_list = v.tolist()
    assert isinstance(as_list, list) and as_list[0] == 1 * mV
    assert (v / mV).tolist() == [1.0, 2.0]


# -- conversions -----------------------------------------------------------------------

def test_float_and_int_give_si_values_as_brian2_does():
    assert float(Quantity(3.0)) == 3.0
    assert float(10 * ms / second) == pytest.approx(0.01)
    assert float(3 * mV) == pytest.approx(0.003)
    assert int(3 * volt) == 3


# -- display ---------------------------------------------------------------------------

def test_str_and_repr_like_brian2():
    assert str(10 * ms) == "10. ms"
    assert repr(10 * ms) == "10. * msecond"
    assert str([1, 2, 3] * ms) == "[1. 2. 3.] ms"
    assert repr([1, 2, 3] * mV) == "array([1., 2., 3.]) * mvolt"


def test_display_unit_is_chosen_from_the_magnitude_of_the_values():
    assert str(-0.07 * volt) == "-70. mV"
    assert str(np.array([-0.07, -0.065]) * volt) == "[-70. -65.] mV"
    assert str(0.5 * second) == "0.5 s"  # Brian2's choice: numbers closest to 10
    assert str(0.2 * second) == "200. ms"
    assert str(2 * second) == "2. s"
    assert str(5e-9 * (amp / volt)) == "5. nS"
    assert str(0 * mV) == "0. V"
    assert str(3 * mV / ms) == "3. V/s"


def test_in_unit_and_format_spec():
    v = -0.07 * volt
    assert v.in_unit(mV) == "-70. mV"
    assert (10 * ms).in_unit(second) == "0.01 s"
    with pytest.raises(DimensionMismatchError):
        v.in_unit(ms)
    assert f"{10 * ms:.2f}" == "0.01"  # Brian2 2.9.0: a spec formats the SI value
    assert f"{10 * ms}" == "10. ms"


# -- copying and pickling -------------------------------------------------------------

def test_pickle_round_trip_keeps_values_and_dimension():
    v = np.array([1.0, 2.0]) * mV
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        restored = pickle.loads(pickle.dumps(v, protocol=protocol))
        assert isinstance(restored, Quantity) and restored.dim is VOLT
        np.testing.assert_array_equal(np.asarray(restored), np.asarray(v))
        assert pickle.loads(pickle.dumps(ms, protocol=protocol)) is ms


def test_deepcopy_is_independent_of_the_original():
    v = np.array([1.0, 2.0]) * mV
    duplicate = copy.deepcopy(v)
    duplicate[0] = 9 * mV
    assert v[0] == 1 * mV and duplicate.dim is VOLT
    assert copy.deepcopy(ms) is ms
    assert copy.copy(v).dim is VOLT


def test_units_are_hashable_but_arrays_are_not():
    assert {ms: "t"}[ms] == "t"
    with pytest.raises(TypeError):
        hash(np.array([1.0]) * mV)


def test_get_dimensions_of_quantity_views_follows_the_base():
    v = np.array([[1.0, 2.0], [3.0, 4.0]]) * metre
    assert get_dimensions(v.T) is metre.dim
    assert get_dimensions(v.reshape(4)) is metre.dim
    assert isinstance(Dimension.from_exponents(m=1), Dimension)
