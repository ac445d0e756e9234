"""Seed 001 as a BrainPy user writes it: the ``brainpy.synapses.DualExponential``
documentation example (a LIF neuron driven by a constant input of 25, a dual exponential
synapse with CUBA output onto a second LIF neuron, 150 ms), and its variants: COBA output,
short-term plasticity (``stp=STP(...)``), dense and sparse computation, on small groups
with explicit connectivity.

BrainPy's plain numbers (mV, ms, nA, uS) carry over unchanged. Prints a short summary per
network and, as its last line, one JSON line: per network the presynaptic and postsynaptic
spike counts, the peak synaptic variable ``g`` of the postsynaptic neurons (nA for CUBA, uS
for COBA) and their final ``V`` (mV).

Run: ``python examples/dual_exponential.py [--target numpy]``
"""
import json
import sys

import numpy as np

from eqsim import Network, SpikeMonitor, StateMonitor, ms, nA, prefs
from eqsim.models import COBA, CUBA, LIF, STP, All2All, DualExponential, IJConn

STP_PARAMS = dict(U=0.2, tau_f=50., tau_d=100.)
PRE_INPUT = [25., 22., 30., 40.]  # nA, one per presynaptic neuron
PAIRS = ([0, 0, 1, 2, 2, 3, 3], [0, 2, 1, 0, 1, 1, 2])

# name: (output, stp, comp_method, g_max); "seed" is BrainPy's documentation example
NETWORKS = {
    "seed": (CUBA(), None, "dense", 1.0),
    "cuba_stp_dense": (CUBA(), STP_PARAMS, "dense", 150.0),
    "cuba_stp_sparse": (CUBA(), STP_PARAMS, "sparse", 150.0),
    "coba_dense": (COBA(E=60.), None, "dense", 0.25),
    "coba_stp_sparse": (COBA(E=60.), STP_PARAMS, "sparse", 2.0),
}


def simulate(name, output, stp, comp_method, g_max, duration=150 * ms):
    """One network; returns its summary numbers."""
    if name == "seed":  # as in BrainPy's documentation
        neu1, neu2 = LIF(1, name="neu1"), LIF(1, name="neu2")
        conn = All2All()
    else:
        neu1, neu2 = LIF(4, name="neu1"), LIF(3, name="neu2")
        conn = IJConn(i=PAIRS[0], j=PAIRS[1])
    syn1 = DualExponential(neu1, neu2, conn, output=output,
                           stp=None if stp is None else STP(**stp),
                           comp_method=comp_method, g_max=g_max, name="syn1")
    neu1.I = np.array(PRE_INPUT[:neu1.N]) * nA  # BrainPy's inputs=[('pre.input', 25.)]
    unit = 1e-9 if isinstance(output, CUBA) else 1e-6
    g = StateMonitor(neu2, "g_syn1", record=True, name="g")
    spikes1, spikes2 = SpikeMonitor(neu1, name="s1"), SpikeMonitor(neu2, name="s2")
    Network(neu1, neu2, g, spikes1, spikes2).run(duration)
    return {"pre_spikes": int(spikes1.num_spikes), "post_spikes": int(spikes2.num_spikes),
            "g_peak": float(np.max(np.asarray(g.g_syn1)) / unit),
            "post_V_end_mV": [float(v) / 1e-3 for v in np.asarray(neu2.V)]}, syn1


def main(argv):
    if "--target" in argv:
        prefs.codegen.target = argv[argv.index("--target") + 1]
    results = {}
    for name, (output, stp, comp_method, g_max) in NETWORKS.items():
        results[name], projection = simulate(name, output, stp, comp_method, g_max)
        r = results[name]
        print(f"{name:16s} {type(projection.out).__name__}, "
              f"{'STP' if stp else 'no STP'}, {comp_method}: pre {r['pre_spikes']:3d} spikes, "
              f"post {r['post_spikes']:3d} spikes, peak g {r['g_peak']:.4g}")
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv)
