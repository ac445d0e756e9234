"""Spike trains for the plasticity rules, shared by the Brian2 generator
(``make_brian2_plasticity_reference.py``) and ``tests/models/test_plasticity.py``.

Synapse k connects presynaptic neuron k to postsynaptic neuron k; both spike at given
times on the 0.1 ms grid (pre and post in the same step in some pairs). Times in ms.
"""
import numpy as np

DT_MS = 0.1
DURATION_MS = 400.0
N_PAIRS = 6
W_START = 0.5


def trains():
    """``(pre_i, pre_t, post_i, post_t)``: neuron indices and spike times (ms), on the grid."""
    rng = np.random.default_rng(1311)
    pre_i, pre_t, post_i, post_t = [], [], [], []
    for k in range(N_PAIRS):
        rate = 20 + 10 * k  # Hz
        for indices, times in ((pre_i, pre_t), (post_i, post_t)):
            n = rng.poisson(rate * DURATION_MS / 1000)
            steps = np.unique(rng.integers(10, int(DURATION_MS / DT_MS) - 10, n))
            indices.extend([k] * steps.size)
            times.extend(steps * DT_MS)
    # pair 0: pre and post in the same step, twice (the pre pathway counts first)
    pre_i += [0, 0]; pre_t += [395.0, 397.0]; post_i += [0, 0]; post_t += [395.0, 397.0]
    return tuple(np.asarray(a) for a in (pre_i, pre_t, post_i, post_t))


# rule name -> parameters (amplitudes large enough to move weights by percent)
PAIR = dict(taupre=20.0, taupost=25.0, Apre=0.02, Apost=-0.021, wmax=1.0)
TRIPLET = dict(tau_plus=16.8, tau_minus=33.7, tau_x=101.0, tau_y=125.0, A2p=5e-3, A3p=6.2e-3,
               A2m=7e-3, A3m=2.3e-3, wmax=1.0)
RULES = ("pair_additive", "pair_multiplicative", "triplet_all", "triplet_nearest")
