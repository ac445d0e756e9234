"""Linked variables beyond the Brian2 reference cases (tests/reference/
test_brian2_linked_variables.py): the checks that keep kernels inside their arrays,
what eqsim refuses where Brian2 would corrupt or silently differ, and where a link
must be seen by the scheduler and by store/restore."""
import numpy as np
import pytest

from eqsim import (EqsimError, EquationError, Hz, LinkError, Network, NeuronGroup, PoissonInput,
                   SpikeMonitor, StateMonitor, Synapses, linked_var, ms)
from eqsim.errors import LinkTypeError


def _pair(index=None, n=3):
    H = NeuronGroup(4, "dv/dt = (2 - v)/(10*ms) : 1", method="exact", name="H")
    H.v = [0.1, 0.2, 0.3, 0.4]
    G = NeuronGroup(n, "x : 1\nk : integer\nv : 1 (linked)", name="G")
    G.v = linked_var(H, "v", index=index)
    return H, G


def test_an_unlinked_variable_stops_the_run_naming_it(numpy_target):
    G = NeuronGroup(2, "dx/dt = -x/(5*ms) + v/ms : 1\nv : 1 (linked)")
    with pytest.raises(LinkTypeError, match="'v' has not been set") as info:
        Network(G).run(1 * ms)
    assert info.value.code == "EQ153"


def test_a_refused_link_leaves_the_variable_unlinked():
    H = NeuronGroup(4, "v : 1")
    G = NeuronGroup(3, "v : 1 (linked)")
    with pytest.raises(LinkError):
        G.v = linked_var(H.v)
    with pytest.raises(LinkTypeError):
        G.v[:]
    assert "v" not in G.state_names()


def test_a_link_can_be_replaced():
    H = NeuronGroup(4, "v : 1")
    H.v = [1, 2, 3, 4]
    G = NeuronGroup(2, "v : 1 (linked)")
    G.v = linked_var(H[2:4], "v")
    G.v = linked_var(H.v, index=[1, 0])
    np.testing.assert_array_equal(G.v[:], [2, 1])


def test_a_link_to_a_linked_variable_reads_the_final_array(target):
    H, G = _pair(index=[3, 2, 0])
    K = NeuronGroup(2, "y : 1\nu : 1 (linked)", name="K")
    K.u = linked_var(G.v, index=[2, 0])
    np.testing.assert_allclose(K.u[:], [0.1, 0.4])
    K.run_regularly("y = u*10", dt=1 * ms)
    Network(H, K, *K.contained_objects).run(0.1 * ms)
    np.testing.assert_allclose(K.y[:], [1.0, 4.0])


def test_python_cannot_move_an_index_variable_out_of_the_link_target():
    H, G = _pair(index="k")
    G.k = [3, 2, 1]
    with pytest.raises(LinkError, match=r"\[0, 4\[") as info:
        G.k = [0, 4, 1]
    assert info.value.code == "EQ155"
    np.testing.assert_array_equal(G.k[:], [3, 2, 1])  # nothing written
    np.testing.assert_allclose(G.v[:], [0.4, 0.3, 0.2])


def test_code_cannot_write_an_index_variable(numpy_target):
    H, G = _pair(index="k")
    G.run_regularly("k = k + 1", dt=1 * ms)
    with pytest.raises(EquationError, match="index of a linked variable") as info:
        Network(H, G, *G.contained_objects).run(1 * ms)
    assert info.value.code == "EQ802"


def test_synaptic_code_cannot_write_through_a_link(numpy_target):
    H, G = _pair(n=4)
    G2 = NeuronGroup(3, "v : 1 (linked)", threshold="True")
    G2.v = linked_var(H[0:3], "v")
    S = Synapses(G2, G, on_pre="v_post += 0.1")
    S.connect(j="i")
    with pytest.raises(EquationError, match="a linked variable") as info:
        Network(H, G, G2, S).run(1 * ms)
    assert info.value.code == "EQ802"


