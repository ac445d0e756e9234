"""``'name' in net`` tells whether the network holds an object of that name, as Brian2's
Network.__contains__ (test_network_contains); it raised KeyError: 0 before."""
from eqsim import Network, NeuronGroup


def test_in_a_network_compares_object_names_as_brian2_does():
    group = NeuronGroup(1, "v : 1", name="mygroup")
    net = Network(group)
    assert "mygroup" in net
    assert "neurongroup" not in net
    # Brian2 2.9.0 compares names only: the object itself is not "in" the network
    assert group not in net

