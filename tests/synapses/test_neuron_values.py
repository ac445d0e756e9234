"""A neuron's variable read and written through synapses (``S.v_post = 5``,
``S.v_pre['w > 1'] = 'w*2'``), as Brian2's VariableView of a synapse's reference
variable. Numbers in docstrings are Brian2 2.9.0's (NumPy and Cython targets alike)."""
import numpy as np
import pytest

from eqsim import (NeuronGroup, Synapses, mV, ms, prefs, run, seed, start_scope, volt)
from eqsim.errors import (DimensionMismatchError, EquationError,
                          NeuronWriteError, NeuronWriteUnsupportedError, NotConnectedError)


def network():
    """G (4 neurons) -> H (3 neurons), synapses (0,0) (1,1) (2,1) (3,2) (3,0), w = i + 10*j."""
    G = NeuronGroup(4, "v : 1\nu : volt\ns : 1 (shared)\nk : integer\nc : 1 (constant)\n"
                       "sub = v*2 : 1\ndx/dt = -x/ms : 1")
    G.v = "i"
    G.k = "i"
    H = NeuronGroup(3, "v : 1\nq : 1")
    H.v = "10 + i"
    S = Synapses(G, H, "w : 1")
    S.connect(i=[0, 1, 2, 3, 3], j=[0, 1, 1, 2, 0])
    S.w = "i + 10*j"
    return G, H, S


@pytest.mark.parametrize("assign, group, name, brian2", [
    (lambda S: S.v_post.__setitem__(slice(None), 6), "H", "v", [6, 6, 6]),
    (lambda S: setattr(S, "v_post", 5), "H", "v", [5, 5, 5]),
    (lambda S: setattr(S, "v_pre", 8), "G", "v", [8, 8, 8, 8]),
    (lambda S: setattr(S, "v", 7), "H", "v", [7, 7, 7]),  # a target variable, unsuffixed
    (lambda S: setattr(S, "q", 7), "H", "q", [7, 7, 7]),
    # one value per synapse: a neuron reached twice keeps the last synapse's
    (lambda S: setattr(S, "v_post", np.arange(5) + 100), "H", "v", [104, 102, 103]),
    (lambda S: setattr(S, "v_pre", np.arange(5) + 100), "G", "v", [100, 101, 102, 104]),
    (lambda S: S.v_post.__setitem__(slice(1, 3), 9), "H", "v", [10, 9, 12]),
    (lambda S: S.v_post.__setitem__([0, 4], [1, 2]), "H", "v", [2, 11, 12]),
    (lambda S: S.v_post.__setitem__(3, 42), "H", "v", [10, 11, 42]),
    (lambda S: S.v_post.__setitem__((0, 1), 42), "H", "v", [10, 11, 12]),  # no such synapse
    (lambda S: S.v_post.__setitem__((3, slice(None)), 42), "H", "v", [42, 11, 42]),
    (lambda S: S.v_post.__setitem__("w > 15", 3), "H", "v", [10, 11, 3]),
    (lambda S: setattr(S, "u_pre", 3 * mV), "G", "u", [3e-3] * 4),
    (lambda S: setattr(S, "s_pre", 4), "G", "s", 4),
    (lambda S: setattr(S, "k_pre", 2.7), "G", "k", [2, 2, 2, 2]),
    (lambda S: setattr(S, "c_pre", 5), "G", "c", [5, 5, 5, 5]),  # constants between runs
    (lambda S: setattr(S, "x_pre", 2), "G", "x", [2, 2, 2, 2]),
])
def test_values_set_through_synapses_write_their_neurons(target, assign, group, name, brian2):
    G, H, S = network()
    assign(S)
    values = {"G": G, "H": H}[group].get_values(name)
    np.testing.assert_allclose(np.asarray(values, dtype=float), brian2, rtol=1e-15)


