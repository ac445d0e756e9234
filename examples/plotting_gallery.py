"""Every view of eqsim.plotting on one small network, in one figure.

An excitatory-inhibitory network of 200 LIF neurons (160 E, 40 I) with random connections
and noisy input. The figure shows ``raster`` with the two populations in colours, ``traces``
of three membrane potentials, ``rates`` of the population rate smoothed over 5 ms,
``connectivity`` of the E to I synapses as a count matrix, ``weights`` of their random weights
and ``isi_cv`` of the neurons' irregularity. Each function draws into the Axes it is given
(``ax=``) and labels the axes in the data's unit. Prints what each panel shows.

Run: ``python examples/plotting_gallery.py [--duration MS]``
"""
import sys

from eqsim import (Network, NeuronGroup, PopulationRateMonitor, SpikeMonitor, StateMonitor,
                   Synapses, mV, ms, seed)
from eqsim.plotting import connectivity, isi_cv, raster, rates, traces, weights

from example_args import parse_arguments, save

NEURON = "dv/dt = (14*mV - v)/(10*ms) + 5*mV*xi/sqrt(10*ms) : volt (unless refractory)"


def build():
    neurons = NeuronGroup(200, NEURON, threshold="v > 10*mV", reset="v = 0*mV",
                          refractory=2 * ms, method="euler", name="neurons")
    neurons.v = "rand()*10*mV"
    exc, inh = neurons[:160], neurons[160:]
    e_to_all = Synapses(exc, neurons, "w : volt", on_pre="v += w", name="e_to_all")
    e_to_all.connect(p=0.1)
    e_to_all.w = "rand()*0.5*mV"
    i_to_all = Synapses(inh, neurons, on_pre="v -= 1*mV", name="i_to_all")
    i_to_all.connect(p=0.1)
    spikes, rate = SpikeMonitor(neurons), PopulationRateMonitor(neurons)
    voltages = StateMonitor(neurons, "v", record=[0, 1, 170])
    network = Network(neurons, e_to_all, i_to_all, spikes, rate, voltages)
    return network, {"spikes": spikes, "rate": rate, "voltages": voltages, "exc": exc,
                     "inh": inh, "synapses": e_to_all}


def main(argv):
    args = parse_arguments(argv, __file__, __doc__, 500.0)
    seed(8)
    network, parts = build()
    network.run(args.duration)
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(2, 3, figsize=(13, 6))
    raster(parts["spikes"], populations={"E": parts["exc"], "I": parts["inh"]}, ax=axes[0, 0])
    traces(parts["voltages"], ax=axes[0, 1])
    rates(parts["rate"], smooth=5 * ms, ax=axes[0, 2])
    connectivity(parts["synapses"], kind="matrix", ax=axes[1, 0])
    weights(parts["synapses"], ax=axes[1, 1])
    isi_cv(parts["spikes"], ax=axes[1, 2])
    print(f"plotting gallery, {args.duration / ms:g} ms: raster of {parts['spikes'].num_spikes} "
          f"spikes, traces of 3 neurons, the population rate, "
          f"{len(parts['synapses'])} E synapses as a matrix and a weight histogram, ISI CVs")
    save(fig, args.figure)
    return {"panels": sum(1 for ax in axes.flat if ax.has_data()), "spikes": int(parts["spikes"].num_spikes)}


if __name__ == "__main__":
    main(sys.argv[1:])