def test_synapses_read_a_post_variable_linked_with_an_index(both_targets):
    """Brian2 cannot resolve such a name; eqsim reads it through both indices."""
    def simulate(_):
        H = NeuronGroup(4, "dv/dt = (2 - v)/(10*ms) : 1", method="exact")
        H.v = [0.1, 0.2, 0.3, 0.4]
        src = NeuronGroup(2, "", threshold="True")
        tgt = NeuronGroup(3, "y : 1\nm : 1 (linked)", order=1)
        tgt.m = linked_var(H.v, index=[3, 0, 2])
        S = Synapses(src, tgt, on_pre="y_post += m_post")
        S.connect(i=[0, 1, 1], j=[0, 1, 2])
        M = StateMonitor(H, "v", record=True)
        Network(H, src, tgt, S, M).run(1 * ms)
        return np.asarray(tgt.y[:]), np.asarray(M.v[:])
    (y, v), (y_c, v_c) = both_targets(simulate)
    # each step adds the post neuron's linked value after the groups' update of that step
    expected = _updated(v)[[3, 0, 2]].sum(axis=1)
    np.testing.assert_allclose(y, expected, rtol=1e-12)
    np.testing.assert_allclose(y_c, y, rtol=1e-12)


def _updated(v):
    """H's values after each step's update (the monitor records before it)."""
    decay = np.exp(-0.1 / 10)
    return 2 + (v - 2) * decay


def test_a_threshold_reading_a_link_is_not_fused_ahead_of_the_linked_update(both_targets):
    """G's state update and threshold would run as one kernel; H's update, scheduled
    between them, writes what G's threshold reads, so they must stay apart."""
    def simulate(_):
        G = NeuronGroup(4, "dx/dt = -x/(10*ms) : 1\nv : 1 (linked)", threshold="v > 1",
                        reset="x = 0", method="exact", order=0)
        H = NeuronGroup(4, "dv/dt = (2 - v)/(5*ms) : 1", method="exact", order=1)
        H.v = [0.9, 0.95, 0.99, 0.5]
        G.v = linked_var(H.v)
        S = SpikeMonitor(G)
        Network(G, H, S).run(0.3 * ms)
        return np.asarray(S.i[:]), np.asarray(S.t[:] / ms)
    numpy_result, cython_result = both_targets(simulate)
    for a, b in zip(numpy_result, cython_result):
        np.testing.assert_array_equal(a, b)
    assert 2 in numpy_result[0][numpy_result[1] < 0.05]  # H's first update is seen at once


def test_restore_brings_back_the_values_a_link_reads(numpy_target):
    H, G = _pair(index=[3, 2, 0])
    net = Network(H, G)
    net.store()
    net.run(5 * ms)
    assert not np.allclose(G.v[:], [0.4, 0.3, 0.1])
    net.restore()
    np.testing.assert_allclose(G.v[:], [0.4, 0.3, 0.1])
    assert "v" not in G.get_state()  # stored once, with H


def test_linked_variables_are_recorded_and_listed_like_state_variables(numpy_target):
    H, G = _pair(index=[3, 2, 0])
    M = StateMonitor(G, True, record=True)
    assert set(M.record_variables) == {"x", "k", "v"}
    assert "v" in G.get_states()
    Network(H, G, M).run(0.2 * ms)
    np.testing.assert_allclose(M.v[:, 0], [0.4, 0.3, 0.1])


def test_linking_to_what_is_not_a_fixed_size_state_variable_is_refused():
    H = NeuronGroup(3, "v : 1\ns = 2*v + i : 1")
    S = Synapses(H, H, "w : 1")
    S.connect()
    G = NeuronGroup(3, "s : 1 (linked)")
    with pytest.raises(LinkError, match="uses the neuron index i"):
        G.s = linked_var(H, "s")
    with pytest.raises(LinkError, match="fixed size"):
        linked_var(S.w)
    with pytest.raises(LinkError, match="no state variable"):
        linked_var(H, "nope")


def test_synapses_refuse_the_linked_flag_with_other_flags():
    H = NeuronGroup(3, "v : 1")
    with pytest.raises(EquationError, match="cannot be combined") as info:
        Synapses(H, H, "g : 1 (linked, constant)")
    assert info.value.code == "EQ158"


