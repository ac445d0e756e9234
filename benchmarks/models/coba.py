"""``coba``: the seed's E/I network (conductance-based LIF, as in examples/ei_network.py).

3200 excitatory + 800 inhibitory LIF neurons, 5 ms refractoriness, exponential conductances
(5 ms / 10 ms) with reversal potentials 0 / -80 mV, dimensionless conductance increments 0.6 /
6.7, random connections (80 synapses per neuron: p = 0.02 at 4000 neurons), 0.1 ms delay,
constant input 20 mV, dt 0.1 ms. The scaled variants multiply the neurons by 4 and 16 and keep
80 synapses per neuron (p = 0.02 / scale).
"""
from . import Model

DESCRIPTION = "seed E/I net: 4000 COBA LIF x scale, 80 syn/neuron, delay 0.1 ms"
VARIANTS = {"coba": 1, "coba_x4": 4, "coba_x16": 16}
DURATION = 1.0
QUICK_DURATION = 0.1
REQUIRES = ("NeuronGroup", "Synapses", "SpikeMonitor")
#: peers that run it (runners/run_nest.py, runners/run_annarchy.py translate it)
PEERS = {"nest": tuple(VARIANTS), "annarchy": tuple(VARIANTS)}

EQUATIONS = """
dv/dt = (V_rest - v + g_exc*(E_exc - v) + g_inh*(E_inh - v) + I_ext) / tau : volt (unless refractory)
dg_exc/dt = -g_exc / tau_exc : 1
dg_inh/dt = -g_inh / tau_inh : 1
"""


def parameters(b):
    """Constants of the model strings, in the simulator's units."""
    return dict(V_rest=-60 * b.mV, V_th=-50 * b.mV, V_reset=-60 * b.mV, tau=20 * b.ms,
                tau_exc=5 * b.ms, tau_inh=10 * b.ms, E_exc=0 * b.mV, E_inh=-80 * b.mV,
                I_ext=20 * b.mV, w_exc=0.6, w_inh=6.7)


def build(b, scale=1.0):
    """The network at ``scale`` times 4000 neurons (80 synapses per neuron)."""
    b.defaultclock.dt = 0.1 * b.ms
    b.seed(2024)
    n_exc, n_inh = round(3200 * scale), round(800 * scale)
    p = min(1.0, 0.02 / scale)
    namespace = parameters(b)
    neurons = b.NeuronGroup(n_exc + n_inh, EQUATIONS, threshold="v > V_th", reset="v = V_reset",
                            refractory=5 * b.ms, method="exponential_euler",
                            namespace=namespace, name="neurons")
    neurons.v = "-55*mV + 2*mV*randn()"  # Normal(-55 mV, 2 mV), as in the seed
    exc, inh = neurons[:n_exc], neurons[n_exc:]
    exc_syn = b.Synapses(exc, neurons, on_pre="g_exc_post += w_exc", delay=0.1 * b.ms,
                         namespace=namespace, name="exc_syn")
    exc_syn.connect(p=p)
    inh_syn = b.Synapses(inh, neurons, on_pre="g_inh_post += w_inh", delay=0.1 * b.ms,
                         namespace=namespace, name="inh_syn")
    inh_syn.connect(p=p)
    spikes_exc = b.SpikeMonitor(exc, name="spikes_exc")
    spikes_inh = b.SpikeMonitor(inh, name="spikes_inh")
    return Model(objects=[neurons, exc_syn, inh_syn, spikes_exc, spikes_inh],
                 populations={"exc": (spikes_exc, n_exc), "inh": (spikes_inh, n_inh)},
                 pathways=[(exc_syn, "exc"), (inh_syn, "inh")])
