"""Bad writes to a group's state raise the built-in exception types Brian2 2.9.0 raises
(eqsim raised its StateError, which is none of them): a read-only or computed name is a
TypeError, an unknown name an AttributeError, values that do not fit a ValueError."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Synapses, mV, ms
from eqsim.groups.group import StateError


@pytest.fixture
def group():
    G = NeuronGroup(4, "v : volt\nI = 2*v : volt\nn : integer")
    G.v = [1, 2, 3, 4] * mV
    return G


@pytest.mark.parametrize("name, value", [("N", 3), ("i", 3), ("I", 3 * mV), ("t", 3 * ms),
                                         ("dt", 3 * ms)])
def test_a_read_only_or_computed_name_is_a_type_error(group, name, value):
    with pytest.raises(TypeError) as info:  # Brian2: TypeError "Variable N is read-only."
        setattr(group, name, value)
    assert isinstance(info.value, StateError)
    with pytest.raises(TypeError):
        group.I[:] = 3 * mV


def test_the_synapse_counts_are_read_only_with_a_type_error(group):
    S = Synapses(group, group)
    S.connect(j="i")
    with pytest.raises(TypeError):
        S.N_incoming[:] = 2


@pytest.mark.parametrize("name", ["unknown", "unknown_", "vv"])
def test_an_unknown_name_is_an_attribute_error(group, name):
    with pytest.raises(AttributeError):  # Brian2: AttributeError "Could not find ..."
        setattr(group, name, 42)
    group._private = 42  # names starting with _ are ordinary attributes, as in Brian2
    assert group._private == 42


def test_values_that_do_not_fit_are_a_value_error(group):
    def set_two_of_three():
        group.v[[0, 1]] = [1, 2, 3] * mV
    for bad in (lambda: setattr(group, "v", [1, 2] * mV),
                lambda: setattr(group, "v", np.arange(11) * mV),
                set_two_of_three,
                lambda: group.set_states({"v": np.arange(3) * mV}),
                lambda: setattr(group, "n", np.nan)):
        with pytest.raises(ValueError):  # Brian2: ValueError
            bad()
    assert np.allclose(group.v[:] / mV, [1, 2, 3, 4]) and list(group.n[:]) == [0] * 4


def test_add_attribute_allows_a_new_attribute_and_refuses_existing_names(group):
    # Brian2 2.9.0 Group.add_attribute: afterwards G.unknown = 42 is an attribute; a
    # variable's or an existing attribute's name is an AttributeError
    group.add_attribute("unknown")
    group.unknown = 42
    assert group.unknown == 42
    for name in ("v", "I", "unknown", "name"):
        with pytest.raises(AttributeError):
            group.add_attribute(name)


def test_several_values_for_a_shared_variable_are_a_value_error():
    # Brian2 2.9.0: ValueError; eqsim kept the first of them silently
    G = NeuronGroup(4, "f : 1 (shared)")
    G.f = 2
    for values in ([3, 1], np.array([3.0, 1.0]), []):
        with pytest.raises(ValueError):
            G.f = values
        with pytest.raises(ValueError):
            G.f[:] = values
    G.f = [5]  # one value in a list is one value, as in Brian2
    assert G.f[:] == 5
