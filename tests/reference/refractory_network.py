"""A small Brunel (2000)-like network with delta synapses onto a '(unless refractory)'
membrane potential, built from fixed arrays so that Brian2 and eqsim simulate exactly the
same thing: the inputs and the connectivity are data (made by :func:`make_inputs`, stored
in ``brian2_refractory_network.npz``), nothing is drawn at run time.

The same :func:`build` runs in Brian2 (``make_brian2_refractory_reference.py``, in the
Brian2 environment) and in eqsim (``test_brian2_refractory_network.py``): ``b`` is the
simulator's module.
"""
import numpy as np

N_EXC, N_INH = 200, 50
N_EXT, EXT_PER_NEURON, EXT_RATE = 400, 100, 24.0  # external sources, Hz
P_REC = 0.1
DT_MS, DURATION_MS, DELAY_MS = 0.1, 150.0, 1.5


def make_inputs(seed=2000):
    """External spike trains (source, step) and the connectivity (i, j arrays)."""
    rng = np.random.RandomState(seed)
    n_steps = int(round(DURATION_MS / DT_MS))
    fires = rng.rand(N_EXT, n_steps) < EXT_RATE * DT_MS * 1e-3
    ext_source, ext_step = np.nonzero(fires)
    n = N_EXC + N_INH
    ext_i = np.concatenate([rng.choice(N_EXT, EXT_PER_NEURON, replace=False) for _ in range(n)])
    ext_j = np.repeat(np.arange(n), EXT_PER_NEURON)
    rec = rng.rand(n, n) < P_REC
    rec_i, rec_j = np.nonzero(rec)
    return dict(ext_source=ext_source.astype(np.int64), ext_step=ext_step.astype(np.int64),
                ext_i=ext_i.astype(np.int64), ext_j=ext_j.astype(np.int64),
                rec_i=rec_i.astype(np.int64), rec_j=rec_j.astype(np.int64))


def build(b, inputs, J_mV=0.5, g=5.0, refractory_ms=2.0):
    """The network in simulator ``b``; returns (objects to run, spike monitor)."""
    b.defaultclock.dt = DT_MS * b.ms
    ns = dict(tau=20 * b.ms, theta=20 * b.mV, V_r=10 * b.mV, J=J_mV * b.mV, g=g)
    n = N_EXC + N_INH
    neurons = b.NeuronGroup(n, "dv/dt = -v/tau : volt (unless refractory)",
                            threshold="v > theta", reset="v = V_r",
                            refractory=refractory_ms * b.ms, method="exact", namespace=ns)
    source, step = inputs["ext_source"], inputs["ext_step"]
    external = b.SpikeGeneratorGroup(N_EXT, source, step * DT_MS * b.ms)
    ext_syn = b.Synapses(external, neurons, on_pre="v_post += J", namespace=ns)
    ext_syn.connect(i=inputs["ext_i"], j=inputs["ext_j"])
    rec_i, rec_j = inputs["rec_i"], inputs["rec_j"]
    exc, inh = rec_i < N_EXC, rec_i >= N_EXC
    exc_syn = b.Synapses(neurons, neurons, on_pre="v_post += J", delay=DELAY_MS * b.ms,
                         namespace=ns)
    exc_syn.connect(i=rec_i[exc], j=rec_j[exc])
    inh_syn = b.Synapses(neurons, neurons, on_pre="v_post += -g*J", delay=DELAY_MS * b.ms,
                         namespace=ns)
    inh_syn.connect(i=rec_i[inh], j=rec_j[inh])
    spikes = b.SpikeMonitor(neurons)
    return [neurons, external, ext_syn, exc_syn, inh_syn, spikes], spikes


#: variants compared: (name, build keywords)
VARIANTS = {"J05": dict(J_mV=0.5), "J05_ref5": dict(J_mV=0.5, refractory_ms=5.0)}
