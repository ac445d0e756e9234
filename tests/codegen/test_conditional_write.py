"""Writes to '(unless refractory)' variables skip refractory neurons, whichever code makes
them, except the reset and run_on_event code: Brian2's conditional_write rule
(brian2/codegen/codeobject.py, override_conditional_write in brian2/groups/neurongroup.py).

Neuron 0 of each group is refractory for the whole run (it spiked at t = 0 with a 5 ms
refractory period), the others are not. The model does not change v by itself, so every
number below is a sum of the writes that Brian2 2.9.0 applies: these tests run unchanged
in Brian2 (tests/reference/check_conditional_write_in_brian2.py)."""
import numpy as np
import pytest

from eqsim import (NeuronGroup, PoissonInput, SpikeGeneratorGroup, Synapses, ms, run,
                   second)

MODEL = "dv/dt = 0/second : 1 (unless refractory)\nw_in : 1"


def refractory_group(n=3, **kwargs):
    """``n`` neurons, neuron 0 refractory for the next 5 ms."""
    group = NeuronGroup(n, MODEL, threshold="v > 100", refractory=5 * ms, **kwargs)
    group.not_refractory[0] = False
    group.lastspike[0] = 0 * ms
    return group


def spikes_at(times_ms, n=1):
    return SpikeGeneratorGroup(n, np.zeros(len(times_ms), dtype=int), np.asarray(times_ms) * ms)


def test_on_pre_write_onto_refractory_neuron_is_dropped(target):
    group = refractory_group()
    source = spikes_at([0.2, 0.5])
    synapses = Synapses(source, group, "w : 1", on_pre="v_post += w")
    synapses.connect(i=[0, 0, 0], j=[0, 1, 2])
    synapses.w = [0.1, 0.2, 0.3]
    run(1 * ms)
    assert np.allclose(group.v[:], [0.0, 0.4, 0.6])


def test_on_pre_write_with_shared_weight_onto_subgroup_respects_refractoriness(target):
    group = refractory_group(4)
    group.not_refractory[2] = False
    group.lastspike[2] = 0 * ms
    source = spikes_at([0.2])
    synapses = Synapses(source, group[1:4], "w : 1 (shared)", on_pre="v += w")
    synapses.connect(i=[0, 0, 0], j=[0, 1, 2])  # neurons 1, 2 (refractory), 3
    synapses.w = 0.25
    run(1 * ms)
    assert np.allclose(group.v[:], [0.0, 0.25, 0.0, 0.25])


def test_on_post_write_onto_refractory_presynaptic_neuron_is_dropped(target):
    pre = refractory_group(2)
    post = NeuronGroup(1, "x : 1", threshold="t > 0.25*ms and t < 0.35*ms")
    synapses = Synapses(pre, post, on_post="v_pre += 1")
    synapses.connect(i=[0, 1], j=[0, 0])
    run(1 * ms)
    assert np.allclose(pre.v[:], [0.0, 1.0])


def test_poissoninput_onto_refractory_neuron_is_dropped(target):
    group = refractory_group()
    # rate*dt = 1: every one of the 2 inputs arrives at each of the 10 steps
    inputs = PoissonInput(group, "v", 2, 1 / (0.1 * ms), weight=0.5)
    run(1 * ms)
    assert np.allclose(group.v[:], [0.0, 10.0, 10.0])


def test_poissoninput_onto_subgroup_respects_refractoriness(target):
    group = refractory_group(4)
    inputs = PoissonInput(group[0:2], "v", 1, 1 / (0.1 * ms), weight=1)
    run(1 * ms)
    assert np.allclose(group.v[:], [0.0, 10.0, 0.0, 0.0])


def test_run_regularly_write_onto_refractory_neuron_is_dropped(target):
    group = refractory_group()
    group.run_regularly("v += 1", dt=0.5 * ms)
    run(1 * ms)
    assert np.allclose(group.v[:], [0.0, 2.0, 2.0])


