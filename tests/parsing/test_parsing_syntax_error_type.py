"""A user string that is not valid syntax raises an error that is also a SyntaxError, as
Brian2 2.9.0 (model equations: SyntaxError at creation; a threshold, reset or
assignment: SyntaxError), keeping eqsim's position and hint."""
import pytest

from eqsim import EquationError, NeuronGroup


@pytest.mark.parametrize("make", [
    lambda: NeuronGroup(1, "dv/dt = -v/(10*ms : 1"),
    lambda: NeuronGroup(1, "v : 1", threshold=">1"),
    lambda: NeuronGroup(1, "v : 1", reset="v = = 0"),
], ids=["model", "threshold", "reset"])
def test_invalid_syntax_is_a_syntax_error_with_position_and_hint(make):
    with pytest.raises(SyntaxError) as info:
        make()
    assert isinstance(info.value, EquationError)
    text = str(info.value)
    assert text.startswith("[EQ101] Invalid syntax") and "^" in text and "hint:" in text


def test_invalid_syntax_in_a_string_assignment_is_a_syntax_error():
    G = NeuronGroup(2, "v : 1")
    with pytest.raises(SyntaxError):
        G.v = "1 +* 2"
    assert list(G.v[:]) == [0, 0]
