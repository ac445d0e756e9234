"""N_incoming / N_outgoing (per synapse) and N_incoming_post / N_outgoing_pre (per neuron),
as Brian2 has them (numbers against Brian2: tests/reference/test_brian2_synapse_access.py)."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Synapses
from eqsim.errors import ConnectError
from eqsim.groups.group import StateError


def _pair():
    return NeuronGroup(4, "v : 1"), NeuronGroup(3, "v : 1")


def test_counts_follow_each_connect(numpy_target):
    source, target = _pair()
    S = Synapses(source, target, "w : 1")
    assert S.N_incoming_post.tolist() == [0, 0, 0]
    S.connect(i=[0, 0, 1], j=[2, 2, 1])
    assert S.N_incoming_post.tolist() == [0, 1, 2]
    assert S.N_outgoing_pre.tolist() == [2, 1, 0, 0]
    S.connect(j="i", skip_if_invalid=True)
    assert S.N_incoming_post.tolist() == [1, 2, 3]
    assert S.N_outgoing_pre.tolist() == [3, 2, 1, 0]
    assert S.N_incoming[:].tolist() == [3, 3, 2, 1, 2, 3]
    assert S.N_outgoing_[:].tolist() == [3, 3, 2, 3, 2, 1]
    assert S.N_incoming[0, :].tolist() == [3, 3, 1]


def test_fan_counts_are_read_only(numpy_target):
    source, target = _pair()
    S = Synapses(source, target)
    S.connect()
    with pytest.raises(StateError, match="read-only"):
        S.N_incoming[:] = 1


@pytest.mark.parametrize("name", ["N_incoming", "N_outgoing"])
def test_connect_cannot_refer_to_fan_counts(name, numpy_target):
    source, target = _pair()
    S = Synapses(source, target)
    with pytest.raises(ConnectError, match=name) as error:
        S.connect(f"{name} < 5")
    assert error.value.code == "EQ161"
    assert S.N == 0


def test_fan_counts_take_part_in_arithmetic_with_numbers_and_quantities():
    """Brian2's Kremer et al. 2011 example sets ``S.w = w_max / S.N_incoming``."""
    from eqsim import NeuronGroup, Synapses, mV, prefs
    previous = prefs.codegen.target
    prefs.codegen.target = "numpy"
    try:
        G = NeuronGroup(6, "v : 1")
        S = Synapses(G, G, "w : volt")
        S.connect(i=[0, 1, 2, 3, 3], j=[1, 1, 1, 2, 0])
        incoming = np.asarray(S.N_incoming)
        assert list(incoming) == [3, 3, 3, 1, 1]
        S.w = 6 * mV / S.N_incoming
        assert np.allclose(np.asarray(S.w / mV), 6 / incoming)
        assert list(S.N_incoming * 2) == list(incoming * 2)
        assert list(1 + S.N_outgoing) == [2, 2, 2, 3, 3]
        assert list(S.N_incoming > 1) == [True, True, True, False, False]
        assert list(-S.N_incoming) == list(-incoming)
    finally:
        prefs.codegen.target = previous
