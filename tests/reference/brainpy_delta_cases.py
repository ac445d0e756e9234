"""Delta (voltage-jump) projections, BrainPy's ``FullProjDelta``: a presynaptic spike adds
the weight straight to the target's ``V``. Small and deterministic: regularly firing LifRef
sources (their phases set by the initial voltages) onto LifRef targets (refractory: the
jumps that arrive during ``tau_ref`` are lost) and Lif targets (no refractoriness), with
explicit connectivity and weights. Shared by the generator (BrainPy) and the test (eqsim)."""
import numpy as np

N_PRE, N_POST, STEPS, DT_MS = 20, 8, 400, 0.1
# case: (target model, delay in ms, tau_ref of the targets in ms); BrainPy's delay steps are
# ceil(delay/dt) in float ms: 0.3/0.1 = 2.9999999999999996 is 3 steps
CASES = {"lifref_delay_0.1": ("LifRef", 0.1, 2.05), "lifref_delay_0.5": ("LifRef", 0.5, 2.05),
         "lifref_delay_0.3": ("LifRef", 0.3, 2.05), "lif_delay_0.1": ("Lif", 0.1, None)}
PRE = dict(V_rest=-60., V_th=-50., V_reset=-60., tau=20., tau_ref=1.0)
POST = dict(V_rest=-60., V_th=-50., V_reset=-65., tau=10.)
PRE_INPUT, POST_INPUT = 40.0, 8.0
WEIGHT = 1.3  # mV per spike


def network_inputs(seed=11):
    """Connections (i, j) and initial voltages of both groups."""
    rng = np.random.default_rng(seed)
    i, j = np.nonzero(rng.random((N_PRE, N_POST)) < 0.4)
    return i, j, rng.uniform(-60, -50, N_PRE), rng.uniform(-62, -52, N_POST)
