"""Brian2's synaptic indexing: S.indices[...], S[i, j(, k)], S.w[...] (the Brian2 numbers
are checked in tests/reference/test_brian2_synapse_access.py; these check the meaning
Brian2 documents, including the third index, which Brian2 2.9.0 gets wrong when it is
combined with neuron indices)."""
import numpy as np
import pytest

from eqsim import NeuronGroup, StateMonitor, Synapses, mV, run, ms
from eqsim.errors import EqsimError, SynapticIndexError


def _synapses(multisynaptic_index="k"):
    G1 = NeuronGroup(5, "v : volt")
    G1.v = "i*mV"
    G2 = NeuronGroup(7, "v : volt")
    G2.v = "10*mV + i*mV"
    S = Synapses(G1, G2, "w : 1", multisynaptic_index=multisynaptic_index)
    S.connect(True, n=2)
    return S


def test_brian2s_state_variable_indexing_test_passes(numpy_target):
    """Brian2's tests/test_synapses.py::test_state_variable_indexing, ported."""
    S = _synapses()
    n1, n2 = 5, 7
    S.w[:, :, 0] = "5*i + j"
    S.w[:, :, 1] = "35 + 5*i + j"
    assert len(S.w[:]) == len(S.w[:, :]) == len(S.w[:, :, :]) == n1 * n2 * 2
    assert len(S.w[0:, 0:]) == len(S.w[0:, 0:, 0:]) == n1 * n2 * 2
    assert len(S.w[0::2, 0:]) == 3 * n2 * 2
    assert len(S.w[0, :]) == len(S.w[0, :, :]) == n2 * 2
    assert len(S.w[0:2, :]) == len(S.w[0:2, :, :]) == 2 * n2 * 2
    assert len(S.w[:4:2, :]) == len(S.w[:4:2, :, :]) == 2 * n2 * 2
    assert len(S.w[:, 0]) == len(S.w[:, 0, :]) == n1 * 2
    assert len(S.w[:, :4:2]) == len(S.w[:, :4:2, :]) == 2 * n1 * 2
    assert len(S.w[:, :, 0]) == n1 * n2
    assert len(S.w[:, :, 0:2]) == len(S.w[:, :, :2]) == n1 * n2 * 2
    assert len(S.w[:, :, 0:2:2]) == len(S.w[:, :, :2:2]) == n1 * n2
    assert len(S.w[[0, 1]]) == len(S.w[3:5]) == 2
    assert S.w[3] == S.w[np.int32(3)] == S.w[np.int64(3)]
    np.testing.assert_array_equal(S.w[:, 0:3], S.w[:, [0, 1, 2]])
    np.testing.assert_array_equal(S.w[:, 0:3], S.w[np.arange(n1), [0, 1, 2]])
    np.testing.assert_array_equal(S.w[0:3, :], S.w["i<3"])
    np.testing.assert_array_equal(S.w[:, 0:3], S.w["j<3"])
    np.testing.assert_array_equal(S.w[:, :, 0], S.w["k == 0"])
    np.testing.assert_array_equal(S.w[0:3, :], S.w["v_pre < 2.5*mV"])
    np.testing.assert_array_equal(S.w[:, 0:3], S.w["v_post < 12.5*mV"])


def test_third_index_selects_the_kth_synapse_of_the_selected_pairs(numpy_target):
    S = _synapses()
    S.w = "100*i + 10*j + k"
    assert S.w[2, 3, 1].tolist() == [231.0]
    assert S.indices[2, 3, 1].tolist() == [2 * 14 + 3 * 2 + 1]
    assert S.w[1, 1:3, 0].tolist() == [110.0, 120.0]
    assert S.w[0, 6, 0:1].tolist() == [60.0]
    S.w[:, 3, 1] = -1
    assert np.flatnonzero(S.w[:] == -1).tolist() == [3 * 2 + 1 + 14 * r for r in range(5)]


def test_synaptic_subgroup_records_and_indexes(numpy_target):
    S = _synapses()
    S.w = "j*1.0"
    sub = S[2, 3, 1]
    assert len(sub) == 1 and S.w[sub].tolist() == [3.0]
    M = StateMonitor(S, "w", record=S[4, :, 0])
    run(0.3 * ms)
    assert M.record.tolist() == S.indices[4, :, 0].tolist()
    assert M.w.shape == (7, 3)


