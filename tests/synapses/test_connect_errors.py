"""Errors of Synapses.connect that Brian2 raises before anything is connected."""
import pytest

from eqsim import BrianObjectException, EqsimError, NeuronGroup, Synapses
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


@pytest.mark.parametrize("kwargs, brian2_type, code", [
    # Brian2 2.9.0's exception types (its test_connect_errors, test_connection_arrays,
    # test_synapse_generator_*, test_incorrect_connect_N_incoming_outgoing)
    (dict(condition="i*2"), TypeError, "EQ164"),
    (dict(condition=[1, 2]), TypeError, "EQ504"),
    (dict(i=[1.1, 2.2], j=[1.1, 2.2]), TypeError, "EQ509"),
    (dict(i=[1, 2], j="i"), TypeError, "EQ504"),
    (dict(j="k for k in range(4.0)"), TypeError, "EQ162"),
    (dict(i=[5], j=[0]), IndexError, "EQ501"),
    (dict(condition="N_incoming < 5"), ValueError, "EQ161"),
])
def test_connect_mistakes_are_the_exceptions_brian2_raises(numpy_target, kwargs, brian2_type,
                                                           code):
    G = NeuronGroup(5, "")
    S = Synapses(G, G)
    with pytest.raises(brian2_type) as caught:
        S.connect(**kwargs)
    assert isinstance(caught.value, EqsimError) and caught.value.code == code


@pytest.mark.parametrize("j", ["k for k in range(0, N_post*2)",
                               "k for k in sample(N_post, size=i+4)"])
def test_generated_indices_outside_the_group_are_an_index_error_about_the_synapses(
        numpy_target, j):
    G = NeuronGroup(5, "")
    S = Synapses(G, G)
    # Brian2 2.9.0: BrianObjectException about the Synapses, caused by an IndexError
    with pytest.raises(BrianObjectException, match=S.name) as caught:
        S.connect(j=j)
    assert isinstance(caught.value, IndexError)
    assert isinstance(caught.value.__cause__, IndexError)
