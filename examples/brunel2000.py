"""Brunel (2000): a sparse network of excitatory and inhibitory LIF neurons with delays.

Model A of Brunel, J Comput Neurosci 8:183 (2000), as in Brian2's example
``frompapers/Brunel_2000``: 80% excitatory, 20% inhibitory neurons, each receiving C_E = 10% of
the excitatory and C_I of the inhibitory neurons (fixed in-degree), synaptic efficacy J,
relative inhibition g, a 1.5 ms delay, and external Poisson input at eta times the threshold
rate. With g = 5 and eta = 2 the network fires irregularly (CV of the inter-spike intervals
near 1: the paper's asynchronous irregular regime); g = 3 synchronises it. Networks smaller than
the paper's keep its mean drive J*C_E = 100 mV. Prints the mean rate and the CV of the
inter-spike intervals; saves a raster and the population rate.

Run: ``python examples/brunel2000.py [--neurons 5000] [--g 5] [--eta 2] [--duration MS]``
"""
import sys

from eqsim import (NeuronGroup, Network, PoissonInput, PopulationRateMonitor, SpikeMonitor,
                   Synapses, mV, ms, seed)
from eqsim.plotting import isi_cv_values, raster, rates

from example_args import parse_arguments, save

TAU, THETA, V_RESET, T_REF, DELAY = 20 * ms, 20 * mV, 10 * mV, 2 * ms, 1.5 * ms
# the paper: C_E = 1000 inputs of J = 0.1 mV; smaller networks keep J*C_E (the mean drive)
J_TIMES_C_E = 100 * mV


def options(parser):
    parser.add_argument("--neurons", type=int, default=5000, help="network size (default 5000)")
    parser.add_argument("--g", type=float, default=5.0, help="relative inhibition (default 5)")
    parser.add_argument("--eta", type=float, default=2.0,
                        help="external rate over the threshold rate (default 2)")


def build(n_neurons, g, eta):
    """The network, its spike monitor and its rate monitor."""
    n_exc = int(0.8 * n_neurons)
    c_exc, c_inh = max(1, n_exc // 10), max(1, (n_neurons - n_exc) // 10)
    J = J_TIMES_C_E / c_exc
    nu_threshold = THETA / (J * c_exc * TAU)
    neurons = NeuronGroup(n_neurons, "dv/dt = -v/TAU : volt (unless refractory)",
                          threshold="v > THETA", reset="v = V_RESET", refractory=T_REF,
                          method="exact", name="brunel")
    excitatory = Synapses(neurons[:n_exc], neurons, on_pre="v += J", delay=DELAY,
                          namespace={"J": J})
    excitatory.connect(i=f"k for k in sample({n_exc}, size={c_exc})")  # fixed in-degree C_E
    inhibitory = Synapses(neurons[n_exc:], neurons, on_pre="v -= g*J",
                          delay=DELAY, namespace={"g": g, "J": J})
    inhibitory.connect(i=f"k for k in sample({n_neurons - n_exc}, size={c_inh})")
    external = PoissonInput(neurons, "v", c_exc, eta * nu_threshold, weight=J)
    spikes, rate = SpikeMonitor(neurons), PopulationRateMonitor(neurons)
    return Network(neurons, excitatory, inhibitory, external, spikes, rate), spikes, rate


def main(argv):
    args = parse_arguments(argv, __file__, __doc__, 300.0, options)
    seed(2000)
    network, spikes, rate = build(args.neurons, args.g, args.eta)
    network.run(args.duration)
    mean_rate = spikes.num_spikes / args.neurons / (args.duration / ms) * 1000
    _, cvs = isi_cv_values(spikes)
    print(f"Brunel 2000, {args.neurons} neurons, g = {args.g:g}, eta = {args.eta:g}: "
          f"mean rate {mean_rate:.2f} Hz, mean CV of ISIs {cvs.mean():.2f} "
          f"({len(cvs)} neurons with 3 spikes or more)")
    import matplotlib.pyplot as plt
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 5), sharex=True)
    raster(spikes, ax=top)
    rates(rate, smooth=1 * ms, ax=bottom)
    save(fig, args.figure)
    return {"rate_hz": mean_rate, "cv": float(cvs.mean()) if len(cvs) else 0.0}


if __name__ == "__main__":
    main(sys.argv[1:])
