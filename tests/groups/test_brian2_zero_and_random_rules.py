"""Brian2's rules for a plain zero given to a variable with units and for subexpressions
that draw random numbers (the errors themselves are compared with Brian2's in
tests/reference/test_brian2_linked_variables.py)."""
import numpy as np
import pytest

from eqsim import DimensionMismatchError, Network, NeuronGroup, Synapses, mV, ms, prefs
from eqsim.errors import StatefulSubexpressionError, UnresolvedNameError


@pytest.fixture(autouse=True)
def numpy_target():
    """Rules checked when a model is built: the NumPy target, no compiler."""
    previous = prefs["codegen.target"]
    prefs["codegen.target"] = "numpy"
    yield
    prefs["codegen.target"] = previous


def _group():
    return NeuronGroup(3, "dv/dt = 1*volt/ms : volt", threshold="v > 0.5*volt",
                       method="euler")


@pytest.mark.parametrize("value", [[0, 0, 0], (0.0, 0.0, 0.0), range(0), "0", "0.0*2"])
def test_zeros_without_unit_in_a_list_or_code_are_refused_as_in_brian2(value):
    G = _group()
    G.v = 1 * mV
    with pytest.raises(DimensionMismatchError) as info:
        G.v[: len(value) if isinstance(value, range) else 3] = value
    assert "0" in info.value.hint and np.allclose(G.v_, 1e-3)


def test_zero_at_a_condition_is_code_and_needs_its_unit():
    G = _group()
    with pytest.raises(DimensionMismatchError, match="dimension"):
        G.v["i > 0"] = 0
    G.v["i > 0"] = 2 * mV
    assert np.allclose(G.v_, [0, 2e-3, 2e-3])


def test_zeros_brian2_takes_for_any_unit_are_taken():
    G = _group()
    for value in (0, 0.0, np.zeros(3), np.int64(0), "0*mV", "v*0"):
        G.v = 1 * mV
        G.v = value
        assert np.all(G.v_ == 0)
    G.v_ = [1, 2, 3]  # raw values bypass units, as in Brian2
    assert list(G.v_) == [1, 2, 3]


@pytest.mark.parametrize("reset, on_pre, fails", [
    ("v = 0", "", "neurongroup"), ("v = 0*mV", "", None), ("v -= 0.0", "", "neurongroup"),
    ("v = 0*volt", "w += 0", "synapses"), ("v = 0*volt", "w = 0*nS + 0*nS", None)])
def test_a_plain_zero_in_code_is_dimensionless_as_in_brian2(reset, on_pre, fails):
    G = NeuronGroup(2, "dv/dt = 1*volt/ms : volt", threshold="v > 0.5*volt", reset=reset,
                    method="euler")
    S = Synapses(G, G, "w : siemens", on_pre=on_pre or None)
    S.connect()
    net = Network(G, S)
    if fails is None:
        net.run(1 * ms)
        assert np.all(G.v_ < 0.5)
        return
    with pytest.raises(DimensionMismatchError) as info:
        net.run(1 * ms)
    assert info.value.obj.startswith(fails) and "write 0*" in info.value.hint


@pytest.mark.parametrize("model, flags", [("v : 1\nx = 2*rand() : 1", ""),
                                          ("v : 1\nx = randn() : 1", " (shared)")])
def test_a_random_subexpression_needs_constant_over_dt(model, flags):
    G = NeuronGroup(2, model + flags)
    assert G.x[:].shape == (2,) or np.ndim(G.x[:]) == 0  # reading it is fine, as in Brian2
    with pytest.raises(StatefulSubexpressionError) as info:
        Network(G).run(0.1 * ms)
    assert isinstance(info.value, SyntaxError) and info.value.code == "EQ144"
    assert "constant over dt" in info.value.hint


