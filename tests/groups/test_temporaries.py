"""Statements may define temporaries with '=' (as in Brian2): in resets, run_regularly and
synaptic code, with the dimension of their value; using one before assigning it, assigning
one that is never read (a misspelt variable, most likely) or updating an undefined name
with '+=' is an error naming the line."""
import numpy as np
import pytest

from eqsim import (EquationError, NeuronGroup, Synapses, ms, mV, run)


def test_reset_and_run_regularly_temporaries(target):
    group = NeuronGroup(2, "dv/dt = 1/ms : 1", threshold="v > 1",
                        reset="doubled = v*2\nv = doubled/4 - 0.5", method="euler")
    group.run_regularly("shifted = v + 1\nv = shifted - 1", dt=0.5 * ms)
    run(1.5 * ms)
    # the spike at 1.1 ms resets v to 1.1*2/4 - 0.5 = 0.05, then 0.4 ms more of dv/dt = 1/ms
    np.testing.assert_allclose(group.v[:], [0.45, 0.45], rtol=1e-9)


def test_synaptic_temporary_carries_the_dimension_of_its_value(target):
    source = NeuronGroup(1, "dv/dt = 1/ms : 1", threshold="v > 1", reset="v = 0",
                         method="euler")
    target_group = NeuronGroup(1, "x : volt")
    syn = Synapses(source, target_group, "w : volt", on_pre="twice = 2*w\nx_post += twice")
    syn.connect()
    syn.w = 0.5 * mV
    run(3 * ms)  # spikes at 1.1 and 2.2 ms
    np.testing.assert_allclose(target_group.x_[:], [2e-3], rtol=1e-12)


@pytest.mark.parametrize("reset, message", [
    ("v = later\nlater = 0", "'later' is used before it is assigned"),
    ("count += 1", "'count' is not a variable"),
    ("V = 0", "'V' is not a variable"),  # a temporary nobody reads: a misspelt 'v'
])
def test_bad_temporaries_are_errors_naming_the_line(reset, message):
    group = NeuronGroup(1, "dv/dt = 1/ms : 1", threshold="v > 1",  # noqa: F841 (run collects it)
                        reset=reset, method="euler")
    with pytest.raises(EquationError) as caught:
        run(1.5 * ms)
    assert message in str(caught.value) and "line 1" in str(caught.value)
