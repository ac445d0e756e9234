"""The magic network's methods act on the objects visible in the calling script, as
Brian2's (its test_get_set_states)."""
import numpy as np

from eqsim import NeuronGroup, magic_network, ms, run


def test_magic_network_states_are_those_of_the_scripts_objects(numpy_target):
    G = NeuronGroup(3, "v : 1", name="a_neurongroup")
    G.v = "i"
    # Brian2 2.9.0: magic_network.get_states() == Network(G).get_states(), before any run
    states = magic_network.get_states()
    assert set(states) == {"a_neurongroup"}
    assert states["a_neurongroup"]["v"].tolist() == [0, 1, 2]
    magic_network.set_states({"a_neurongroup": {"v": np.array([5.0, 6.0, 7.0])}})
    assert G.v[:].tolist() == [5, 6, 7]


def test_magic_store_and_restore_methods_take_the_scripts_objects(numpy_target):
    G = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="A")
    magic_network.store("start")
    run(1 * ms)
    magic_network.restore("start")
    assert G.v[0] == 0 and magic_network.t == 0 * ms
