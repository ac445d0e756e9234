"""Threads: the same network on one and on two threads gives the same spikes, faster.

The compiled target splits each kernel's neurons and synapses across threads
(``prefs.codegen.cython.num_threads``, or the environment variable ``EQSIM_NUM_THREADS``).
Random numbers are keyed by neuron and step, not by thread, so the spikes are identical bit for
bit whatever the number of threads. This script runs a noisy E/I network of LIF neurons with
1 thread and then with 2, checks that the spikes are the same and prints both wall times;
saves the raster. (The NumPy target has no threads: it runs the network once.)

Run: ``python examples/threads.py [--neurons 20000] [--duration MS]``
"""
import sys
import time

import numpy as np

from eqsim import (Network, NeuronGroup, SpikeMonitor, Synapses, mV, ms, prefs, seed,
                   start_scope)
from eqsim.plotting import raster

from example_args import parse_arguments, save

NEURON = "dv/dt = (12*mV - v)/(20*ms) + 3*mV*xi/sqrt(20*ms) : volt (unless refractory)"


def options(parser):
    parser.add_argument("--neurons", type=int, default=20000, help="network size (default 20000)")


def simulate(n_neurons, duration, threads):
    """Spike indices and times, the monitor and the wall time (s) of the run."""
    start_scope()
    prefs.codegen.cython.num_threads = threads
    seed(1)
    neurons = NeuronGroup(n_neurons, NEURON, threshold="v > 10*mV", reset="v = 0*mV",
                          refractory=2 * ms, method="euler")
    n_exc = int(0.8 * n_neurons)
    exc = Synapses(neurons[:n_exc], neurons, on_pre="v += 0.2*mV")
    exc.connect(p=20 / n_neurons * 5)
    inh = Synapses(neurons[n_exc:], neurons, on_pre="v -= 1*mV")
    inh.connect(p=20 / n_neurons * 5)
    spikes = SpikeMonitor(neurons)
    network = Network(neurons, exc, inh, spikes)
    network.run(1 * ms)  # builds (or loads) the compiled network: not part of the timing
    started = time.perf_counter()
    network.run(duration)
    return np.array(spikes.i), np.array(spikes.t_), spikes, time.perf_counter() - started


def main(argv):
    args = parse_arguments(argv, __file__, __doc__, 500.0, options)
    runs = {}
    counts = (1, 2) if prefs.codegen.target == "cython" else (1,)
    for threads in counts:
        runs[threads] = simulate(args.neurons, args.duration, threads)
        print(f"{threads} thread(s): {len(runs[threads][0])} spikes, "
              f"{runs[threads][3]:.2f} s for {args.duration / ms:g} ms")
    prefs.codegen.cython.num_threads = 1
    if len(runs) == 2:
        same = (np.array_equal(runs[1][0], runs[2][0]) and np.array_equal(runs[1][1], runs[2][1]))
        print(f"spikes identical with 1 and 2 threads: {same}; speed-up "
              f"{runs[1][3] / runs[2][3]:.2f}x")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(8, 3))
    raster(runs[counts[-1]][2], ax=ax)
    save(fig, args.figure)
    return {threads: (i, t) for threads, (i, t, _, _) in runs.items()}


if __name__ == "__main__":
    main(sys.argv[1:])