@pytest.mark.parametrize("assign, group, name, brian2", [
    (lambda S: setattr(S, "v_post", "w*2"), "H", "v", [6, 24, 46]),
    (lambda S: setattr(S, "v_post", "v_pre + v_post"), "H", "v", [13, 14, 15]),
    (lambda S: setattr(S, "v_pre", "j*100 + i"), "G", "v", [0, 101, 102, 3]),
    (lambda S: S.v_post.__setitem__("i == 3", "w"), "H", "v", [3, 11, 23]),
    (lambda S: S.v_post.__setitem__(slice(1, 3), "w + 0.5"), "H", "v", [10, 12.5, 12]),
    (lambda S: setattr(S, "u_pre", "w*mV"), "G", "u", [0, 11e-3, 12e-3, 3e-3]),
    (lambda S: setattr(S, "s_pre", "s_pre + 1"), "G", "s", 1),  # once: shared
    (lambda S: setattr(S, "k_pre", "w/3"), "G", "k", [0, 3, 4, 1]),  # truncated
    (lambda S: setattr(S, "v_post", "rand()*0 + 1"), "H", "v", [1, 1, 1]),
])
def test_strings_set_through_synapses_are_evaluated_per_synapse(target, assign, group, name,
                                                                brian2):
    G, H, S = network()
    assign(S)
    values = {"G": G, "H": H}[group].get_values(name)
    np.testing.assert_allclose(np.asarray(values, dtype=float), brian2, rtol=1e-15)


def autapses():
    G = NeuronGroup(5, "v : 1")
    G.v = "i*10"
    S = Synapses(G, G, "w : 1")
    S.connect(i=[0, 1, 2, 3, 4, 4, 2, 0], j=[1, 2, 3, 4, 0, 2, 2, 1])
    S.w = "i + 0.5*j"
    return G, S


@pytest.mark.parametrize("assign, brian2", [
    # v_post: what earlier synapses wrote; v_pre (the same array): the values before
    ("S.v_post = 'v_pre + v_post + w'", [44, 11, 100, 53.5, 75]),
    ("S.v_post[0:6] = 'v_post + w'", [4, 10.5, 27, 33.5, 45]),
    ("S.v_post['v_post > 15'] = 'v_post + 100'", [0, 10, 320, 130, 140]),
    ("S.v_post = S.v_pre", [40, 0, 20, 20, 30]),
])
def test_synapses_writing_one_neuron_act_one_after_another(target, assign, brian2):
    G, S = autapses()
    exec(assign, {"S": S})
    np.testing.assert_allclose(G.v[:], brian2, rtol=1e-15)


def test_writes_through_synapses_of_subgroups_reach_the_right_neurons(target):
    """Brian2: G.v = [0, 27, 7, 50, 4, 50], then [0, 27, 7, 101, 4, 50] (i, j count from
    the subgroups' starts)."""
    G = NeuronGroup(6, "v : 1")
    G.v = "i"
    S = Synapses(G[1:3], G[3:6], "w : 1")
    S.connect(i=[0, 1], j=[2, 0])
    S.v_post = 50
    S.v_pre = "j*10 + 7"
    np.testing.assert_allclose(G.v[:], [0, 27, 7, 50, 4, 50])
    S.v_post[1] = "i + 100"
    np.testing.assert_allclose(G.v[:], [0, 27, 7, 101, 4, 50])


def test_writes_through_synapses_reach_refractory_neurons_and_read_the_clock(target):
    """Brian2 writes (unless refractory) variables of refractory neurons through synapses
    (G.q[1] and H.r[2] refractory: [3, 12, 23] and [0, 11, 12, 3]), although a string
    assignment to the group itself skips them ([100, 101, 5]); 't' is the synapses'."""
    G = NeuronGroup(4, "dq/dt = 0/ms : 1 (unless refractory)", threshold="i == 1",
                    refractory=5 * ms)
    H = NeuronGroup(3, "dr/dt = 0/ms : 1 (unless refractory)", threshold="i == 2",
                    refractory=5 * ms)
    S = Synapses(G, H, "w : 1")
    S.connect(i=[0, 1, 2, 3, 3], j=[0, 1, 1, 2, 0])
    S.w = "i + 10*j"
    run(0.2 * ms)
    S.r_post = "w"
    S.q_pre = "w"
    np.testing.assert_allclose(H.r[:], [3, 12, 23])
    np.testing.assert_allclose(G.q[:], [0, 11, 12, 3])
    S.r_post = 5
    H.r = "i + 100"
    np.testing.assert_allclose(H.r[:], [100, 101, 5])
    S.q_pre = "t/ms"
    np.testing.assert_allclose(G.q[:], [0.2] * 4)


