"""An invalid name given as an argument raises the type Brian2 2.9.0 raises: ValueError
for an object's name (NeuronGroup(..., name='1x')), TypeError for an event's
(events={'1event': ...}); eqsim's InvalidNameError is both."""
import pytest

from eqsim import NeuronGroup
from eqsim.errors import InvalidNameError


def test_an_invalid_object_name_is_a_value_error():
    with pytest.raises(ValueError) as info:  # Brian2: ValueError "Name 1x not valid ..."
        NeuronGroup(1, "v : 1", name="1x")
    assert isinstance(info.value, InvalidNameError)


def test_an_invalid_event_name_is_a_type_error():
    with pytest.raises(TypeError):  # Brian2: TypeError "The name '1event' cannot be used"
        NeuronGroup(1, "", events={"1event": "True"})
