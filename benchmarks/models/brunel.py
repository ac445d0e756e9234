"""``brunel``: Brunel (2000) sparse E/I network of delta-synapse LIF neurons (model A).

12,500 neurons (10,000 E, 2500 I), tau 20 ms, threshold 20 mV, reset 10 mV, 2 ms
refractoriness, p = 0.1 (C_E = 1000, C_I = 250 recurrent inputs per neuron), J = 0.1 mV,
g = 5 (inhibitory weight -0.5 mV), 1.5 ms delay; 1000 external excitatory Poisson inputs per
neuron (``PoissonInput``, C_ext = C_E) at eta * nu_thr = 2 * 10 Hz, weight J; as in Brian2's
``Brunel_2000`` example (with dt 0.1 ms), 0.5 s.
"""
from . import Model

DESCRIPTION = "Brunel 2000: 12,500 delta LIF, p=0.1, 1000 Poisson inputs each, delay 1.5 ms"
VARIANTS = {"brunel": 1}
DURATION = 0.5
QUICK_DURATION = 0.05
REQUIRES = ("NeuronGroup", "Synapses", "SpikeMonitor", "PoissonInput")
#: peers that run it (runners/run_nest.py, runners/run_annarchy.py translate it)
PEERS = {"nest": tuple(VARIANTS), "annarchy": tuple(VARIANTS)}

EQUATIONS = "dv/dt = -v/tau : volt (unless refractory)"
C_E = 1000  # excitatory recurrent inputs per neuron at full size (p * N_E); also C_ext


def parameters(b):
    """Constants of the model strings, in the simulator's units."""
    tau, theta, J = 20 * b.ms, 20 * b.mV, 0.1 * b.mV
    nu_thr = theta / (J * C_E * tau)
    return dict(tau=tau, theta=theta, V_r=10 * b.mV, J=J, g=5.0, nu_ext=2.0 * nu_thr)


def build(b, scale=1.0):
    """The network at ``scale`` times 12,500 neurons (p and the external drive fixed)."""
    b.defaultclock.dt = 0.1 * b.ms
    b.seed(2024)
    n_exc = round(10_000 * scale)
    n_inh = round(n_exc / 4)
    namespace = parameters(b)
    neurons = b.NeuronGroup(n_exc + n_inh, EQUATIONS, threshold="v > theta", reset="v = V_r",
                            refractory=2 * b.ms, method="exact", namespace=namespace,
                            name="neurons")
    exc, inh = neurons[:n_exc], neurons[n_exc:]
    exc_syn = b.Synapses(exc, neurons, on_pre="v_post += J", delay=1.5 * b.ms,
                         namespace=namespace, name="exc_syn")
    exc_syn.connect(p=0.1)
    inh_syn = b.Synapses(inh, neurons, on_pre="v_post += -g*J", delay=1.5 * b.ms,
                         namespace=namespace, name="inh_syn")
    inh_syn.connect(p=0.1)
    external = b.PoissonInput(neurons, "v", N=C_E, rate=namespace["nu_ext"],
                              weight=namespace["J"])
    spikes_exc = b.SpikeMonitor(exc, name="spikes_exc")
    spikes_inh = b.SpikeMonitor(inh, name="spikes_inh")
    return Model(objects=[neurons, exc_syn, inh_syn, external, spikes_exc, spikes_inh],
                 populations={"exc": (spikes_exc, n_exc), "inh": (spikes_inh, n_inh)},
                 pathways=[(exc_syn, "exc"), (inh_syn, "inh")])
