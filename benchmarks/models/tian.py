"""``tian``: the E/I net of Tian et al. (2020) from the seeds (004), with units.

10,000 LIF neurons (8000 E with tau 15 ms, 2000 I with tau 10 ms), V in mV, threshold 15 mV,
reset 0 mV, no refractoriness, initial V uniform in [0, 15) mV. Each population integrates two
synaptic traces per postsynaptic neuron, ``s_E`` (tau 6 ms) and ``s_I`` (tau 5 ms), which
jump by 1 per presynaptic spike and enter the membrane equation with weights J (mV):
J_EE 0.25, J_EI -1, J_IE 0.4, J_II -1. Constant input f * sqrt(num) * mu_f with f_E = 3,
f_I = 2, mu_f = 0.1 and num = 10,000 (30 mV / 20 mV; kept at every scale). p = 0.25 for all
four projections (25 M synapses), no delay, forward Euler as BrainPy's ``odeint`` default,
dt 0.1 ms, 100 ms.
"""
import math

from . import Model

DESCRIPTION = "Tian et al. 2020 E/I net: 10,000 LIF, p=0.25 (25 M synapses)"
VARIANTS = {"tian": 1}
DURATION = 0.1
QUICK_DURATION = 0.02
REQUIRES = ("NeuronGroup", "Synapses", "SpikeMonitor")
#: peers that run it (runners/run_annarchy.py, run_nest.py: NEST's iaf_psc_exp, one
#: synaptic time constant per sign as here, integrated exactly instead of forward Euler)
PEERS = {"annarchy": tuple(VARIANTS), "nest": tuple(VARIANTS)}

# one equation string for both populations; tau, J_E, J_I and I_ext come from each
# population's namespace
EQUATIONS = """
dV/dt = (-V + J_E*s_E + J_I*s_I + I_ext) / tau : volt
ds_E/dt = -s_E / tau_Es : 1
ds_I/dt = -s_I / tau_Is : 1
"""
NUM = 10_000


def parameters(b, population):
    """Constants of the model strings for population 'E' or 'I'."""
    common = dict(V_th=15 * b.mV, V_reset=0 * b.mV, tau_Es=6 * b.ms, tau_Is=5 * b.ms)
    drive = math.sqrt(NUM) * 0.1
    if population == "E":
        return dict(common, tau=15 * b.ms, J_E=0.25 * b.mV, J_I=-1 * b.mV,
                    I_ext=3 * drive * b.mV)
    return dict(common, tau=10 * b.ms, J_E=0.4 * b.mV, J_I=-1 * b.mV, I_ext=2 * drive * b.mV)


def build(b, scale=1.0, procedural=False):
    """The network at ``scale`` times 10,000 neurons (p stays 0.25); ``procedural``
    regenerates each spike's targets instead of storing synapses (eqsim only)."""
    b.defaultclock.dt = 0.1 * b.ms
    b.seed(2024)
    n_inh = round(NUM * scale * 0.2)
    n_exc = round(NUM * scale) - n_inh
    groups = {}
    for name, size in (("E", n_exc), ("I", n_inh)):
        group = b.NeuronGroup(size, EQUATIONS, threshold="V >= V_th", reset="V = V_reset",
                              method="euler", namespace=parameters(b, name), name=name)
        group.V = "rand() * 15*mV"
        groups[name] = group
    projections = []
    for pre in ("E", "I"):
        for post in ("E", "I"):
            # delay=0*ms makes the (zero) delay one shared value instead of one per synapse
            syn = b.Synapses(groups[pre], groups[post], on_pre=f"s_{pre}_post += 1",
                             delay=0 * b.ms, name=f"{pre}2{post}")
            if procedural:
                syn.connect(p=0.25, procedural=True)
            else:
                syn.connect(p=0.25)
            projections.append((syn, pre))
    monitors = {name: b.SpikeMonitor(group, name=f"spikes_{name}")
                for name, group in groups.items()}
    return Model(objects=[*groups.values(), *(s for s, _ in projections), *monitors.values()],
                 populations={"E": (monitors["E"], n_exc), "I": (monitors["I"], n_inh)},
                 pathways=projections)
