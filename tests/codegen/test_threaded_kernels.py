"""OpenMP threads change the speed, never the result: the same spikes and state bit
for bit with one or two threads."""
import numpy as np
import pytest

from eqsim import (NeuronGroup, SpikeMonitor, Synapses,
                   ms, mV, prefs, run, seed, start_scope)


def _ei_network(threads):
    prefs["codegen.cython.num_threads"] = threads
    start_scope()
    seed(5)
    eqs = """dv/dt = (-60*mV - v + ge*(0*mV - v) + gi*(-80*mV - v) + 20*mV)/(20*ms) : volt (unless refractory)
             dge/dt = -ge/(5*ms) : 1
             dgi/dt = -gi/(10*ms) : 1"""
    neurons = NeuronGroup(800, eqs, threshold="v > -50*mV", reset="v = -60*mV",
                          refractory=5 * ms, method="exponential_euler", name="threaded")
    neurons.v = "-55*mV + 2*mV*randn()"
    exc = Synapses(neurons[:640], neurons, "w : 1", on_pre="ge_post += w", delay=0.1 * ms,
                   name="threaded_exc")
    exc.connect(p=0.05)
    exc.w = "0.3 + 0.6*rand()"
    inh = Synapses(neurons[640:], neurons, on_pre="gi_post += 6.7", delay=0.2 * ms,
                   name="threaded_inh")
    inh.connect(p=0.05)
    spikes = SpikeMonitor(neurons, name="threaded_spikes")
    run(60 * ms)
    return spikes.i.copy(), spikes.t_.copy(), neurons.v_.copy(), neurons.ge_.copy()


def test_two_threads_give_the_same_spikes_and_state_as_one():
    previous = prefs["codegen.target"], prefs["codegen.cython.num_threads"]
    prefs["codegen.target"] = "cython"
    try:
        one = _ei_network(1)
        two = _ei_network(2)
    finally:
        prefs["codegen.target"], prefs["codegen.cython.num_threads"] = previous
    assert one[0].size > 100
    for a, b in zip(one, two):
        np.testing.assert_array_equal(a, b)


def test_thread_count_preference_rejects_nonsense():
    from eqsim.core.preferences import PreferenceError
    with pytest.raises(PreferenceError):
        prefs["codegen.cython.num_threads"] = 0
