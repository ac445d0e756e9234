"""Seed 004 as a BrainPy user writes it: the E/I balanced network of Tian et al. (2020),
"Excitation-Inhibition Balanced Neural Networks for Fast Signal Detection", Front. Comput.
Neurosci. 14:79, with eqsim's ready models and projections.

10,000 LIF neurons (80 % excitatory), every pair connected with probability 0.25 (about
25 million synapses), exponential current synapses, a constant input scaled by sqrt(N);
100 ms. As in the seed, the model is unitless in BrainPy: its numbers are read as mV, ms
and nA (R = 1 Mohm), integrated with Euler's method (BrainPy's ``odeint`` default), and a
spike changes the target's current from the next step on. A progress report is printed
during the run, and the populations' mean rates as a JSON line at the end.

Run: ``python examples/tian2020.py [--num N] [--duration MS] [--procedural] [--target numpy]``
(or the environment variable TIAN2020_NUM). ``--procedural`` regenerates the connections at
each spike instead of storing them: memory independent of the 25 M synapses, the same
connections.
"""
import argparse
import json
import math
import os
import time

from eqsim import Network, SpikeMonitor, ms, nA, prefs, second, seed
from eqsim.models import CUBA, LIF, Expon, FixedProb, IJConn, Projection, Uniform

# the seed's parameters
prob = 0.25
tau_E, tau_I = 15., 10.
V_reset, V_threshold = 0., 15.
f_E, f_I, mu_f = 3., 2., 0.1
tau_Es, tau_Is = 6., 5.
JEE, JEI, JIE, JII = 0.25, -1., 0.4, -1.


FULL_SIZE = 10000


def build(num, procedural, connections=None):
    """The network of seed 004 with ``num`` neurons: (E, I, projections). Below the
    seed's 10,000 neurons the weights grow by 10,000/num and the input keeps its
    full-size value, so that the mean inputs stay those of the full network.
    ``connections`` ({projection name: (i, j)}) replaces the random connectivity with
    given pairs (tests/reference feeds BrainPy's to compare spike for spike)."""
    scale = FULL_SIZE / num
    num_inh = int(num * 0.2)
    num_exc = num - num_inh

    def lif(size, tau, name):
        return LIF(size, V_rest=0., V_reset=V_reset, V_th=V_threshold, tau=tau, R=1.,
                   V_initializer=Uniform(V_reset, V_threshold), method="euler", name=name)

    E = lif(num_exc, tau_E, "E")
    I = lif(num_inh, tau_I, "I")

    def syn(pre, post, tau, g_max, name):
        comm = (FixedProb(prob, weight=g_max * scale, procedural=procedural)
                if connections is None else IJConn(*connections[name], weight=g_max * scale))
        return Projection(pre, post, comm,
                          syn=Expon(tau=tau), out=CUBA(), name=name)

    projections = [syn(E, I, tau_Es, JIE, "E2I"), syn(E, E, tau_Es, JEE, "E2E"),
                   syn(I, I, tau_Is, JII, "I2I"), syn(I, E, tau_Is, JEI, "I2E")]
    E.I = f_E * math.sqrt(num * scale) * mu_f * nA
    I.I = f_I * math.sqrt(num * scale) * mu_f * nA
    return E, I, projections


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--num", type=int,
                        default=int(os.environ.get("TIAN2020_NUM", FULL_SIZE)))
    parser.add_argument("--duration", type=float, default=100.0, help="ms")
    parser.add_argument("--procedural", action="store_true")
    parser.add_argument("--target", default=None, choices=("cython", "numpy"))
    args = parser.parse_args(argv)
    if args.target:
        prefs.codegen.target = args.target
    seed(2020)
    E, I, projections = build(args.num, args.procedural)
    spikes_E, spikes_I = SpikeMonitor(E), SpikeMonitor(I)
    started = time.perf_counter()
    Network(E, I, spikes_E, spikes_I).run(args.duration * ms, report="text",
                                          report_period=1 * second)
    elapsed = time.perf_counter() - started
    seconds = args.duration / 1000
    print(f"Tian 2020 E/I network: {args.num} neurons, "
          f"{sum(len(p.synapses) for p in projections)} synapses "
          f"({'procedural' if args.procedural else 'stored'}), {args.duration:g} ms in "
          f"{elapsed:.2f} s ({prefs.codegen.target} target)")
    print(json.dumps({"rate_E_hz": round(spikes_E.num_spikes / len(E) / seconds, 3),
                      "rate_I_hz": round(spikes_I.num_spikes / len(I) / seconds, 3)}))


if __name__ == "__main__":
    main()
