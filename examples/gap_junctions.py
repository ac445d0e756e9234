"""Gap junctions: electrically coupled neurons synchronise.

Ten identical neurons start at membrane potentials from 0 to 1, so they fire at the same rate
but out of phase. Coupled all to all through gap junctions, a current w*(v_pre - v_post) summed
into each neuron (Brian2's example ``synapses/gapjunctions``, whose numbers eqsim reproduces),
they slow down and lock into a wave: one neuron after the other at equal intervals. Prints the
rates and the intervals between successive neurons' spikes with and without coupling; saves the
membrane potentials of two neurons.

Run: ``python examples/gap_junctions.py [--duration MS] [--weight 0.02]``
"""
import sys

import numpy as np

from eqsim import NeuronGroup, Network, SpikeMonitor, StateMonitor, Synapses, ms, start_scope
from eqsim.plotting import traces

from example_args import parse_arguments, save

N, TAU, V0 = 10, 10 * ms, 1.05
NEURON = """
dv/dt = (V0 - v + Igap) / TAU : 1
Igap : 1 # gap junction current
"""


def options(parser):
    parser.add_argument("--weight", type=float, default=0.02, help="coupling strength (default 0.02)")


def simulate(weight, duration):
    """The rate (Hz), the intervals between successive neurons' last spikes (ms) and the
    voltage monitor for one coupling strength."""
    start_scope()
    neurons = NeuronGroup(N, NEURON, threshold="v > 1", reset="v = 0", method="exact")
    neurons.v = "i * 1.0 / (N - 1)"
    gap = Synapses(neurons, neurons, "w : 1\nIgap_post = w * (v_pre - v_post) : 1 (summed)")
    gap.connect()
    gap.w = weight
    spikes, voltages = SpikeMonitor(neurons), StateMonitor(neurons, "v", record=[0, 5])
    Network(neurons, gap, spikes, voltages).run(duration)
    last = np.sort([times[-1] / ms for times in spikes.spike_trains().values()])
    rate = spikes.num_spikes / N / (duration / ms) * 1000
    return rate, np.diff(last), voltages


def main(argv):
    args = parse_arguments(argv, __file__, __doc__, 500.0, options)
    print(f"gap junctions, {N} neurons, {args.duration / ms:g} ms")
    result = {}
    for label, weight in (("uncoupled", 0.0), ("coupled", args.weight)):
        rate, intervals, voltages = simulate(weight, args.duration)
        result[label] = {"rate_hz": rate, "intervals_ms": intervals}
        print(f"  {label:9} (w = {weight:g}): {rate:.1f} Hz, intervals between successive "
              f"neurons {intervals.min():.1f} to {intervals.max():.1f} ms")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(8, 3))
    traces(voltages, ax=ax)
    ax.set_title(f"neurons 0 and 5, coupled with w = {args.weight:g}")
    save(fig, args.figure)
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