def test_synapses_linked_without_index_cannot_grow():
    H = NeuronGroup(3, "v : 1")
    S = Synapses(H, H, "g : 1 (linked)")
    S.connect(i=[0, 1, 2], j=[0, 0, 0])
    S.g = linked_var(H, "v")
    H.v = [1, 2, 3]
    assert list(S.g[:]) == [1, 2, 3]
    with pytest.raises(LinkError, match="without an index"):
        S.connect(i=0, j=1)
    assert len(S) == 3 and list(S.j[:]) == [0, 0, 0]


def test_synapses_link_to_one_element_follows_new_synapses():
    H = NeuronGroup(1, "v : 1")
    H.v = 7
    P = NeuronGroup(3, "u : 1")
    S = Synapses(P, P, "g : 1 (linked)")
    S.connect(i=0, j=1)
    S.g = linked_var(H, "v")
    S.connect(i=[1, 2], j=[2, 0])
    # one value for all synapses, read whole as a shared variable (Brian2 reads out of
    # bounds here: its link to one element is index '0' only while the sizes differ)
    assert float(S.g[:]) == 7


def test_a_reset_cannot_write_through_a_link_to_one_element(target):
    # Brian2 2.9.0 (test_linked_var_in_reset_incorrect): such a link is shared, and a
    # reset writing it is a SyntaxError when the run starts
    drive = NeuronGroup(1, "x : 1")
    G = NeuronGroup(5, "x : 1 (linked)", threshold="i >= 2", reset="x = x + 1")
    G.x = linked_var(drive, "x")
    with pytest.raises(SyntaxError, match="shared"):
        Network(drive, G).run(0.3 * ms)
    assert float(drive.x[0]) == 0


def test_a_link_to_one_element_reads_as_one_value_and_drives_every_element(target):
    # Brian2 2.9.0 test_linked_variable_scalar: G2.x[:] is a scalar (index '0'), and
    # dy/dt = (-y + x)/(20*ms) with x = 1 after one step of 0.1 ms (exact, euler-free:
    # linear -> y1 = x + (y0 - x)*exp(-dt/tau))
    G1 = NeuronGroup(1, "x : 1")
    G2 = NeuronGroup(4, "dy/dt = (-y + x) / (20*ms) : 1\nx : 1 (linked)")
    G1.x = 1
    G2.x = linked_var(G1.x)
    assert np.isscalar(G2.x[:]) and G2.x[:] == 1 and G2[:2].x[:] == 1
    with pytest.raises(IndexError):  # shared: read whole only, as Brian2's shared reads
        G2.x[2]
    G2.x[:] = 3
    assert float(G1.x[0]) == 3
    G2.y = [0, 1, 2, 3]
    Network(G1, G2).run(0.1 * ms)
    y0 = np.array([0, 1, 2, 3])
    np.testing.assert_allclose(G2.y[:], 3 + (y0 - 3) * np.exp(-0.1 / 20), rtol=1e-12)


def test_a_group_of_one_linked_to_a_group_of_one_stays_per_element():
    # Brian2 2.9.0: the index is '_idx' when both have one element (not shared)
    A = NeuronGroup(1, "x : 1")
    B = NeuronGroup(1, "x : 1 (linked)")
    A.x = 4
    B.x = linked_var(A.x)
    assert list(B.x[:]) == [4] and B.x[0] == 4


def test_a_link_is_set_on_the_whole_group_not_through_a_subgroup():
    H = NeuronGroup(2, "v : 1")
    G = NeuronGroup(4, "v : 1 (linked)")
    with pytest.raises(LinkError, match="through the subgroup"):
        G[0:2].v = linked_var(H.v)



def test_get_states_and_set_states_read_and_write_through_a_link(numpy_target):
    H, G = _pair(index=[3, 2, 0])
    states = G.get_states(["v", "x"])
    np.testing.assert_allclose(states["v"], [0.4, 0.3, 0.1])
    G.set_states({"v": [1.0, 2.0, 3.0]})
    np.testing.assert_allclose(H.v[:], [3.0, 0.2, 2.0, 1.0])
    with pytest.raises(LinkError, match="directly"):
        G.v = 1.0