def test_reads_through_synapses_take_indices_and_conditions(target):
    """Brian2: S.v_pre[3] is 3.0 (a number), S.v_pre[1:3] [1, 2], S.v_pre['w > 12'] [3];
    S.i_pre is S.i."""
    G, H, S = network()
    assert S.v_pre[3] == 3.0 and np.ndim(S.v_pre[3]) == 0
    np.testing.assert_array_equal(S.v_pre[1:3], [1, 2])
    np.testing.assert_array_equal(S.v_pre["w > 12"], [3])
    np.testing.assert_array_equal(S.v_post[:], [10, 11, 11, 12, 10])
    np.testing.assert_array_equal(S.i_pre, [0, 1, 2, 3, 3])
    np.testing.assert_allclose(S.sub_pre, [0, 2, 4, 6, 6])
    assert S.u_pre.dim == volt.dim and len(S.v_post) == 5


def test_random_and_compiled_writes_through_synapses_agree_on_both_targets(both_targets):
    """'rand()' draws per synapse (the last synapse onto a neuron wins), the same on both
    targets; the compiled path (many synapses) gives the NumPy evaluation's numbers,
    synapse after synapse."""
    def simulate(target_name):
        results = []
        for compiled in (False, True):
            start_scope()
            seed(4)
            previous = prefs["codegen.cython.compiled_assignment_size"]
            prefs["codegen.cython.compiled_assignment_size"] = 1 if compiled else 10 ** 12
            try:
                G, S = autapses()
                S.v_post = "v_pre + v_post + w"
                S.v_pre[2:7] = "v_pre*0.5 + rand()"
                results.append(G.v[:].copy())
            finally:
                prefs["codegen.cython.compiled_assignment_size"] = previous
        return results
    numpy_results, cython_results = both_targets(simulate)
    for values in numpy_results + cython_results:
        np.testing.assert_allclose(values, numpy_results[0], rtol=1e-14)
    values = numpy_results[0]  # neurons 2, 3, 4 (presynaptic to synapses 2 to 6) drawn
    assert list(values[:2]) == [44, 11] and np.all(values[2:] % 1 != 0)


def test_writes_through_synapses_refuse_what_brian2_refuses(numpy_target):
    G, H, S = network()
    with pytest.raises(NeuronWriteError, match="subexpression") as info:
        S.sub_pre = 5
    assert info.value.code == "EQ230" and isinstance(info.value, TypeError)
    with pytest.raises(NeuronWriteError, match="read-only"):
        S.i_pre = 5
    with pytest.raises(IndexError, match="shared") as info:  # S.s_pre is the view G.s
        S.s_pre[0:2] = 1
    assert info.value.code == "EQ187"
    with pytest.raises(DimensionMismatchError):
        S.u_pre = 3
    with pytest.raises(DimensionMismatchError):
        S.u_pre = "w"
    with pytest.raises(EquationError, match="per-element 'w'"):
        S.s_pre = "w"  # Brian2: a shared variable takes a value common to all synapses
    unconnected = Synapses(G, H, "w : 1")
    with pytest.raises(NotConnectedError):
        unconnected.v_post = 3
    np.testing.assert_array_equal(H.v[:], [10, 11, 12])


def test_neuron_variables_eqsim_cannot_write_through_synapses_are_refused(numpy_target):
    from eqsim import linked_var
    G = NeuronGroup(3, "v : 1")
    L = NeuronGroup(3, "l : 1 (linked)")
    L.l = linked_var(G, "v")
    S = Synapses(G, L, "w : 1")
    S.connect(j="i")
    with pytest.raises(NeuronWriteUnsupportedError, match="linked") as info:
        S.l_post = 1
    assert info.value.code == "EQ232"
    P = Synapses(G, G, "w : 1 (constant, shared)")
    P.connect(p=0.5, procedural=True)
    with pytest.raises(NeuronWriteUnsupportedError, match="procedural"):
        P.v_post = 1
