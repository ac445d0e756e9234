"""NeuronGroup model strings that used to hang or escape as non-eqsim exceptions: they
now run (with the same numbers on both targets) or end in an EqsimError naming the problem."""
import time

import numpy as np
import pytest

from eqsim import EquationError, IntegrationError, NeuronGroup, ms, run, seed, start_scope


# logic is checked on the NumPy target (tests/conftest.py); tests comparing targets choose
# their own
pytestmark = pytest.mark.usefixtures("numpy_target")


def test_reset_with_a_condition_on_randn_builds_fast_and_agrees_on_both_targets(both_targets):
    def simulate(target):
        start_scope()  # the same object numbers, so the same random streams
        seed(11)
        began = time.perf_counter()
        G = NeuronGroup(50, "v : 1", threshold="True", reset="v = 1 if 2 < randn()**2 else 0")
        building = time.perf_counter() - began
        run(0.3 * ms)
        return building, G.v[:].copy()
    (numpy_building, numpy_v), (_, cython_v) = both_targets(simulate)
    assert numpy_building < 1.0
    assert set(np.unique(numpy_v)) == {0.0, 1.0}  # both branches were taken
    np.testing.assert_array_equal(numpy_v, cython_v)


def test_string_assignment_with_a_condition_on_log_rand_agrees_on_both_targets(both_targets):
    def simulate(target):
        start_scope()  # the same object numbers, so the same random streams
        seed(3)
        G = NeuronGroup(40, "x : 1")
        G.x = "0.1 if -1 < log(rand()) else 0.2"
        return G.x[:].copy()
    numpy_x, cython_x = both_targets(simulate)
    assert set(np.unique(numpy_x)) == {0.1, 0.2}
    np.testing.assert_array_equal(numpy_x, cython_x)


def test_reset_choosing_between_a_variable_and_a_constant_function_value(both_targets):
    def simulate(target):
        G = NeuronGroup(2, "v : 1", threshold="True", reset="v = (v if v > 5 else log10(2))")
        G.v = [0, 7]
        run(0.2 * ms)
        return G.v[:].copy()
    numpy_v, cython_v = both_targets(simulate)
    np.testing.assert_allclose(numpy_v, [np.log10(2), 7.0])
    np.testing.assert_array_equal(numpy_v, cython_v)


@pytest.mark.parametrize("value", ["10**400", "v*10**400", "1e300*1e300"])
def test_string_value_beyond_the_double_range_is_refused_and_leaves_the_values(value):
    G = NeuronGroup(2, "v : 1")
    G.v = 3
    with pytest.raises(EquationError, match="too large to be represented") as info:
        G.v = value
    assert info.value.code == "EQ106"
    np.testing.assert_array_equal(G.v[:], [3, 3])


def test_unit_with_a_huge_exponent_is_an_equation_error():
    with pytest.raises(EquationError, match="too large") as info:
        NeuronGroup(1, "v : volt**(10**400)")
    assert info.value.code == "EQ106" and info.value.line == 1


@pytest.mark.parametrize("model", ["a = b : 1\nb = a : 1", "v : 1\na = b : 1\nb = c : 1\nc = a : 1",
                                   "dv/dt = -v/(10*ms) + a/ms : 1\na = b : 1\nb = a : 1"])
def test_cyclic_subexpressions_are_reported_as_a_cycle_when_the_group_is_made(model):
    with pytest.raises(EquationError, match="cycle: a -> b") as info:
        NeuronGroup(2, model)
    assert info.value.code == "EQ128"


@pytest.mark.parametrize("keyword, code", [("reset", "t = 0*ms"), ("reset", "_t = 1\nv = _t"),
                                           ("reset", "dt = 1*ms")])
def test_reset_assigning_simulator_values_is_refused_when_the_group_is_made(keyword, code):
    with pytest.raises(EquationError, match="Cannot assign to") as info:
        NeuronGroup(1, "v : 1", threshold="True", **{keyword: code})
    assert info.value.code == "EQ109"


@pytest.mark.parametrize("code", ["dt = 1*ms", "t = 0*ms", "_x = 1"])
def test_run_regularly_assigning_simulator_values_is_refused(code):
    G = NeuronGroup(1, "v : 1")
    with pytest.raises(EquationError, match="Cannot assign to") as info:
        G.run_regularly(code)
    assert info.value.code == "EQ109"


def test_a_condition_added_to_a_variable_in_a_reset_is_refused():
    with pytest.raises(EquationError, match="is a condition") as info:
        NeuronGroup(1, "v : 1", threshold="True", reset="v += v > 0")
    assert info.value.code == "EQ105" and info.value.line == 1


def test_int_of_a_condition_in_a_differential_equation_integrates_like_a_conditional():
    G = NeuronGroup(2, "dv/dt = (1 - int(v > 0.5))/tau : 1\ntau : second")
    G.tau = 1 * ms
    G.v = [0, 1]
    run(1 * ms)
    np.testing.assert_allclose(G.v[:], [0.6, 1.0])  # grows by dt/tau per step until above 0.5


def test_int_of_a_condition_is_not_linear_for_exact_integration():
    G = NeuronGroup(1, "dv/dt = -v*int(v > 0.5)/tau : 1\ntau : second", method="exact")
    G.tau = 1 * ms
    with pytest.raises(IntegrationError, match="linear") as info:
        run(0.1 * ms)
    assert info.value.code == "EQ302"


def test_scalar_division_by_zero_and_overflow_give_inf_on_both_targets(both_targets):
    def simulate(target):
        start_scope()
        zero_time = 0 * ms
        G = NeuronGroup(2, "a : 1\nb : 1\nc : 1\nd : 1")
        G.run_regularly("a = 0.5/(t/ms)\nb = (t/ms + 1e308)**2\nc = 1/(N - 2)\n"
                        "d = 1/(zero_time/ms)")
        with np.errstate(all="ignore"):
            run(0.1 * ms)
        return np.array([G.a[:], G.b[:], G.c[:], G.d[:]])
    numpy_values, cython_values = both_targets(simulate)
    assert np.all(np.isposinf(numpy_values))
    np.testing.assert_array_equal(numpy_values, cython_values)