def test_a_random_subexpression_of_synapses_needs_constant_over_dt():
    G = NeuronGroup(2, "v : 1")
    S = Synapses(G, G, "w : 1\nnoise = w*rand() : 1")
    S.connect()
    with pytest.raises(StatefulSubexpressionError, match="'noise'"):
        Network(G, S).run(0.1 * ms)


# A literal zero times a name has the dimension of the product as written (Brian2 2.9.0
# checked on each statement below: a volt target refuses a dimensionless '0*x').
_DIMENSIONLESS_ZEROS = ["v = 0*x", "v = x*0", "v += 0*x", "v = -0*x", "v = 0/x",
                        "v = 0*x + v"]
_ZEROS_WITH_UNITS = ["v = 0*x*mV", "v = 0*mV", "v = v - v", "v = (v - v)*x"]


def _group_with_x(reset="v = 0*volt"):
    G = NeuronGroup(2, "dv/dt = 1*volt/ms : volt\nx : 1", threshold="v > 0.5*volt",
                    reset=reset, method="euler")
    G.x = 2
    return G


@pytest.mark.parametrize("code", _DIMENSIONLESS_ZEROS)
def test_zero_times_a_dimensionless_name_is_refused_in_a_reset(code):
    G = _group_with_x(reset=code)
    with pytest.raises(DimensionMismatchError) as info:
        Network(G).run(1 * ms)
    assert info.value.obj.startswith("neurongroup")


@pytest.mark.parametrize("code", _DIMENSIONLESS_ZEROS)
def test_zero_times_a_dimensionless_name_is_refused_in_a_string_assignment(code):
    G = _group_with_x()
    G.v = 1 * mV
    with pytest.raises(DimensionMismatchError):
        G.v = code.split("=", 1)[1].strip() if code.startswith("v =") else "0*x"
    assert np.allclose(G.v_, 1e-3)  # nothing written


@pytest.mark.parametrize("code", _DIMENSIONLESS_ZEROS)
def test_zero_times_a_dimensionless_name_is_refused_on_pre_and_in_run_regularly(code):
    G = _group_with_x()
    S = Synapses(G, G, on_pre=code.replace("v", "v_post").replace("x", "x_post"))
    S.connect()
    with pytest.raises(DimensionMismatchError) as info:
        Network(G, S).run(1 * ms)
    assert info.value.obj.startswith("synapses")
    H = _group_with_x()
    H.run_regularly(code)
    with pytest.raises(DimensionMismatchError):
        Network(H).run(1 * ms)


@pytest.mark.parametrize("code", _ZEROS_WITH_UNITS)
def test_zeros_that_carry_the_unit_are_taken_everywhere(code):
    G = _group_with_x(reset=code)
    G.run_regularly(code)
    S = Synapses(G, G, on_pre=code.replace("v", "v_post").replace("x", "x_post"))
    S.connect()
    Network(G, S).run(1 * ms)
    G.v = code.split("=", 1)[1].strip()
    assert np.all(G.v_ == 0)


def test_zero_times_an_undefined_name_is_an_unknown_name_as_in_brian2():
    G = _group_with_x(reset="v = 0*undefined_thing")
    with pytest.raises(UnresolvedNameError, match="undefined_thing"):
        Network(G).run(1 * ms)


@pytest.mark.parametrize("model", ["dv/dt = 0*x/(10*ms) : volt\nx : 1",
                                   "dv/dt = 0/(10*ms) : volt",
                                   "dv/dt = -v/(10*ms) : volt\ny = 0*x : volt\nx : 1"])
def test_zero_times_a_name_in_equations_has_the_dimension_written_as_in_brian2(model):
    with pytest.raises(DimensionMismatchError):
        Network(NeuronGroup(1, model, method="euler")).run(0.1 * ms)


def test_equations_whose_zero_carries_the_unit_are_taken():
    G = NeuronGroup(1, "dv/dt = 0*mV/ms + (v - v)/ms : volt", method="euler")
    Network(G).run(0.1 * ms)
    assert G.v_[0] == 0
