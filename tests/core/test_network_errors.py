"""Brian2's exception types: BrianObjectException for errors while objects are prepared,
MagicError for what the magic network cannot do, KeyError from Network.set_states."""
import pickle

import numpy as np
import pytest

from eqsim import (BrianObjectException, MagicError, Network, NeuronGroup, magic_network, ms,
                   run)
from eqsim.errors import EqsimError, NetworkError, NetworkStateError, UnresolvedNameError


def test_an_unresolved_name_at_run_is_a_brian_object_exception_keeping_its_code(numpy_target):
    group = NeuronGroup(2, "dv/dt = -v/tau_missing : 1", name="cells")  # created on this line
    with pytest.raises(BrianObjectException) as caught:
        Network(group).run(1 * ms)
    error = caught.value
    assert isinstance(error, UnresolvedNameError) and error.code == "EQ110"
    assert isinstance(error.__cause__, UnresolvedNameError)
    text = str(error)
    assert text.startswith("Error encountered with object named 'cells'.")
    assert "test_network_errors.py" in text and 'name="cells")  # created on this line' in text
    assert "tau_missing" in text


def test_a_brian_object_exception_survives_pickling_with_its_classes(numpy_target):
    group = NeuronGroup(1, "dv/dt = -v/nowhere : 1")
    with pytest.raises(BrianObjectException) as caught:
        Network(group).run(1 * ms)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert isinstance(copy, BrianObjectException) and isinstance(copy, UnresolvedNameError)
    assert str(copy) == str(caught.value) and copy.code == caught.value.code


def test_brian_object_exception_can_be_raised_as_in_brian2():
    group = NeuronGroup(1, "v : 1", name="g")
    error = BrianObjectException("something failed", group)
    assert isinstance(error, EqsimError) and error.code == "EQ710"
    assert "Error encountered with object named 'g'." in str(error)


def test_mixing_run_and_new_objects_in_magic_run_is_a_magic_error(numpy_target):
    first = NeuronGroup(1, "v : 1")
    run(0.1 * ms)
    second = NeuronGroup(1, "v : 1")  # noqa: F841  (collected by run())
    with pytest.raises(MagicError) as caught:
        run(0.1 * ms)
    assert isinstance(caught.value, NetworkError) and caught.value.code == "EQ711"
    assert first is not None


def test_the_magic_network_cannot_be_changed_by_hand():
    group = NeuronGroup(1, "v : 1")
    with pytest.raises(MagicError):
        magic_network.add(group)
    with pytest.raises(MagicError):
        magic_network.remove(group)


def test_set_states_with_an_unknown_object_is_a_key_error_and_sets_nothing():
    group = NeuronGroup(2, "v : 1", name="known")
    net = Network(group)
    with pytest.raises(KeyError) as caught:
        net.set_states({"known": {"v": [1.0, 2.0]}, "unknown": {"v": [0.0]}})
    assert isinstance(caught.value, NetworkStateError) and "unknown" in str(caught.value)
    np.testing.assert_array_equal(np.asarray(group.v), [0, 0])
