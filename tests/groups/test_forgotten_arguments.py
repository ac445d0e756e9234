"""Brian2's warnings about NeuronGroup arguments that were probably forgotten (its
test_threshold_reset and test_missing_refractory_warning)."""
import warnings

import pytest

from eqsim import EqsimWarning, NeuronGroup, ms

UNLESS = "dv/dt = -v/(10*ms) : 1 (unless refractory)"


def _warnings_of(**kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        NeuronGroup(1, kwargs.pop("model", "v : 1"), **kwargs)
    return [str(w.message) for w in caught if issubclass(w.category, EqsimWarning)]


@pytest.mark.parametrize("kwargs, code", [
    (dict(threshold="True"), "EQ255"),
    (dict(model=UNLESS, threshold="v > 1", reset="v = 0"), "EQ256"),
])
def test_a_forgotten_reset_refractory_period_or_refractory_argument_warns(kwargs, code):
    messages = _warnings_of(**kwargs)
    assert len(messages) == 1 and messages[0].startswith(f"[{code}]")


@pytest.mark.parametrize("kwargs", [
    dict(threshold="True", reset=""),
    dict(threshold="True", refractory=2 * ms),
    dict(threshold="rand() < 0.1"),  # Brian2: a random threshold needs no reset
    dict(model=UNLESS, threshold="v > 1", reset="v = 0", refractory=0 * ms),
])
def test_what_brian2_does_not_warn_about_is_silent(kwargs):
    assert _warnings_of(**kwargs) == []
