"""Errors of Synapses.connect that Brian2 raises before anything is connected."""
import pytest

from eqsim import NeuronGroup, Synapses
from eqsim.synapses.connect_errors import GeneratorConditionError


def test_a_generator_given_as_the_condition_is_refused_as_brian2(numpy_target):
    G = NeuronGroup(3, 'force : 1')
    S = Synapses(G, G)
    # Brian2 2.9.0: ValueError: Generator expression given for condition, write connect(j=...)
    with pytest.raises(GeneratorConditionError, match="connect\\(j='k for k in range\\(1\\)'\\)") \
            as caught:
        S.connect('k for k in range(1)')
    assert isinstance(caught.value, ValueError) and len(S) == 0
    S.connect('i != j and force_pre >= 0')  # 'for' as a word only: 'force' is fine
    assert len(S) == 6
