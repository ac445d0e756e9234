"""Both targets compute with the same numbers: constants, NaN and infinities, integer
variables (kernel-side conversion), and results rounded alike."""
import math

import numpy as np
import pytest

from eqsim import Network, NeuronGroup, defaultclock, ms
from eqsim.errors import EqsimError

SPECIAL = np.array([np.nan, np.inf, -np.inf, 0.0, 2.5, -2.5, 1e300, -7.0])


def after_reset(eqs, reset, n=2, namespace=None, **values):
    """The group after one step in which every element spikes and runs ``reset``."""
    group = NeuronGroup(n, eqs, threshold="True", reset=reset)
    for name, value in values.items():
        setattr(group, name, value)
    with np.errstate(all="ignore"):
        Network(group).run(defaultclock.dt, namespace=namespace or {})
    return group


def test_integer_literal_beyond_64_bits_is_its_double(target):
    assert np.all(after_reset("v : 1", "v = 2**70").v_[:] == 2.0 ** 70)


def test_threshold_against_a_huge_integer_literal_compares_with_its_double(target):
    group = NeuronGroup(2, "v : 1", threshold="v < 10**20", reset="v = -1")
    group.v = [1e19, 2e20]
    Network(group).run(defaultclock.dt)
    assert list(group.v_[:]) == [-1.0, 2e20]


def test_functions_of_huge_integer_literals_see_their_double(target):
    group = after_reset("v : 1\nw : 1", "v = sin(10**20)\nw = 3000000000*v + 2**31")
    assert group.v_[0] == math.sin(1e20)
    assert group.w_[0] == 3e9 * math.sin(1e20) + 2.0 ** 31


@pytest.mark.parametrize("text", ["v = 1e308*10", "v = -1e308*10", "v = 2.0**2000"])
def test_constant_beyond_the_doubles_in_a_model_string_is_refused(text, target):
    """Written in a model, such a constant is a mistake: refused with its text (the printers
    would print it as the infinity NumPy computes, test_printers.py)."""
    with pytest.raises(EqsimError, match="double") as error:
        after_reset("v : 1", text)
    assert error.value.code == "EQ106"


def test_overflow_of_computed_values_is_infinity_on_both_targets(target):
    group = after_reset("v : 1\nbig : 1", "v = big*10\nbig = -big*10", big=1e308)
    assert np.all(group.v_[:] == np.inf) and np.all(group.big_[:] == -np.inf)


def test_external_constant_beyond_the_doubles_is_refused(target):
    with pytest.raises(EqsimError, match="'big'.*double") as error:
        after_reset("v : 1", "v = big", namespace={"big": 10 ** 400})
    assert error.value.code == "EQ106"


def test_clip_propagates_nan_from_any_argument(target):
    group = after_reset("x : 1\na : 1\nb : 1\nc : 1", "a = clip(x, 0, 1)\nb = clip(0.5, x, 1)\n"
                        "c = clip(0.5, 0, x)", n=len(SPECIAL), x=SPECIAL)
    with np.errstate(invalid="ignore"):
        np.testing.assert_array_equal(group.a_[:], np.clip(SPECIAL, 0, 1))
        np.testing.assert_array_equal(group.b_[:], np.minimum(np.maximum(0.5, SPECIAL), 1))
        np.testing.assert_array_equal(group.c_[:], np.minimum(np.maximum(0.5, 0), SPECIAL))
    assert np.isnan(group.a_[0]) and np.isnan(group.b_[0]) and np.isnan(group.c_[0])


@pytest.mark.parametrize("function, reference", [
    ("abs", np.abs), ("sign", np.sign), ("floor", np.floor), ("ceil", np.ceil),
    ("int", np.trunc), ("sqrt", np.sqrt), ("exprel", None),
])
def test_functions_of_nan_and_infinities_agree_with_numpy(target, function, reference):
    group = after_reset("x : 1\ny : 1", f"y = {function}(x)", n=len(SPECIAL), x=SPECIAL)
    with np.errstate(all="ignore"):
        expected = reference(SPECIAL) if reference else np.where(
            SPECIAL == 0, 1.0, np.expm1(SPECIAL) / SPECIAL)
    got = group.y_[:]
    # the special values exactly; finite ones within the last bit: C's libm and NumPy's own
    # SIMD expm1 (NumPy 2.4) may round exprel(-2.5) apart
    exact = ~np.isfinite(expected) | ~np.isfinite(SPECIAL) | (reference is not None)
    np.testing.assert_array_equal(got[exact], expected[exact])
    np.testing.assert_array_max_ulp(got[~exact], expected[~exact], maxulp=1)


def test_remainder_takes_the_divisor_s_sign_and_rounds_as_numpy_mod(target):
    x = np.array([5.3, -5.3, 7.0, -7.0, 0.7, np.inf, np.nan, 1e300])
    group = after_reset("x : 1\na : 1\nb : 1", "a = x % 0.1\nb = x % -3", n=len(x), x=x)
    with np.errstate(invalid="ignore"):
        np.testing.assert_array_equal(group.a_[:], np.mod(x, 0.1))
        np.testing.assert_array_equal(group.b_[:], np.mod(x, -3))


