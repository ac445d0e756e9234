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


@pytest.mark.parametrize("item", [0, slice(0, 1), slice(None, None, 1), Ellipsis, "True",
                                  "i > 0", np.arange(3), np.ones(3, dtype=bool)])
def test_a_shared_variable_is_read_only_whole_as_in_brian2(item):
    """Brian2 2.9.0: IndexError "Illegal index for variable 'sc', it is a scalar
    variable" for any index but [:] (eqsim gave the one value for any index)."""
    from eqsim.errors import SharedIndexError
    G = NeuronGroup(3, "v : 1\nsc : volt (shared)", name="G")
    G.sc = 2 * mV
    with pytest.raises(IndexError, match="'sc' of 'G' is shared") as info:
        G.sc[item]
    assert isinstance(info.value, SharedIndexError) and info.value.code == "EQ187"
    assert "G.sc[:]" in info.value.hint
    with pytest.raises(SharedIndexError):
        G.sc_[item]
    with pytest.raises(SharedIndexError):
        G[0:2].sc[item]
    assert G.sc[:] == 2 * mV and G[0:2].sc[:] == 2 * mV


@pytest.mark.parametrize("item", [0, slice(0, 1), Ellipsis, "i > 0"])
@pytest.mark.parametrize("value", [3 * mV, "3*mV"])
def test_a_shared_variable_is_set_only_whole_as_in_brian2(item, value):
    from eqsim.errors import SharedIndexError
    G = NeuronGroup(3, "v : 1\nsc : volt (shared)", name="G")
    with pytest.raises(SharedIndexError, match="cannot be set"):
        G.sc[item] = value
    assert G.sc[:] == 0 * mV  # unchanged
    G.sc["True"] = value  # Brian2's other whole index for writes
    assert G.sc[:] == 3 * mV
    G.sc[:] = 0 * mV
    G.sc[:] = value
    assert G.sc[:] == 3 * mV


def test_a_shared_synaptic_variable_is_indexed_only_whole():
    from eqsim.errors import SharedIndexError
    G = NeuronGroup(3, "v : 1")
    S = Synapses(G, G, "w : 1\nsw : 1 (shared)", name="S")
    S.connect()
    for item in (0, (0, 0), (slice(None), slice(None)), "i > 0"):
        with pytest.raises(SharedIndexError):
            S.sw[item]
        with pytest.raises(SharedIndexError):
            S.sw[item] = 1
    S.sw[:] = 2
    assert S.sw[:] == 2 and S.w[0] == 0  # per-synapse variables keep any index
