"""Brian2's rule for (shared) subexpressions: one value for all elements, so they read
only shared variables and constants; a per-element name is refused when the group is made
(Brian2 2.9.0 raises SyntaxError "Shared subexpression 's' refers to non-shared variable")."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Synapses, ms
from eqsim.errors import EquationError, SharedSubexpressionError


@pytest.mark.parametrize("model, name", [
    ("x : 1\ns = x : 1 (shared)", "x"),
    ("dx/dt = -x/ms : 1\ns = 2*x : 1 (shared)", "x"),
    ("x : 1\ns = i : 1 (shared)", "i"),
    ("x : 1 (shared)\ny = x : 1\ns = y : 1 (shared)", "y")])
def test_a_shared_subexpression_of_a_per_neuron_name_is_refused(model, name):
    with pytest.raises(SyntaxError, match=f"refers to the per-element '{name}'") as info:
        NeuronGroup(3, model, name="S")
    error = info.value
    assert isinstance(error, SharedSubexpressionError) and isinstance(error, EquationError)
    assert error.code == "EQ185" and error.obj == "S"
    assert error.line == model.count("\n") + 1 and error.hint


def test_the_error_points_at_the_first_per_neuron_name():
    with pytest.raises(SharedSubexpressionError) as info:
        NeuronGroup(3, "v : 1\nc : 1 (shared)\ns = c + 2*v + i : 1 (shared)")
    assert info.value.column == 10 and "'v'" in info.value.message


def test_the_refractory_variables_are_per_neuron():
    for name in ("lastspike/ms", "int(not_refractory)"):
        with pytest.raises(SharedSubexpressionError):
            NeuronGroup(2, f"v : 1\ns = {name} : 1 (shared)", threshold="v > 1",
                        refractory=1 * ms)


def test_shared_names_constants_and_time_may_be_read():
    G = NeuronGroup(3, """c : 1 (shared)
                          d = 2*c : 1 (shared)
                          s = c + d + t/ms + N + k : 1 (shared)
                          x : 1""", namespace={"k": 3})
    G.c = 1
    assert float(np.ravel(G.s[:])[0]) == 1 + 2 + 0 + 3 + 3
    # a linked variable is not known before it is linked (Brian2 does not check it), and
    # a (constant over dt) one is a stored variable, checked when the run starts
    NeuronGroup(3, "x : 1 (linked)\ns = x : 1 (shared)")
    NeuronGroup(3, "x : 1\ns = x : 1 (shared, constant over dt)")


@pytest.mark.parametrize("model, name", [
    ("w : 1\ns = w : 1 (shared)", "w"),
    ("w : 1\ns = v_pre : 1 (shared)", "v_pre"),
    ("w : 1\ns = v : 1 (shared)", "v"),
    ("w : 1\ns = j : 1 (shared)", "j"),
    ("w : 1\ns = N_incoming : 1 (shared)", "N_incoming"),
    ("dw/dt = -w/ms : 1 (event-driven)\ns = lastupdate/ms : 1 (shared)", "lastupdate")])
def test_a_shared_synaptic_subexpression_of_a_per_synapse_name_is_refused(model, name):
    G = NeuronGroup(3, "v : 1\nsv : 1 (shared)", threshold="v > 1")
    with pytest.raises(SyntaxError, match=f"per-element '{name}'") as info:
        Synapses(G, G, model, on_pre="v += 1")
    assert info.value.code == "EQ185"


def test_a_shared_synaptic_subexpression_may_read_shared_group_variables():
    G = NeuronGroup(3, "v : 1\nsv : 1 (shared)", threshold="v > 1")
    S = Synapses(G, G, "w : 1 (shared)\ns = w + sv_pre + sv + N_pre + N : 1 (shared)")
    S.connect()
    G.sv = 2
    S.w = 1
    assert float(np.ravel(S.s[:])[0]) == 1 + 2 + 2 + 3 + 9
