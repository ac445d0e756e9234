"""Mistakes in NeuronGroup definitions are reported as EqsimErrors naming the culprit,
at construction where possible, else at the start of the run, before anything runs."""
import pytest

import eqsim
from eqsim import (DimensionMismatchError, EqsimError, EquationError, IntegrationError,
                   NeuronGroup, mV, ms, run)
from eqsim.groups.event_schedule import UnknownEventError

DECAY = "dv/dt = -v/(10*ms) : 1"


@pytest.mark.parametrize("keyword", [dict(threshold="v + 1"), dict(events={"up": "v"})])
def test_condition_that_is_not_a_truth_value_is_refused_at_construction(keyword):
    with pytest.raises(EquationError, match="truth value") as raised:
        NeuronGroup(1, DECAY, **keyword)
    assert raised.value.code == "EQ801"


def test_boolean_variable_is_a_valid_condition():
    G = NeuronGroup(1, DECAY + "\nflag : boolean", events={"up": "flag"}, name="F")
    assert G.events == ["up"]


def test_refractory_that_is_neither_time_nor_condition_is_refused():
    G = NeuronGroup(1, DECAY, threshold="v > 1", refractory="v", name="F")
    with pytest.raises(EquationError, match="refractory"):
        run(0.1 * ms)
    with pytest.raises(EquationError, match="time"):
        NeuronGroup(1, DECAY, threshold="v > 1", refractory=5 * mV)


def test_reset_cannot_write_constants():
    G = NeuronGroup(1, DECAY + "\nx : 1 (constant)", threshold="v > 1", reset="x = 2", name="F")
    with pytest.raises(EquationError, match="'x'") as raised:
        run(0.1 * ms)
    assert raised.value.code == "EQ802"


@pytest.mark.parametrize("code", ["N = 2", "t = 0*ms", "dt = 1*ms", "i = 0", "_x = 1\nv = _x"])
def test_reset_cannot_write_built_in_values_and_is_refused_when_the_group_is_made(code):
    with pytest.raises(EquationError, match=code.split()[0]) as raised:
        NeuronGroup(1, DECAY, threshold="v > 1", reset=code, name="F")
    assert raised.value.code == "EQ109"


def test_run_regularly_and_run_on_event_cannot_write_constants():
    G = NeuronGroup(1, "x : 1 (constant)", events={"up": "x > 0"}, name="F")
    G.run_regularly("x = 1")
    with pytest.raises(EquationError, match="x"):
        run(0.1 * ms)
    H = NeuronGroup(1, "x : 1 (constant)", events={"up": "x > 0"}, name="H")
    H.run_on_event("up", "x = 1")
    del G
    with pytest.raises(EquationError, match="x"):
        run(0.1 * ms)


def test_threshold_comparing_different_dimensions_is_a_dimension_error():
    G = NeuronGroup(1, DECAY, threshold="v > 1*mV", name="F")
    with pytest.raises(DimensionMismatchError):
        run(0.1 * ms)


def test_unknown_integration_method_is_reported_at_run():
    G = NeuronGroup(1, DECAY, method="foo", name="F")
    with pytest.raises(IntegrationError, match="foo"):
        run(0.1 * ms)


@pytest.mark.parametrize("N", [0, -3, "many"])
def test_group_size_must_be_a_positive_whole_number(N):
    with pytest.raises(EqsimError):
        NeuronGroup(N, "v : 1")


def test_reserved_names_cannot_be_variables():
    with pytest.raises(EquationError, match="lastspike"):
        NeuronGroup(1, "lastspike : second")


def test_dtype_that_is_not_a_data_type_is_an_eqsim_error():
    with pytest.raises(EqsimError, match="not a NumPy data type"):
        NeuronGroup(1, "v : 1", dtype="x\n")


def test_get_states_of_an_unknown_variable_is_an_eqsim_error_naming_it():
    G = NeuronGroup(1, "v : 1", name="F")
    with pytest.raises(EqsimError, match="no variable 'w'"):
        G.get_states(["v", "w"])


