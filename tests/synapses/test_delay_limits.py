"""Delays that cannot be honoured are refused with a LimitError naming the pathway, the
synapse and the value (issue 8: a negative delay became 0 without a word), however they
were given: at creation, assigned as a value, or as a string evaluated on either target.
A refused assignment leaves the delays as they were."""
import numpy as np
import pytest

from eqsim import LimitError, NeuronGroup, Synapses, ms, prefs, run, second


def _synapses(**kwargs):
    G = NeuronGroup(3, "v : 1", threshold="True", name="G")
    S = Synapses(G, G, on_pre="v += 1", name="S", **kwargs)
    S.connect()
    return G, S


@pytest.mark.parametrize("delay", [-1 * ms, float("nan") * ms, float("inf") * ms,
                                   {"pre": -1 * ms}], ids=["negative", "nan", "inf", "dict"])
def test_a_delay_given_at_creation_must_be_finite_and_not_negative(delay):
    G = NeuronGroup(2, "v : 1", threshold="False")
    with pytest.raises(LimitError) as info:
        Synapses(G, G, on_pre="v += 1", delay=delay)
    assert "delay of the 'pre' pathway" in str(info.value)


@pytest.mark.parametrize("value", [-1 * ms, [1, -1, 1, 1, 1, 1, 1, 1, 1] * ms,
                                   float("nan") * ms], ids=["one", "per-synapse", "nan"])
def test_an_assigned_delay_is_refused_and_the_previous_delays_stay(value):
    G, S = _synapses(delay=2 * ms)
    with pytest.raises(LimitError) as info:
        S.delay = value
    assert "'pre' pathway of 'S'" in str(info.value)
    np.testing.assert_array_equal(np.asarray(S.delay[:]), 2e-3)
    S.delay = 0 * ms  # zero is a valid delay


@pytest.fixture(params=["numpy", "cython-compiled"])
def string_delay_target(request):
    """String delays evaluated by NumPy, or by a compiled assignment kernel."""
    previous = prefs["codegen.target"], prefs["codegen.cython.compiled_assignment_size"]
    compiled = request.param == "cython-compiled"
    prefs["codegen.target"] = "cython" if compiled else "numpy"
    prefs["codegen.cython.compiled_assignment_size"] = 1 if compiled else 10**12
    yield request.param
    prefs["codegen.target"], prefs["codegen.cython.compiled_assignment_size"] = previous


def test_a_string_delay_evaluating_negative_is_refused_on_both_targets(string_delay_target):
    G, S = _synapses()
    S.delay = "j*ms"
    before = np.asarray(S.delay[:]).copy()
    with pytest.raises(LimitError) as info:
        S.delay = "(j - 1)*ms"
    message = str(info.value)
    assert "3 of 9 delays" in message and "-1. ms" in message and "synapse 0" in message
    np.testing.assert_array_equal(np.asarray(S.delay[:]), before)


@pytest.mark.usefixtures("numpy_target")
def test_delays_made_negative_behind_the_assignment_check_are_refused_when_the_run_starts():
    G, S = _synapses()
    S.delay = "j*ms"
    S.variables["delay"].array[4] = -1e-3  # e.g. written through the raw array
    with pytest.raises(LimitError, match="synapse 4"):
        run(1 * ms)


@pytest.mark.usefixtures("numpy_target")
def test_a_delay_of_more_steps_than_a_spike_queue_holds_is_refused_when_the_run_starts(
        address_space_limit):
    G, S = _synapses(delay=1e6 * second)
    with address_space_limit(2 * 2**30), pytest.raises(LimitError, match="2\\*\\*31 steps"):
        run(1 * ms)  # without the check: a queue of 10**10 slots
