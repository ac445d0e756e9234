"""``stdp``: Song, Miller & Abbott (2000), as in Brian2's ``STDP`` example.

1000 Poisson inputs at 15 Hz onto one conductance-based LIF neuron through synapses with
additive, clipped STDP (tau_pre = tau_post = 20 ms, dApre = 0.01 gmax,
dApost = -1.05 dApre, gmax = 0.01), initial weights uniform in [0, gmax), forward Euler,
dt 0.1 ms, 100 s. The neuron starts at El (the example leaves v at 0 V, an immediate spike).
"""
from . import Model

DESCRIPTION = "Song, Miller & Abbott 2000 STDP: 1000 Poisson inputs -> 1 neuron"
VARIANTS = {"stdp": 1}
DURATION = 100.0
QUICK_DURATION = 5.0
REQUIRES = ("NeuronGroup", "Synapses", "SpikeMonitor", "PoissonGroup")
# NEST's stdp_synapse parametrises the clipped additive rule differently and needs parrot
# neurons behind its Poisson generators; ANNarchy would need the rule in its syntax
NOT_ON_PEERS = "no translation yet (event-driven traces, clipped additive STDP)"

NEURON_EQUATIONS = """
dv/dt = (ge * (Ee-v) + El - v) / taum : volt
dge/dt = -ge / taue : 1
"""
SYNAPSE_EQUATIONS = """
w : 1
dApre/dt = -Apre / taupre : 1 (event-driven)
dApost/dt = -Apost / taupost : 1 (event-driven)
"""
ON_PRE = """
ge += w
Apre += dApre
w = clip(w + Apost, 0, gmax)
"""
ON_POST = """
Apost += dApost
w = clip(w + Apre, 0, gmax)
"""


def parameters(b):
    """Constants of the model strings, in the simulator's units."""
    gmax, taupre, taupost = 0.01, 20 * b.ms, 20 * b.ms
    dApre = 0.01
    dApost = -dApre * taupre / taupost * 1.05
    return dict(taum=10 * b.ms, taupre=taupre, taupost=taupost, Ee=0 * b.mV, vt=-54 * b.mV,
                vr=-60 * b.mV, El=-74 * b.mV, taue=5 * b.ms, gmax=gmax,
                dApre=dApre * gmax, dApost=dApost * gmax)


def build(b, scale=1.0):
    """``scale`` times 1000 Poisson inputs onto one neuron."""
    b.defaultclock.dt = 0.1 * b.ms
    b.seed(2024)
    n_inputs = max(1, round(1000 * scale))
    namespace = parameters(b)
    inputs = b.PoissonGroup(n_inputs, rates=15 * b.Hz, name="inputs")
    neuron = b.NeuronGroup(1, NEURON_EQUATIONS, threshold="v>vt", reset="v = vr",
                           method="euler", namespace=namespace, name="neuron")
    neuron.v = -74 * b.mV  # El (Brian2 starts at 0 V, which spikes at once; same on both sides)
    synapses = b.Synapses(inputs, neuron, SYNAPSE_EQUATIONS, on_pre=ON_PRE, on_post=ON_POST,
                          namespace=namespace, name="stdp_syn")
    synapses.connect()
    synapses.w = "rand() * 0.01"  # rand() * gmax
    spikes_in = b.SpikeMonitor(inputs, name="spikes_inputs")
    spikes_out = b.SpikeMonitor(neuron, name="spikes_neuron")
    return Model(objects=[inputs, neuron, synapses, spikes_in, spikes_out],
                 populations={"inputs": (spikes_in, n_inputs), "neuron": (spikes_out, 1)},
                 pathways=[(synapses, "inputs")])
