"""``einet_brainpy_style``: the seed-000 E/I network written as a BrainPy user writes it,
with eqsim's ready models and projections (``examples/brainpy_einet.py``; eqsim only).

The same network as ``coba`` (4000 LifRef neurons, Expon conductances 5 / 10 ms, COBA outputs,
p = 0.02, 0.1 ms delay, input 20) through ``eqsim.models``: BrainPy's step semantics
(currents from V at the step start, ``exp_auto``, BrainPy's refractory rule) and
``JitFPHomoLinear`` procedural connectivity. Compare with ``coba`` in the same run: the issue
asks for the projection form to cost no more than the hand-written equations (10 %).
"""
import importlib

from . import Model

DESCRIPTION = "seed 000 via eqsim.models projections (procedural, BrainPy semantics)"
VARIANTS = {"einet_brainpy_style": 1}
DURATION = 1.0
QUICK_DURATION = 0.1
REQUIRES = ("NeuronGroup", "Synapses", "SpikeMonitor")
SIMULATORS = ("eqsim",)
NOT_ON_PEERS = "eqsim.models API (BrainPy style); the network is coba's: see its rows"


def build(b, scale=1.0):
    """The network of examples/brainpy_einet.py at ``scale`` times 4000 neurons."""
    models = importlib.import_module(b.__name__ + ".models")
    b.defaultclock.dt = 0.1 * b.ms
    b.seed(2024)
    ne, ni = round(3200 * scale), round(800 * scale)
    p = min(1.0, 0.02 / scale)
    neuron = dict(V_rest=-60., V_th=-50., V_reset=-60., tau=20., tau_ref=5.,
                  V_initializer=models.Normal(-55., 2.))
    E = models.LifRef(ne, name="E", **neuron)
    I = models.LifRef(ni, name="I", **neuron)
    projections = []
    for pre, n_pre, tau, weight, reversal, label in ((E, ne, 5., 0.6, 0., "exc"),
                                                     (I, ni, 10., 6.7, -80., "inh")):
        for post, n_post, target in ((E, ne, "E"), (I, ni, "I")):
            projections.append((models.ProjAlignPreMg2(
                pre=pre, delay=0.1, syn=models.Expon.desc(size=n_pre, tau=tau),
                comm=models.JitFPHomoLinear(n_pre, n_post, prob=p, weight=weight),
                out=models.COBA(E=reversal), post=post, name=f"{label[0].upper()}2{target}"), label))
    E.I = 20 * b.nA
    I.I = 20 * b.nA
    spikes_e = b.SpikeMonitor(E, name="spikes_exc")
    spikes_i = b.SpikeMonitor(I, name="spikes_inh")
    return Model(objects=[E, I, spikes_e, spikes_i],
                 populations={"exc": (spikes_e, ne), "inh": (spikes_i, ni)},
                 pathways=[(projection.synapses, label) for projection, label in projections])
