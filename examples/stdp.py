"""Spike-timing-dependent plasticity: Song, Miller and Abbott (2000).

One conductance-based integrate-and-fire neuron receives 1000 excitatory Poisson inputs at
15 Hz through plastic synapses with additive STDP, as in Brian2's example
``synapses/STDP``. Over the 100 s the script simulates by default, the weights split into two
groups, near zero and near the maximum (the paper's figure 1). Prints the weight statistics and the output rate; saves the
weight histogram and the weights against the input index.

Run: ``python examples/stdp.py [--duration MS]`` (100 s take about 7 s compiled)
"""
import sys

import numpy as np

from eqsim import (Hz, NeuronGroup, Network, PoissonGroup, SpikeMonitor, Synapses, mV, ms,
                   seed)
from eqsim.plotting import weights

from example_args import parse_arguments, save

N_INPUTS = 1000
TAUM, TAUE = 10 * ms, 5 * ms
EL, VT, VR, EE = -74 * mV, -54 * mV, -60 * mV, 0 * mV
TAUPRE = TAUPOST = 20 * ms
GMAX, DAPRE = 0.01, 0.01
DAPOST = -DAPRE * TAUPRE / TAUPOST * 1.05

NEURON = """
dv/dt = (ge * (EE - v) + EL - v) / TAUM : volt
dge/dt = -ge / TAUE : 1
"""
SYNAPSE = """
w : 1
dApre/dt = -Apre / TAUPRE : 1 (event-driven)
dApost/dt = -Apost / TAUPOST : 1 (event-driven)
"""


def build():
    inputs = PoissonGroup(N_INPUTS, rates=15 * Hz)
    neuron = NeuronGroup(1, NEURON, threshold="v > VT", reset="v = VR", method="euler")
    neuron.v = EL
    plastic = Synapses(inputs, neuron, SYNAPSE,
                       on_pre="""ge += w
                                 Apre += DAPRE * GMAX
                                 w = clip(w + Apost, 0, GMAX)""",
                       on_post="""Apost += DAPOST * GMAX
                                  w = clip(w + Apre, 0, GMAX)""")
    plastic.connect()
    plastic.w = "rand() * GMAX"
    output = SpikeMonitor(neuron)
    return Network(inputs, neuron, plastic, output), plastic, output


def main(argv):
    args = parse_arguments(argv, __file__, __doc__, 100000.0)
    seed(2000)
    network, plastic, output = build()
    initial = np.array(plastic.w[:])
    network.run(args.duration)
    final = np.array(plastic.w[:]) / GMAX
    low, high = np.mean(final < 0.2), np.mean(final > 0.8)
    print(f"STDP, {N_INPUTS} inputs, {args.duration / ms:g} ms: output rate "
          f"{output.num_spikes / (args.duration / ms) * 1000:.1f} Hz, mean weight "
          f"{final.mean():.3f} gmax (initially {initial.mean() / GMAX:.3f}), "
          f"{low:.0%} below 0.2 gmax, {high:.0%} above 0.8 gmax")
    import matplotlib.pyplot as plt
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5))
    weights(plastic, ax=left)
    weights(plastic, kind="index", ax=right)
    save(fig, args.figure)
    return {"initial": initial / GMAX, "final": final, "output_spikes": int(output.num_spikes)}


if __name__ == "__main__":
    main(sys.argv[1:])