def test_a_constant_whose_unit_changes_between_runs_is_refused_on_the_next_run(numpy_target):
    from eqsim import Network, second
    group = NeuronGroup(1, "dv/dt = -v/tau : 1", name="U")
    net = Network(group)
    net.run(0.1 * ms, namespace={"tau": 10 * ms})  # checked and passed once...
    with pytest.raises(DimensionMismatchError, match="dv/dt"):  # ...not passed for good
        net.run(0.1 * ms, namespace={"tau": 10 * mV})
    net.run(0.1 * ms, namespace={"tau": 10 * ms})


def test_an_event_condition_that_is_not_a_string_is_an_equation_error():
    from eqsim import mV
    with pytest.raises(EquationError, match="must be a string") as info:
        NeuronGroup(2, "v : volt", events={"e": 10 * mV})
    assert "v > 10*mV" in info.value.hint


def test_a_variable_named_like_a_synaptic_suffix_is_refused():
    """Brian2 2.9.0: ValueError when a NeuronGroup or Synapses defines 'x_pre'/'x_post'
    (in synaptic code they name the groups' variables); nothing is made."""
    from eqsim import Synapses
    with pytest.raises(ValueError, match="'x_pre' cannot be used as a variable name") as info:
        NeuronGroup(1, "x_pre : 1", name="suffixed")
    assert isinstance(info.value, EquationError) and info.value.code == "EQ183"
    assert info.value.obj == "suffixed" and "x_presyn" in info.value.hint
    NeuronGroup(1, "x : 1", name="suffixed")  # the name was not taken
    G = NeuronGroup(2, "v : 1")
    for model in ("w_post : 1", "dw_pre/dt = -w_pre/ms : 1 (clock-driven)", "s_pre = 1 : 1"):
        with pytest.raises(ValueError, match="_pre' and '_post'"):
            Synapses(G, G, model)
    Synapses(G, G, "w : 1\nv_post = w : 1 (summed)")  # a summed variable names its target


def test_run_on_event_of_an_event_the_group_lacks_is_a_value_error():
    G = NeuronGroup(2, "x : 1", events={"up": "x > 0"}, name="F")
    with pytest.raises(UnknownEventError, match="'down'") as raised:
        G.run_on_event("down", "x = 1")
    assert isinstance(raised.value, ValueError)  # Brian2's type


@pytest.mark.parametrize("model, kwargs", [
    ("dv/dt = -v/tau_unknown : 1", {}),
    ("dv/dt = -v/(10*ms) : 1", {"threshold": "False", "reset": "v = v_r_unknown"}),
    ("dv/dt = -v/(10*ms) : 1", {"threshold": "v > v_th_unknown"}),
])
def test_an_undefined_name_is_a_key_error_at_run_with_a_readable_message(target, model,
                                                                          kwargs):
    # Brian2 2.9.0 test_namespace_errors: a BrianObjectException whose cause is a KeyError
    G = eqsim.NeuronGroup(1, model, **kwargs)
    with pytest.raises(KeyError) as info:
        eqsim.Network(G).run(0.1 * eqsim.ms)
    assert isinstance(info.value, eqsim.BrianObjectException)
    assert "is not defined" in str(info.value) and "\\n" not in str(info.value)


@pytest.mark.parametrize("model, refractory", [("", "3*Hz"), ("ref : Hz", "ref"), ("", "3")])
def test_a_refractory_that_is_neither_a_time_nor_a_condition_is_a_type_error(target, model,
                                                                             refractory):
    # Brian2 2.9.0 test_refractoriness_types: TypeError (in a BrianObjectException) at run
    G = eqsim.NeuronGroup(1, model, refractory=refractory)
    with pytest.raises(TypeError, match="refractory must be a time or a boolean"):
        eqsim.Network(G).run(0 * eqsim.ms)
