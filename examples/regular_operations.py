"""Changing a network while it runs: run_regularly and network_operation.

Twenty LIF neurons get a new random input current every 50 ms from ``run_regularly``, a string of
statements compiled into the step loop like any other kernel. A ``network_operation``, a Python
function the run calls every 10 ms, reads the group's spike counts and keeps the population rate
of each 10 ms window; when that rate exceeds a ceiling it scales the neurons' gain down (a crude
homeostasis written in Python). Prints the rate per window and the gain; saves both.

Run: ``python examples/regular_operations.py [--duration MS]``
"""
import sys

import numpy as np

from eqsim import (Hz, Network, NeuronGroup, SpikeMonitor, mV, ms, network_operation, nA,
                   Mohm, seed)

from example_args import parse_arguments, save

N, WINDOW, CEILING = 20, 10 * ms, 60 * Hz
NEURON = """
dv/dt = (gain * R * I - v) / (10*ms) : volt (unless refractory)
I : amp
gain : 1 (shared)
"""


def main(argv):
    args = parse_arguments(argv, __file__, __doc__, 300.0)
    seed(5)
    neurons = NeuronGroup(N, NEURON, threshold="v > 15*mV", reset="v = 0*mV", refractory=2 * ms,
                          method="exact", namespace={"R": 100 * Mohm})
    neurons.gain = 1
    neurons.run_regularly("I = 0.1*nA + 0.3*nA*rand()", dt=50 * ms)
    spikes = SpikeMonitor(neurons)
    windows = []

    @network_operation(dt=WINDOW, when="end")
    def homeostasis(t):
        counted = int(spikes.num_spikes) - sum(count for _, count, _ in windows)
        rate = counted / N / WINDOW
        windows.append((t, counted, float(neurons.gain[:])))
        if rate > CEILING:
            neurons.gain = neurons.gain[:] * 0.9

    Network(neurons, spikes, homeostasis).run(args.duration)
    times = np.array([t / ms for t, _, _ in windows])
    rates = np.array([count / N / (WINDOW / ms) * 1000 for _, count, _ in windows])
    gains = np.array([gain for _, _, gain in windows])
    print(f"run_regularly and network_operation, {args.duration / ms:g} ms: {len(windows)} "
          f"windows, rate {rates.min():.0f} to {rates.max():.0f} Hz, gain now "
          f"{float(neurons.gain[:]):.3f}, input currents {neurons.I[:].min() / nA:.2f} to "
          f"{neurons.I[:].max() / nA:.2f} nA")
    import matplotlib.pyplot as plt
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 4), sharex=True)
    top.step(times, rates, where="pre")  # the window that ends at t
    top.axhline(CEILING / Hz, color="k", ls=":", lw=1)
    top.set_ylabel("rate (Hz)")
    bottom.step(times, gains, where="pre")
    bottom.set_ylabel("gain")
    bottom.set_xlabel("time (ms)")
    save(fig, args.figure)
    return {"rates_hz": rates, "gains": gains}


if __name__ == "__main__":
    main(sys.argv[1:])
