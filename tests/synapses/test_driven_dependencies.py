"""Event-driven and clock-driven synaptic variables may not depend on each other, nor a
summed variable on an event-driven one (Brian2's test_event_driven_dependency_error2/3)."""
import pytest

from eqsim import EquationError, NeuronGroup, Synapses


@pytest.mark.parametrize("model, names", [
    ("""da/dt = -a/(5*ms) : 1 (clock-driven)
        dc/dt = a/(5*ms) : 1 (event-driven)""", ("'c'", "'a'")),
    ("""da/dt = -a/(5*ms) : 1 (clock-driven)
        b = a : 1
        dc/dt = b/(5*ms) : 1 (event-driven)""", ("'c'", "'a'", "'b'")),
    ("""ds/dt = -s/(3*ms) : 1 (event-driven)
        x = s : 1
        y = x : 1
        df/dt = f*y/(5*ms) : 1 (clock-driven)""", ("'f'", "'s'", "'x'", "'y'")),
    ("""ds/dt = -s/(3*ms) : 1 (event-driven)
        v_post = s : 1 (summed)""", ("'v_post'", "'s'")),
])
def test_event_and_clock_driven_variables_may_not_depend_on_each_other(model, names):
    G = NeuronGroup(2, "v : 1", threshold="v > 1", reset="v = 0")
    # Brian2 2.9.0: EquationError naming both variables (and the subexpressions between)
    with pytest.raises(EquationError) as caught:
        Synapses(G, G, model)
    assert all(name in str(caught.value) for name in names)


def test_each_kind_may_read_parameters_and_its_own_kind(numpy_target):
    G = NeuronGroup(2, "v : 1", threshold="v > 1", reset="v = 0")
    Synapses(G, G, """w : 1
                      da/dt = -a*w/(5*ms) : 1 (clock-driven)
                      db/dt = a/(5*ms) : 1 (clock-driven)
                      ds/dt = -s*w/(3*ms) : 1 (event-driven)
                      dq/dt = s/(3*ms) : 1 (event-driven)""", on_pre="s += 1")