def test_reset_and_run_on_event_write_refractory_neurons_as_in_brian2(target):
    group = NeuronGroup(2, MODEL, threshold="v > 0.5", reset="v = 0.25", refractory=5 * ms,
                        events={"kick": "t > 0.25*ms and t < 0.35*ms"})
    group.run_on_event("kick", "v += 0.01")
    group.v = [1.0, 0.0]
    run(1 * ms)
    # neuron 0 spikes at once, is reset while refractory and still gets the event code
    assert np.allclose(group.v[:], [0.26, 0.01])


def test_string_assignment_skips_refractory_neurons_value_assignment_does_not(numpy_target):
    group = refractory_group()
    group.v = "0.5"
    assert np.allclose(group.v[:], [0.0, 0.5, 0.5])
    group.v["i >= 0"] = "0.1"
    assert np.allclose(group.v[:], [0.0, 0.1, 0.1])
    group.v = 0.3
    assert np.allclose(group.v[:], [0.3, 0.3, 0.3])
    group.v[:] = [0.2, 0.2, 0.2]
    assert np.allclose(group.v[:], [0.2, 0.2, 0.2])
    group[0:2].v = "1.0"
    assert np.allclose(group.v[:], [0.2, 1.0, 0.2])


def test_writes_apply_to_every_neuron_without_a_refractory_period(target):
    group = NeuronGroup(2, MODEL)
    source = spikes_at([0.2])
    synapses = Synapses(source, group, on_pre="v_post += 1")
    synapses.connect(i=[0, 0], j=[0, 1])
    inputs = PoissonInput(group, "v", 1, 1 / (0.1 * ms), weight=1)
    group.v = "v + 0.5"
    run(1 * ms)
    assert np.allclose(group.v[:], [11.5, 11.5])


def test_variable_without_the_flag_is_written_during_refractoriness(target):
    group = NeuronGroup(2, "dv/dt = 0/second : 1 (unless refractory)\ndu/dt = 0/second : 1",
                        threshold="v > 100", refractory=5 * ms)
    group.not_refractory[0] = False
    group.lastspike[0] = 0 * ms
    source = spikes_at([0.2])
    synapses = Synapses(source, group, on_pre="v_post += 1\nu_post += 1")
    synapses.connect(i=[0, 0], j=[0, 1])
    run(1 * ms)
    assert np.allclose(group.v[:], [0.0, 1.0])
    assert np.allclose(group.u[:], [1.0, 1.0])


def test_procedural_synapses_onto_refractory_neuron_are_dropped(target):
    """An eqsim extension (connect(procedural=True)): same rule as stored synapses."""
    group = refractory_group()
    source = spikes_at([0.2, 0.5])
    synapses = Synapses(source, group, on_pre="v_post += 0.5")
    synapses.connect(p=1.0, procedural=True)
    run(1 * ms)
    assert np.allclose(group.v[:], [0.0, 1.0, 1.0])


@pytest.mark.parametrize("code, expected", [("v_post = 0.7", [0.1, 0.7, 0.7]),
                                            ("v_post *= 3", [0.1, 0.3, 0.3]),
                                            ("v_post = v_post/2 + 0.1", [0.1, 0.15, 0.15]),
                                            ("v_post -= 0.25", [0.1, -0.15, -0.15])])
def test_every_assignment_form_onto_refractory_neuron_is_dropped(target, code, expected):
    group = refractory_group()
    group.v[:] = 0.1
    source = spikes_at([0.2])
    synapses = Synapses(source, group, on_pre=code)
    synapses.connect(i=[0, 0, 0], j=[0, 1, 2])
    run(1 * ms)
    assert np.allclose(group.v[:], expected)


@pytest.mark.parametrize("code", ["v_post -= w", "v_post += -w"])
def test_decrement_by_a_variable_onto_refractory_neuron_is_dropped(target, code):
    # on the NumPy target the gated decrement once printed as "-flag*w", a negated bool array
    group = refractory_group()
    group.v[:] = 0.1
    source = spikes_at([0.2, 0.5])
    synapses = Synapses(source, group, "w : 1", on_pre=code)
    synapses.connect(i=[0, 0, 0], j=[0, 1, 2])
    synapses.w = [1.0, 0.2, 0.3]
    run(1 * ms)
    assert np.allclose(group.v[:], [0.1, -0.3, -0.5])
