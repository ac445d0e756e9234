"""A SpikeGeneratorGroup replays a spike pattern; a coincidence detector reads it.

Five input neurons emit a fixed pattern, repeated every 50 ms (``period=``): in the first half
of the run the five spikes are spread out, and ``set_spikes`` then replaces the pattern by one in
which they arrive within 1 ms. A LIF neuron that needs about four coincident inputs to fire
stays silent for the spread pattern and fires once per period for the synchronous one. Prints
the output spike times; saves the input raster above the output neuron's potential.

Run: ``python examples/spike_generator.py [--duration MS]`` (half of it with each pattern)
"""
import sys

import numpy as np

from eqsim import (Network, NeuronGroup, SpikeGeneratorGroup, SpikeMonitor, StateMonitor,
                   Synapses, mV, ms)
from eqsim.plotting import raster, traces

from example_args import parse_arguments, save

PERIOD = 50 * ms
INDICES = np.arange(5)
SPREAD = np.array([2, 12, 22, 32, 42]) * ms
SYNCHRONOUS = np.array([20, 20.2, 20.4, 20.6, 20.8]) * ms


def main(argv):
    args = parse_arguments(argv, __file__, __doc__, 400.0)
    inputs = SpikeGeneratorGroup(5, INDICES, SPREAD, period=PERIOD)
    detector = NeuronGroup(1, "dv/dt = -v / (5*ms) : volt", threshold="v > 14*mV",
                           reset="v = 0*mV", method="exact")
    synapses = Synapses(inputs, detector, on_pre="v += 4*mV")
    synapses.connect()
    input_spikes, output_spikes = SpikeMonitor(inputs), SpikeMonitor(detector)
    potential = StateMonitor(detector, "v", record=0)
    network = Network(inputs, detector, synapses, input_spikes, output_spikes, potential)
    half = args.duration / 2
    network.run(half)
    spread_count = int(output_spikes.num_spikes)
    # with a period, times are relative to the start of each period (as in Brian2)
    inputs.set_spikes(INDICES, SYNCHRONOUS, period=PERIOD)
    network.run(args.duration - half)
    times = output_spikes.t / ms
    print(f"spike generator, {args.duration / ms:g} ms: {spread_count} output spikes for the spread "
          f"pattern, {output_spikes.num_spikes - spread_count} for the synchronous one, at "
          f"{', '.join(f'{t:g}' for t in times)} ms")
    import matplotlib.pyplot as plt
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 4), sharex=True)
    raster(input_spikes, ax=top)
    traces(potential, ax=bottom)
    bottom.axvline(half / ms, color="k", ls=":", lw=1)
    save(fig, args.figure)
    return {"spread": spread_count, "times_ms": times}


if __name__ == "__main__":
    main(sys.argv[1:])
