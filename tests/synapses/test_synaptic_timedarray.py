"""A TimedArray called in synaptic code is evaluated at the time the spike arrives."""
import numpy as np

from eqsim import NeuronGroup, SpikeGeneratorGroup, Synapses, TimedArray, ms, run


def test_timed_array_in_on_pre_uses_the_arrival_time(target):
    gain = TimedArray([1.0, 2.0, 3.0], dt=1 * ms)
    src = SpikeGeneratorGroup(1, [0, 0, 0], [0.5, 1.5, 2.5] * ms)
    tgt = NeuronGroup(2, "v : 1")
    syn = Synapses(src, tgt, on_pre="v_post += gain(t)*(j + 1)")
    syn.connect()
    run(3 * ms)
    np.testing.assert_allclose(tgt.v[:], [1 + 2 + 3, 2 * (1 + 2 + 3)])
