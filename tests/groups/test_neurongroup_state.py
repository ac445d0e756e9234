"""Reading and writing NeuronGroup state: units, strings, indices, subgroups, flags."""
import numpy as np
import pytest

from eqsim import (DimensionMismatchError, EqsimError, NeuronGroup, StateMonitor, mV, ms, run,
                   second, volt)
from eqsim.units import Quantity, get_dimensions

MODEL = """dv/dt = (v0 - v)/tau : volt
v0 : volt
tau : second (constant)
I : 1
g = 2*v : volt
n : integer
flag : boolean
c : 1 (shared)"""


def group(n=20):
    return NeuronGroup(n, MODEL, method="exact", name="S")


def test_assign_quantity_to_all_elements():
    G = group()
    G.v = -70 * mV
    np.testing.assert_allclose(np.asarray(G.v), -0.07)
    assert get_dimensions(G.v[:]) == volt.dim


def test_assign_string_expression_uses_index_and_units():
    G = group()
    G.v = "i*0.1*mV"
    np.testing.assert_allclose(G.v_, np.arange(20) * 1e-4)


def test_assign_list_of_plain_numbers_to_dimensionless_variable():
    G = group(2)
    G.I = [2, 0]
    assert G.I[:].tolist() == [2.0, 0.0]


def test_assign_slice_and_read_single_element():
    G = group()
    G.v = -70 * mV
    G.v[:5] = -50 * mV
    np.testing.assert_allclose(G.v_[:6], [-0.05] * 5 + [-0.07])
    single = G.v[0]
    assert isinstance(single, Quantity) and single.shape == ()
    assert float(single / mV) == pytest.approx(-50)


def test_assign_with_string_condition_index():
    G = group(6)
    G.v = 0 * mV
    G.v["i > 2"] = 5 * mV
    np.testing.assert_allclose(G.v_, [0, 0, 0, 5e-3, 5e-3, 5e-3])
    G.v["i <= 2"] = "i*mV"
    np.testing.assert_allclose(G.v_, [0, 1e-3, 2e-3, 5e-3, 5e-3, 5e-3])


def test_raw_values_are_floats_in_base_units_and_can_be_set():
    G = group(3)
    G.v_ = [0.01, 0.02, 0.03]
    assert isinstance(G.v_[:], np.ndarray) and not isinstance(G.v_[:], Quantity)
    assert isinstance(np.asarray(G.v_), np.ndarray) and not isinstance(G.v_ * 2, Quantity)
    np.testing.assert_allclose(np.asarray(G.v / mV), [10, 20, 30])
    G.v_[1:] = 0.05  # a view, as Brian2's: item assignment writes (it set a copy)
    G.v_[0] = np.float64(0.04)
    np.testing.assert_allclose(np.asarray(G.v / mV), [40, 50, 50])
    G.v_ = "i*0.001"  # an expression in base units, as Brian2 takes it
    np.testing.assert_allclose(np.asarray(G.v / mV), [0, 1, 2])


def test_reading_a_subexpression_evaluates_it():
    G = group(3)
    G.v = [1, 2, 3] * mV
    np.testing.assert_allclose(np.asarray(G.g), [2e-3, 4e-3, 6e-3])
    assert get_dimensions(G.g) == volt.dim


def test_assignment_with_wrong_dimension_raises():
    G = group()
    with pytest.raises(DimensionMismatchError):
        G.v = 3 * second
    with pytest.raises(DimensionMismatchError):
        G.tau = 5
    with pytest.raises(DimensionMismatchError):
        G.v = "i*ms"
    with pytest.raises(DimensionMismatchError):
        G.v[:3] = 1 * second


def test_zero_is_accepted_for_any_dimension():
    G = group(3)
    G.v = 1 * mV
    G.v = 0
    assert np.all(G.v_ == 0)


def test_assigning_an_unknown_attribute_raises():
    G = group()
    with pytest.raises(EqsimError, match="vv"):
        G.vv = 3 * mV
    with pytest.raises(AttributeError):
        G.unknown_variable


def test_subgroup_views_parent_state_and_assignment_writes_through():
    G = group()
    G.v = "i*mV"
    sub = G[10:20]
    assert len(sub) == 10
    np.testing.assert_allclose(sub.v_, np.arange(10, 20) * 1e-3)
    sub.v = -1 * mV
    np.testing.assert_allclose(G.v_[10:20], -1e-3)
    np.testing.assert_allclose(G.v_[:10], np.arange(10) * 1e-3)
    sub.v = "i*mV"  # i counts from the start of the subgroup
    np.testing.assert_allclose(G.v_[10:20], np.arange(10) * 1e-3)
    sub.v[:2] = 7 * mV
    np.testing.assert_allclose(G.v_[10:13], [7e-3, 7e-3, 2e-3])
    assert sub.i.tolist() == list(range(10))