def test_spike_monitors_record_linked_variables(both_targets):
    def simulate(_):
        H = NeuronGroup(3, "dv/dt = (3 - v)/(10*ms) : 1", method="exact")
        # 'euler' (exact for a constant rate): Brian2's 'exact' refuses dx/dt = 1/ms
        G = NeuronGroup(2, "dx/dt = 1/ms : 1\nv : 1 (linked)", threshold="x > 0.45",
                        reset="x = 0", method="euler", order=1)
        G.v = linked_var(H.v, index=[2, 0])
        S = SpikeMonitor(G, variables="v")
        M = StateMonitor(H, "v", record=True)
        Network(H, G, S, M).run(2 * ms)
        return np.asarray(S.i[:]), np.asarray(S.v[:]), np.asarray(M.v[:])
    (i, v, trace), (i_c, v_c, _) = both_targets(simulate)
    assert len(i) == 8
    np.testing.assert_array_equal(i, i_c)
    np.testing.assert_allclose(v, v_c, rtol=1e-12)
    # the spike at step 4 (x crosses 0.45 after five updates) sees H after that step's update
    updated = 3 + (trace - 3) * np.exp(-0.1 / 10)
    np.testing.assert_allclose(v[:2], updated[[2, 0], 4], rtol=1e-12)



def test_summed_variables_and_poisson_inputs_cannot_write_through_a_link(numpy_target):
    H, G = _pair(n=4)
    S = Synapses(H, G, "v_post = 1 : 1 (summed)")
    S.connect(j="i")
    with pytest.raises(EquationError, match="linked variable") as info:
        Network(H, G, S).run(0.1 * ms)
    assert info.value.code == "EQ802"
    with pytest.raises(EqsimError, match="linked variable"):
        PoissonInput(G, "v", 10, 5 * Hz, weight=0.1)


def test_two_kernels_writing_through_one_chain_of_links_act_element_by_element(both_targets):
    """K links to G, which links to H with an index: K's run_regularly and reset both
    write H[1] from three elements each, one after another."""
    def simulate(_):
        H = NeuronGroup(2, "v : 1")
        G = NeuronGroup(2, "v : 1 (linked)")
        G.v = linked_var(H.v, index=[1, 1])
        K = NeuronGroup(3, "u : 1 (linked)", threshold="True", reset="u = u + 1")
        K.u = linked_var(G, "v", index=[0, 1, 1])
        K.run_regularly("u = u + 10", dt=1 * ms)
        Network(H, K, *K.contained_objects).run(0.1 * ms)
        return np.asarray(H.v[:])
    numpy_v, cython_v = both_targets(simulate)
    np.testing.assert_array_equal(numpy_v, [0, 33])
    np.testing.assert_array_equal(cython_v, [0, 33])


def test_a_link_to_a_subexpression_can_be_replaced_by_a_link_to_a_variable(numpy_target):
    H = NeuronGroup(3, "v : 1\ns = 2*v : 1")
    H.v = [1, 2, 3]
    G = NeuronGroup(2, "s : 1 (linked)")
    G.s = linked_var(H, "s", index=[2, 0])
    np.testing.assert_allclose(G.s[:], [6, 2])
    G.s = linked_var(H, "v", index=[1, 1])
    np.testing.assert_allclose(G.s[:], [2, 2])
    assert not [n for n in G.variables if n.startswith("_s_link_")]


def test_a_monitor_records_a_linked_variable_in_the_type_of_its_target(numpy_target):
    H = NeuronGroup(2, "n : integer")
    H.n = [3, 4]
    G = NeuronGroup(2, "n : 1 (linked)")
    G.n = linked_var(H.n, index=[1, 0])
    M = StateMonitor(G, "n", record=True)
    Network(H, G, M).run(0.2 * ms)
    assert M.n[:].dtype == H.n[:].dtype
    np.testing.assert_array_equal(M.n[:, 0], [4, 3])