def test_third_index_needs_a_multisynaptic_index(numpy_target):
    S = _synapses(multisynaptic_index=None)
    with pytest.raises(SynapticIndexError, match="multisynaptic"):
        S.indices[0, 1, 0]
    with pytest.raises(IndexError):  # as in Brian2
        S.w[0, 1, 0]


def test_four_indices_are_refused(numpy_target):
    with pytest.raises(SynapticIndexError, match="1, 2 or 3 indices"):
        _synapses().w[0, 1, 0, 0]


def test_subgroup_made_before_new_synapses_is_refused(numpy_target):
    S = _synapses()
    sub = S[0, :]
    S.connect(i=0, j=0)
    with pytest.raises(SynapticIndexError, match="added"):
        S.w[sub]


def test_subgroup_of_other_synapses_is_refused(numpy_target):
    S, other = _synapses(), _synapses()
    with pytest.raises(SynapticIndexError):
        S.w[other[0, :]]
    with pytest.raises(EqsimError):
        StateMonitor(S, "w", record=other[0, :])


def test_neuron_indices_must_be_integers(numpy_target):
    with pytest.raises(SynapticIndexError, match="integers"):
        _synapses().w[[0.5], :]


def test_string_indices_use_the_callers_names(numpy_target):
    threshold = 230.0
    S = _synapses()
    S.w = "100*i + 10*j + k"
    expected = np.flatnonzero(S.w[:] > threshold).tolist()
    assert S.indices["w > threshold"].tolist() == expected
    assert S.indices("w > threshold").tolist() == expected
    assert S.w["w > threshold"].tolist() == S.w[:][expected].tolist()
    assert len(S["w > threshold"]) == len(expected)
    assert S.N_incoming["w > threshold"].tolist() == [10] * len(expected)
    S.w["w > threshold"] = "threshold"
    assert S.w[:].max() == threshold


def test_neuron_subgroups_select_by_their_neurons_in_the_whole_group(numpy_target):
    """Brian2 2.9.0's numbers (a subgroup's neurons are those of its parent, whichever
    subgroup the synapses start or end in)."""
    G, H = NeuronGroup(6, "v : 1"), NeuronGroup(4, "x : 1")
    S = Synapses(G[2:6], H, "w : 1")
    S.connect()
    S.w[G[3:5], H[1:3]] = 9
    S.w[G[0:3], :] = 5  # of G0-G2, only G2 is presynaptic here
    np.testing.assert_array_equal(S.w[:].reshape(4, 4), [[5, 5, 5, 5], [0, 9, 9, 0],
                                                         [0, 9, 9, 0], [0, 0, 0, 0]])
    monitor = StateMonitor(S, "w", record=S[G[2:3], H[1]])
    assert monitor.record.tolist() == [1]
    S2 = Synapses(G, H[1:4], "w : 1")
    S2.connect()
    S2.w[G[1:2], H[2:3]] = 7
    S2.w[:, H[0:2]] = 3  # of H0 and H1, only H1 is postsynaptic here
    expected = np.zeros((6, 3))
    expected[:, 0], expected[1, 1] = 3, 7
    np.testing.assert_array_equal(S2.w[:].reshape(6, 3), expected)


def test_a_slice_of_neurons_counts_from_the_groups_end_as_in_brian2(numpy_target):
    G, H = NeuronGroup(4, "v : 1"), NeuronGroup(3, "x : 1")
    S = Synapses(G, H, "w : 1")
    S.connect()
    S.w[-1, :] = 1  # an integer outside the group: nothing (Brian2 2.9.0 too)
    S.w[:, -2:] += 10
    S.w[::-2, 0] += 100  # G3, G1
    expected = np.array([[0, 10, 10], [100, 10, 10], [0, 10, 10], [100, 10, 10]])
    np.testing.assert_array_equal(S.w[:].reshape(4, 3), expected)


def test_neurons_of_another_group_or_as_a_synapse_index_are_refused(numpy_target):
    G, H = NeuronGroup(4, "v : 1"), NeuronGroup(3, "x : 1")
    S = Synapses(G, H, "w : 1")
    S.connect()
    with pytest.raises(SynapticIndexError, match="not part of"):
        S.w[H[0:2], :] = 1
    with pytest.raises(SynapticIndexError, match="holds neurons"):
        S.w[G[0:2]]