def test_subgroup_of_subgroup_offsets_add_up():
    G = group()
    G.v = "i*mV"
    np.testing.assert_allclose(G[5:15][2:4].v_, [7e-3, 8e-3])


def test_shared_variable_has_one_value():
    G = group(4)
    G.c = 3
    assert np.ndim(G.c[:]) == 0 or np.size(G.c[:]) == 1
    assert float(G.c[:]) == 3.0
    G.v = "c*mV"
    np.testing.assert_allclose(G.v_, 3e-3)


def test_integer_and_boolean_variables_keep_their_types():
    G = group(4)
    G.n = [1, 2, 3, 4]
    G.flag = [True, False, True, False]
    assert G.n_.dtype.kind == "i"
    assert G.flag_.dtype == np.bool_
    G.n = "i*2"
    assert G.n[:].tolist() == [0, 2, 4, 6]
    G.flag = "i > 1"
    assert G.flag[:].tolist() == [False, False, True, True]


def test_constant_variable_is_settable_before_run_and_used(target):
    G = NeuronGroup(2, "dv/dt = -v/tau : 1\ntau : second (constant)", method="exact", name="D")
    M = StateMonitor(G, "v", record=True, name="MD")
    G.v = 1
    G.tau = [10, 20] * ms
    run(1 * ms)
    np.testing.assert_allclose(G.v_, np.exp(-1e-3 / np.array([10e-3, 20e-3])), rtol=1e-12)


def test_integer_and_boolean_variables_in_generated_code(target):
    G = NeuronGroup(4, """dv/dt = 1/ms : 1
n : integer
flag : boolean""", threshold="v > 0.25", reset="n += 1\nflag = n > 1\nv = 0", method="euler",
                    name="B")
    M = StateMonitor(G, ["n", "flag"], record=[0], name="MB")
    run(1 * ms)
    # v grows by 0.1 per step: spikes every 3 steps, 3 spikes up to step 9 (t = 0.8 ms)
    assert G.n[:].tolist() == [3, 3, 3, 3]
    assert G.flag[:].tolist() == [True] * 4
    assert G.n_.dtype.kind == "i" and G.flag_.dtype == np.bool_
    # monitors read them as numbers (recorded before the step's reset)
    assert M.n[0].tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3]
    assert M.flag[0].tolist() == [0] * 6 + [1] * 4


def test_group_time_and_step_come_from_its_clock():
    from eqsim import NeuronGroup, run
    G = NeuronGroup(2, "v : volt", dt=0.5 * ms)
    run(2 * ms)
    assert float(G.t / ms) == pytest.approx(2.0)
    assert float(G.dt / ms) == pytest.approx(0.5)


def test_assigning_the_wrong_number_of_values_is_a_clear_error():
    from eqsim import EqsimError, NeuronGroup
    G = NeuronGroup(5, "v : volt")
    with pytest.raises(EqsimError, match="2 values into 5 elements"):
        G.v = [1, 2] * mV


def test_subgroup_run_regularly_acts_on_its_neurons_with_its_own_index(target):
    group = NeuronGroup(10, "v : 1")
    group[2:5].run_regularly("v += 1 + i", dt=1 * ms)  # i counts from the subgroup's start
    run(3 * ms)  # ticks at 0, 1 and 2 ms (Brian2 2.9 gives the same values)
    np.testing.assert_array_equal(group.v[:], [0, 0, 3, 6, 9, 0, 0, 0, 0, 0])


def test_get_states_and_set_states_read_and_write_several_variables():
    group = NeuronGroup(3, """dv/dt = -v/(10*ms) : volt
                              tau : second (constant)""", method="exact")
    group.v = "i*mV"
    states = group.get_states()
    # Brian2 2.9: ['N', 'dt', 'i', 't', 't_in_timesteps', 'tau', 'v']
    assert sorted(states) == ["N", "dt", "i", "t", "t_in_timesteps", "tau", "v"]
    assert states["N"] == 3
    np.testing.assert_allclose(np.asarray(states["v"]), [0, 1e-3, 2e-3])
    assert get_dimensions(states["v"]) == get_dimensions(mV)
    # Brian2 2.9: (constant) variables are writable between runs, so they stay
    assert sorted(group.get_states(read_only_variables=False)) == ["tau", "v"]
    raw = group.get_states(["v"], units=False)["v"]
    assert not isinstance(raw, Quantity)
    raw[:] = 7  # a copy: the group is unchanged
    np.testing.assert_allclose(np.asarray(group.v), [0, 1e-3, 2e-3])
    group.set_states({"v": [1, 2, 3] * mV})
    np.testing.assert_allclose(np.asarray(group.v), [1e-3, 2e-3, 3e-3])
    group.set_states({"v": [0.004, 0.005, 0.006]}, units=False)
    np.testing.assert_allclose(np.asarray(group.v), [4e-3, 5e-3, 6e-3])
    with pytest.raises(EqsimError):
        group.get_states(format="pandas")
