"""Poisson input, two ways: a PoissonGroup with Synapses, and PoissonInput.

Two groups of 10 leaky membranes receive the same statistics of input: 200 Poisson sources at
10 Hz, each spike adding 0.5 mV. The first gets them from a ``PoissonGroup`` through
``Synapses`` (each source a neuron of its own, each connection stored); the second from a
``PoissonInput``, which draws the number of input spikes per neuron and step from a binomial
distribution and needs neither. Campbell's theorem gives the membrane potential's mean,
``N*rate*weight*tau`` = 20 mV, and standard deviation, ``sqrt(N*rate*weight**2*tau/2)`` =
2.2 mV; both groups match it. Prints both; saves the potential of one neuron of each.

Run: ``python examples/poisson_input.py [--duration MS]``
"""
import sys

import numpy as np

from eqsim import (Hz, NeuronGroup, Network, PoissonGroup, PoissonInput, StateMonitor,
                   Synapses, mV, ms, seed)

from example_args import parse_arguments, save

N_TARGETS, N_SOURCES, RATE, WEIGHT, TAU = 10, 200, 10 * Hz, 0.5 * mV, 20 * ms
MEMBRANE = "dv/dt = -v / TAU : volt"


def build():
    with_synapses = NeuronGroup(N_TARGETS, MEMBRANE, method="exact", name="with_synapses")
    with_input = NeuronGroup(N_TARGETS, MEMBRANE, method="exact", name="with_poissoninput")
    sources = PoissonGroup(N_TARGETS * N_SOURCES, rates=RATE)
    synapses = Synapses(sources, with_synapses, on_pre="v += WEIGHT")
    synapses.connect(j="i // N_SOURCES")  # sources 0-199 onto neuron 0, and so on
    poisson_input = PoissonInput(with_input, "v", N_SOURCES, RATE, weight=WEIGHT)
    monitors = [StateMonitor(group, "v", record=True) for group in (with_synapses, with_input)]
    objects = [with_synapses, with_input, sources, synapses, poisson_input, *monitors]
    return Network(*objects), monitors


def main(argv):
    args = parse_arguments(argv, __file__, __doc__, 1000.0)
    seed(11)
    network, monitors = build()
    network.run(args.duration)
    mean_theory = N_SOURCES * RATE * WEIGHT * TAU / mV
    std_theory = float(np.sqrt(N_SOURCES * RATE * TAU / 2) * WEIGHT / mV)
    print(f"Campbell's theorem: mean {mean_theory:.2f} mV, standard deviation {std_theory:.2f} mV")
    summary = {"theory": (mean_theory, std_theory)}
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(8, 3))
    for monitor in monitors:
        settled = monitor.t > 5 * TAU  # after the rise from v = 0
        v = monitor.v[:, settled] / mV
        summary[monitor.source.name] = (float(v.mean()), float(v.std(axis=1).mean()))
        print(f"{monitor.source.name:18}: mean {v.mean():.2f} mV, "
              f"standard deviation {v.std(axis=1).mean():.2f} mV")
        ax.plot(monitor.t / ms, monitor.v[0] / mV, lw=0.8, label=monitor.source.name)
    ax.axhline(mean_theory, color="k", ls=":", lw=1)
    ax.set_xlabel("time (ms)")
    ax.set_ylabel("v (mV)")
    ax.legend()
    save(fig, args.figure)
    return summary


if __name__ == "__main__":
    main(sys.argv[1:])
