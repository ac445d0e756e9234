"""Two summed variables may not write the same neurons' variable (Brian2 raises
NotImplementedError, as its test_multiple_summed_variables and
test_summed_variables_overlapping_subgroups check); disjoint subgroups are fine."""
import numpy as np
import pytest

from eqsim import Network, NeuronGroup, Synapses, ms, run
from eqsim.errors import SummedTargetOverlapError


def _two_sums(first, second):
    source = NeuronGroup(1, "")
    target = NeuronGroup(10, "v : 1")
    syn1 = Synapses(source, first(target), "v_post = 1 : 1 (summed)")
    syn1.connect(n=2)
    syn2 = Synapses(source, second(target), "v_post = 1 : 1 (summed)")
    syn2.connect()
    return source, target, syn1, syn2


@pytest.mark.parametrize("first, second, where", [
    (lambda g: g, lambda g: g, "both write 'v' in group"),
    (lambda g: g[:7], lambda g: g[6:], "in overlapping groups"),
])
def test_two_summed_variables_onto_the_same_neurons_are_refused(numpy_target, first,
                                                                second, where):
    net = Network(*_two_sums(first, second))
    with pytest.raises(SummedTargetOverlapError, match=where) as error:
        net.run(0 * ms)
    assert isinstance(error.value, NotImplementedError) and error.value.code == "EQ240"


def test_summed_variables_onto_disjoint_subgroups_each_give_their_sum(target):
    source, group, syn1, syn2 = _two_sums(lambda g: g[:6], lambda g: g[6:])
    run(0.1 * ms)
    # Brian2 2.9.0 (test_summed_variables_subgroups): 2 for the first six, 1 for the rest
    np.testing.assert_array_equal(group.v[:], [2] * 6 + [1] * 4)


def test_an_inactive_summed_variable_onto_the_same_neurons_is_still_refused(numpy_target):
    # Brian2 2.9.0 refuses the pair at run() (NotImplementedError) even when one of the two
    # Synapses has active = False: the check looks at every object in the network
    source, target, syn1, syn2 = _two_sums(lambda g: g, lambda g: g)
    syn2.active = False
    with pytest.raises(NotImplementedError) as error:
        Network(source, target, syn1, syn2).run(0 * ms)
    assert isinstance(error.value, SummedTargetOverlapError)
