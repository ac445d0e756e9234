"""Seed 001 (BrainPy's ``brainpy.synapses.DualExponential`` documentation) and its
variants, shared by the BrainPy generator (make_brainpy_dualexp_reference.py) and the eqsim
example (examples/dual_exponential.py): two LIF groups with BrainPy's default parameters,
a constant input to the presynaptic one, a DualExponential synapse with CUBA or COBA output,
with or without STP, dense or sparse computation, and an explicit connectivity.

``seed`` is the documentation's own network (one neuron each, All2All, CUBA, input 25,
150 ms); the others use small groups, so connectivity, per-neuron STP state and the
delay matter.
"""
import numpy as np

DT_MS, DURATION_MS = 0.1, 150.0
STEPS = int(round(DURATION_MS / DT_MS))
N_PRE, N_POST = 4, 3
# presynaptic inputs (nA): the seed's 25 and different rates for the variants
PRE_INPUT = [25.0, 22.0, 30.0, 40.0]
STP_PARAMS = {"U": 0.2, "tau_f": 50.0, "tau_d": 100.0}
# i -> j pairs of the variants (every post neuron reached, not all pairs)
PAIRS = (np.array([0, 0, 1, 2, 2, 3, 3]), np.array([0, 2, 1, 0, 1, 1, 2]))

# name: (n_pre, n_post, output (name, params), stp params or None, comp_method,
#        connectivity 'all2all' | 'pairs', g_max, delay_step or None)
# (BrainPy 2.9's brainpy.synapses ignored delay_step in our runs: its spikes arrived in the
# next step for delay_step=2 and 3 as for None, so the cases leave it out)
CASES = {
    "seed": (1, 1, ("CUBA", {}), None, "dense", "all2all", 1.0, None),
    "cuba_stp_dense": (N_PRE, N_POST, ("CUBA", {}), STP_PARAMS, "dense", "pairs", 150.0, None),
    "cuba_stp_sparse": (N_PRE, N_POST, ("CUBA", {}), STP_PARAMS, "sparse", "pairs", 150.0, None),
    "coba_dense": (N_PRE, N_POST, ("COBA", {"E": 60.0}), None, "dense", "pairs", 0.25, None),
    "coba_stp_sparse": (N_PRE, N_POST, ("COBA", {"E": 60.0}), STP_PARAMS, "sparse",
                        "pairs", 2.0, None),
}
