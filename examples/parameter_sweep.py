"""A parameter sweep with store() and restore(): build the network once, run it many times.

A LIF neuron receives 100 Poisson inputs (Brian2's fourth tutorial). To see how its rate
depends on the membrane time constant without the noise of new input spikes in every run, the
input spikes are recorded once and replayed by a ``SpikeGeneratorGroup``; the network is built
once, ``store()``d, and for each time constant ``restore()``d and run again. Prints the rate for
each time constant (it grows with tau); saves the curve.

Run: ``python examples/parameter_sweep.py [--duration MS] [--points 10]``
"""
import sys

import numpy as np

from eqsim import (Hz, Network, NeuronGroup, PoissonGroup, SpikeGeneratorGroup, SpikeMonitor,
                   Synapses, ms, seed)

from example_args import parse_arguments, save

N_INPUTS, INPUT_RATE, WEIGHT = 100, 10 * Hz, 0.1


def options(parser):
    parser.add_argument("--points", type=int, default=10, help="time constants (default 10)")


def main(argv):
    args = parse_arguments(argv, __file__, __doc__, 1000.0, options)
    seed(4)
    poisson = PoissonGroup(N_INPUTS, rates=INPUT_RATE)
    recorded = SpikeMonitor(poisson)
    Network(poisson, recorded).run(args.duration)
    replay = SpikeGeneratorGroup(N_INPUTS, recorded.i, recorded.t)
    neuron = NeuronGroup(1, "dv/dt = -v/tau : 1\ntau : second", threshold="v > 1", reset="v = 0",
                         method="exact")
    synapses = Synapses(replay, neuron, on_pre="v += WEIGHT")
    synapses.connect()
    output = SpikeMonitor(neuron)
    network = Network(replay, neuron, synapses, output)
    network.store()
    taus = np.linspace(1, 10, args.points) * ms
    rates = []
    for tau in taus:
        network.restore()  # t = 0, v = 0, no recorded output: the same starting point
        neuron.tau = tau
        network.run(args.duration)
        rates.append(output.num_spikes / (args.duration / ms) * 1000)
    print(f"store/restore sweep, {len(recorded.t)} replayed input spikes, "
          f"{args.duration / ms:g} ms per run:")
    for tau, rate in zip(taus, rates):
        print(f"  tau = {tau / ms:5.2f} ms: {rate:6.1f} Hz")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.plot(taus / ms, rates, "o-")
    ax.set_xlabel("tau (ms)")
    ax.set_ylabel("firing rate (Hz)")
    save(fig, args.figure)
    return {"taus_ms": np.asarray(taus / ms), "rates_hz": np.array(rates)}


if __name__ == "__main__":
    main(sys.argv[1:])
