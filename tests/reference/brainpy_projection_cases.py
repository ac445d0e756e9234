"""Small E/I networks built with BrainPy's projection API and with eqsim.models, on the
same explicit connectivity and initial voltages (drawn here with NumPy), so spikes can be
compared one for one. Shared by the generator (BrainPy) and the test (eqsim)."""
import numpy as np

NE, NI, P, STEPS, DT_MS = 320, 80, 0.1, 2000, 0.1
# refractory period per case: the seed's 5 ms (a multiple of dt, where BrainPy's float
# comparison decides spike by spike) and one that is not
TAU_REF = {"expon_coba": 5.0, "dualexp_alpha_cuba_mgblock": 4.95, "receptors": 4.95}

# projection: (pre, post, synapse (name, params), output (name, params), weight)
CASES = {
    "expon_coba": {  # seed 000's network, smaller and with stored connectivity
        "E2E": ("E", "E", ("Expon", {"tau": 5.}), ("COBA", {"E": 0.}), 0.6),
        "E2I": ("E", "I", ("Expon", {"tau": 5.}), ("COBA", {"E": 0.}), 0.6),
        "I2E": ("I", "E", ("Expon", {"tau": 10.}), ("COBA", {"E": -80.}), 6.7),
        "I2I": ("I", "I", ("Expon", {"tau": 10.}), ("COBA", {"E": -80.}), 6.7),
    },
    "dualexp_alpha_cuba_mgblock": {
        "E2E": ("E", "E", ("DualExpon", {"tau_decay": 5., "tau_rise": 1.}), ("CUBA", {}), 2.0),
        "E2I": ("E", "I", ("Alpha", {"tau_decay": 3.}), ("MgBlock", {"E": 0.}), 0.8),
        "I2E": ("I", "E", ("DualExpon", {"tau_decay": 10., "tau_rise": 2.}), ("COBA", {"E": -80.}), 5.0),
        "I2I": ("I", "I", ("Expon", {"tau": 10.}), ("CUBA", {}), -8.0),
    },
    # pre-aligned, saturating: BrainPy's AMPA, GABAa and NMDA. Release durations T_dur off
    # the dt grid: at a multiple of dt BrainPy's comparison t - t_arrival < T_dur is decided
    # by rounding in XLA's fused arithmetic, step by step (as tau_ref, see TAU_REF)
    "receptors": {
        "E2E": ("E", "E", ("AMPA", {"T_dur": 0.45}), ("COBA", {"E": 0.}), 0.4),
        "E2I": ("E", "I", ("NMDA", {}), ("MgBlock", {"E": 0.}), 0.5),
        "I2E": ("I", "E", ("GABAa", {"T_dur": 0.95}), ("COBA", {"E": -80.}), 30.0),
        "I2I": ("I", "I", ("GABAa", {"T_dur": 0.55, "alpha": 0.6}), ("COBA", {"E": -80.}), 15.0),
    },
}


def network_inputs(seed=3):
    """Connectivity (i, j per projection) and initial voltages, from NumPy's generator."""
    rng = np.random.default_rng(seed)
    sizes = {"E": NE, "I": NI}
    pairs = {}
    for name, (pre, post) in {"E2E": "EE", "E2I": "EI", "I2E": "IE", "I2I": "II"}.items():
        i, j = np.nonzero(rng.random((sizes[pre], sizes[post])) < P)
        pairs[name] = (i, j)
    return pairs, rng.normal(-55, 2, NE), rng.normal(-55, 2, NI)
