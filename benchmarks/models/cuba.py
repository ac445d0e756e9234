"""``cuba``: Vogels & Abbott (2005) current-based network, as in Brian2's ``CUBA`` example.

4000 LIF neurons (3200 E, 800 I), tau_m 20 ms, threshold -50 mV, reset -60 mV, rest -49 mV,
5 ms refractoriness, exponential currents (5 ms / 10 ms) with weights 1.62 mV / -9 mV,
p = 0.02, no delay, dt 0.1 ms, 1 s. Scaled variants (the tests) keep 80 synapses per neuron.
"""
from . import Model

DESCRIPTION = "Vogels & Abbott CUBA: 4000 LIF, p=0.02 (Brian2's CUBA example)"
VARIANTS = {"cuba": 1}
DURATION = 1.0
QUICK_DURATION = 0.1
REQUIRES = ("NeuronGroup", "Synapses", "SpikeMonitor")
#: peers that run it (runners/run_nest.py, runners/run_annarchy.py translate it)
PEERS = {"nest": tuple(VARIANTS), "annarchy": tuple(VARIANTS)}

EQUATIONS = """
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
"""


def parameters(b):
    """Constants of the model strings, in the simulator's units."""
    return dict(taum=20 * b.ms, taue=5 * b.ms, taui=10 * b.ms, Vt=-50 * b.mV, Vr=-60 * b.mV,
                El=-49 * b.mV, we=(60 * 0.27 / 10) * b.mV, wi=(-20 * 4.5 / 10) * b.mV)


def build(b, scale=1.0):
    """Brian2's CUBA example at ``scale`` times 4000 neurons."""
    b.defaultclock.dt = 0.1 * b.ms
    b.seed(2024)
    n_exc, n_inh = round(3200 * scale), round(800 * scale)
    p = min(1.0, 0.02 / scale)
    namespace = parameters(b)
    neurons = b.NeuronGroup(n_exc + n_inh, EQUATIONS, threshold="v>Vt", reset="v = Vr",
                            refractory=5 * b.ms, method="exact", namespace=namespace,
                            name="neurons")
    neurons.v = "-60*mV + rand() * 10*mV"  # Vr + rand() * (Vt - Vr)
    exc_syn = b.Synapses(neurons, neurons, on_pre="ge += we", namespace=namespace, name="Ce")
    exc_syn.connect(f"i<{n_exc}", p=p)
    inh_syn = b.Synapses(neurons, neurons, on_pre="gi += wi", namespace=namespace, name="Ci")
    inh_syn.connect(f"i>={n_exc}", p=p)
    spikes_exc = b.SpikeMonitor(neurons[:n_exc], name="spikes_exc")
    spikes_inh = b.SpikeMonitor(neurons[n_exc:], name="spikes_inh")
    return Model(objects=[neurons, exc_syn, inh_syn, spikes_exc, spikes_inh],
                 populations={"exc": (spikes_exc, n_exc), "inh": (spikes_inh, n_inh)},
                 pathways=[(exc_syn, "exc"), (inh_syn, "inh")])
