"""Plain state access (``G.v``, ``G.v[:] = ...``) looks at no frame; strings resolve
their names in an explicit namespace, or (Brian2's rule) in the caller's."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Synapses, mV, prefs


@pytest.fixture
def no_frames(monkeypatch):
    """Any look at the caller's frame fails the test."""
    def refuse(level):
        raise AssertionError("a frame was inspected")
    for module in ("eqsim.groups.state_access", "eqsim.synapses.synapses",
                   "eqsim.synapses.synaptic_values"):
        monkeypatch.setattr(f"{module}.caller_namespace", refuse)


@pytest.fixture
def numpy_target():
    previous = prefs["codegen.target"]
    prefs["codegen.target"] = "numpy"
    yield
    prefs["codegen.target"] = previous


def _groups():
    G = NeuronGroup(4, "v : volt")
    S = Synapses(G, G, "w : 1")
    S.connect("i != j", namespace={})
    return G, S


def test_plain_reads_and_writes_inspect_no_frame(no_frames):
    G, S = _groups()
    G.v = -70 * mV
    G.v[:2] = [1, 2] * mV
    G.v_[2:] = 0.0
    G.set_states({"v": [1, 2, 3, 4] * mV})
    S.w = 0.5
    S.w[:3] = 2.0
    assert np.allclose(G.v[:] / mV, [1, 2, 3, 4]) and G.v[1] == 2 * mV
    assert np.allclose(G.v_, [1e-3, 2e-3, 3e-3, 4e-3])
    assert list(S.w[:4]) == [2.0, 2.0, 2.0, 0.5]
    assert set(G.get_states(["v"])) == {"v"}


def test_string_values_and_indices_resolve_in_an_explicit_namespace(no_frames, numpy_target):
    G, S = _groups()
    G.set_values("v", "x * mV * i", namespace={"x": 3.0})
    assert np.allclose(G.v[:] / mV, [0, 3, 6, 9])
    G.set_values("v", "x * mV", item="i >= x", namespace={"x": 2})
    assert np.allclose(G.v[:] / mV, [0, 3, 2, 2])
    assert list(G.get_values("v", "i < x", namespace={"x": 2}) / mV) == [0, 3]
    S.set_values("w", "x * j", namespace={"x": 10.0})
    assert np.array_equal(S.w[:], 10.0 * S.j[:])


def test_a_subexpression_read_resolves_in_an_explicit_namespace(no_frames):
    G = NeuronGroup(2, """v : volt
                          I = v * k : volt""")
    G.v = [1, 2] * mV
    assert np.allclose(G.get_values("I", namespace={"k": 3.0}) / mV, [3, 6])


def test_without_a_namespace_strings_resolve_in_the_callers_variables(numpy_target):
    # Brian2's rule for G.v = '...' (the names of the scope where the line is written)
    G, _ = _groups()

    def assign_in_a_function():
        scale = 5.0
        G.v = "scale * mV"
        G.v["i > scale - 4"] = "0 * mV"
    assign_in_a_function()
    assert np.allclose(G.v[:] / mV, [5, 5, 0, 0])