def test_floor_division_is_pythons_divmod_quotient_on_both_targets(target):
    """Brian2 2.9.0's NumPy target (numpy.floor_divide, Python's a // b): 7.0 // -0.7 is
    -11 (floor(7.0 / -0.7) is -10, what eqsim gave), infinity // 2 is NaN, 7 // -inf is
    -1, zeros keep the quotient's sign; a // b and a % b are one divmod."""
    x = np.array([7.0, 2.1, -1.7, -0.35, 0.0, -0.0, np.inf, np.nan, 5.0, 1e300, 3.0, 7.0])
    d = np.array([-0.7, 0.7, -0.7, 0.7, -0.7, 0.7, 2.0, 2.0, 0.0, 1e-300, np.inf, -np.inf])
    group = after_reset("x : 1\nd : 1\nq : 1\nr : 1", "q = x // d\nr = x % d", n=len(x),
                        x=x, d=d)
    quotient = [-11.0, 3.0, 2.0, -1.0, -0.0, -0.0, np.nan, np.nan, np.inf, np.inf, 0.0, -1.0]
    remainder = [-0.6999999999999995, 2.220446049250313e-16, -0.30000000000000004, 0.35,
                 -0.0, 0.0, np.nan, np.nan, np.nan, 4.891554850853602e-301, 3.0, -np.inf]
    for ours, brian2 in ((group.q_[:], np.array(quotient)), (group.r_[:], np.array(remainder))):
        np.testing.assert_array_equal(ours, brian2)
        number = ~np.isnan(brian2)  # (a NaN's sign means nothing)
        np.testing.assert_array_equal(np.signbit(ours[number]), np.signbit(brian2[number]))


def test_integer_remainder_and_quotient_of_a_division_by_zero_agree_on_both_targets(target):
    """Computed in doubles on both targets (NumPy's int32 remainder of n % 0 was 0, C's
    NaN); Brian2's NumPy target gives 0 for both, its Cython target raises
    ZeroDivisionError."""
    group = after_reset("n : integer\nk : integer\nr : 1\nq : 1\nm : integer",
                        "r = n % k\nq = n // k\nm = n % k", n=3)
    group.n = [5, -5, 0]
    with np.errstate(all="ignore"):
        Network(group).run(defaultclock.dt)
    assert np.isnan(group.r_[:]).all() and list(group.m_[:]) == [0, 0, 0]
    assert list(group.q_[:][:2]) == [np.inf, -np.inf] and np.isnan(group.q_[2])
    # string assignments too (evaluated in NumPy from the int32 arrays themselves; large
    # synaptic ones compiled): NumPy's int32 n % 0 and n // 0 were 0
    group.r, group.q = 0, 0
    with np.errstate(all="ignore"):
        group.r = "n % k"
        group.q = "n // k"
    assert np.isnan(group.r_[:]).all()
    assert list(group.q_[:][:2]) == [np.inf, -np.inf] and np.isnan(group.q_[2])


def test_cube_root_of_a_negative_number_is_nan_as_in_numpy(target):
    group = after_reset("x : 1\ny : 1", "y = x**(1/3)", n=3, x=[-8.0, 8.0, 0.0])
    assert np.isnan(group.y_[0]) and list(group.y_[1:]) == [2.0, 0.0]


def test_small_whole_powers_round_identically_on_both_targets(ieee_strict_compiler,
                                                             both_targets):
    """Spelled alike (products), so an IEEE build gives NumPy's numbers bit for bit (the
    production flags may reassociate the products: an ulp, see test_differential.py)."""
    x = np.random.default_rng(3).uniform(-10, 10, 500)

    def run(_target):
        group = after_reset("x : 1\na : 1\nb : 1\nc : 1", "a = x**3\nb = x**-2\nc = (x + 1)**4",
                            n=x.size, x=x)
        return group.a_[:].copy(), group.b_[:].copy(), group.c_[:].copy()
    numpy_result, cython_result = both_targets(run)
    for ours, reference in zip(cython_result, numpy_result):
        np.testing.assert_array_equal(ours, reference)


# -- integer variables: kernels store truncated, saturated values, NaN as 0 ----------
@pytest.mark.parametrize("value, stored", [
    ("3e9", 2 ** 31 - 1), ("-3e9", -(2 ** 31)), ("2**70", 2 ** 31 - 1), ("y*10", 2 ** 31 - 1),
    ("x", 0), ("-2.7", -2), ("2147483647.9", 2 ** 31 - 1),
])
def test_integer_variable_stores_kernel_values_truncated_and_saturated(target, value, stored):
    group = after_reset("n : integer\nx : 1\ny : 1", f"n = {value}", x=np.nan, y=1e308)
    assert group.n_.dtype == np.int32
    assert list(group.n_[:]) == [stored, stored]


def test_integer_arithmetic_in_kernels_is_done_in_doubles_on_both_targets(target):
    group = after_reset("n : integer\nm : integer\ny : 1", "n = n * 1000000\nm = m * 3 + 1\n"
                        "y = m / 2", n=2)
    group.n = [10000, -10000]
    group.m = [5, -5]
    with np.errstate(all="ignore"):
        Network(group).run(defaultclock.dt)
    # 1e10 is beyond int32: saturated, not wrapped around (NumPy's int32) nor undefined (C)
    assert list(group.n_[:]) == [2 ** 31 - 1, -(2 ** 31)]
    assert list(group.m_[:]) == [16, -14]
    assert list(group.y_[:]) == [8.0, -7.0]


def test_dividing_by_a_zero_constant_gives_infinity_on_both_targets(target):
    group = after_reset("a : 1\nb : 1\nc : 1", "z = 0.0\na = 1/z\nb = 1/k\nc = -1/(k*k)",
                        namespace={"k": 0.0})
    assert list(group.a_[:]) == list(group.b_[:]) == [np.inf, np.inf]
    assert list(group.c_[:]) == [-np.inf, -np.inf]


def test_int_of_a_truth_value_is_a_double_on_both_targets(target):
    group = after_reset("v : 1\na : 1\nb : 1", "a = sign(int(v > 1)) - 1\nb = sqrt(int(v > 1) + 1)",
                        n=2, v=[0.0, 2.0])
    assert list(group.a_[:]) == [-1.0, 0.0]
    assert list(group.b_[:]) == [1.0, math.sqrt(2.0)]  # not float16's 1.414
