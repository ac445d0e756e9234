"""Models that assign shared variables, written once for both simulators.

Each case is a function of the simulator module ``b`` (``brian2`` or ``eqsim``; both
give the same names) returning a dict of arrays (SI floats). Cases in ``CASES`` run in
both; cases in ``FORBIDDEN`` are mixes Brian2 refuses: they must raise in both.
``make_brian2_shared_reference.py`` runs them in Brian2 and writes
``brian2_shared_statements.npz``/``.json``; ``tests/groups/test_shared_statements.py``
runs them in eqsim on both targets and compares.
"""
import numpy as np


def _group(b, n=4, extra="", **kwargs):
    return b.NeuronGroup(n, "gain : 1 (shared)\nv : 1\n" + extra, **kwargs)


def run_regularly_shared(b):
    """A shared variable doubled each tick: once per tick, not once per neuron."""
    G = _group(b)
    G.gain = 1
    G.run_regularly("gain = gain*2", dt=10 * b.ms)
    b.run(30 * b.ms)
    return {"gain": np.asarray(G.gain[:]), "v": np.asarray(G.v[:])}


def run_regularly_mixed(b):
    """Scalar statements first; the vector statements read the new shared value, and a
    temporary common to all neurons."""
    G = _group(b, 5)
    G.gain = 1
    G.run_regularly("gain = gain + 1\nboost = gain*3\nv = v*0.5 + boost + i", dt=1 * b.ms)
    b.run(5 * b.ms)
    return {"gain": np.asarray(G.gain[:]), "v": np.asarray(G.v[:])}


def run_regularly_subgroup(b):
    """On a subgroup: the shared variable is the parent's, still written once per tick."""
    G = _group(b, 6)
    G.gain = 2
    G[2:5].run_regularly("gain = gain*3\nv = v + gain", dt=2 * b.ms)
    b.run(6 * b.ms)
    return {"gain": np.asarray(G.gain[:]), "v": np.asarray(G.v[:])}


def string_assignment(b):
    """``G.gain = '...'``: evaluated once; then a vector assignment reading it."""
    G = _group(b, 7)
    G.gain = 2
    G.gain = "gain*gain + 1"
    G.v = "gain*i"
    return {"gain": np.asarray(G.gain[:]), "v": np.asarray(G.v[:])}


def reset_and_refractoriness(b):
    """A reset reading a shared value through a scalar temporary, neurons refractory for
    a while, a run_regularly writing the shared value meanwhile."""
    G = _group(b, 4, extra="rate : 1 (constant)", threshold="v > 1",
               reset="half = gain/2\nv = half - 1", refractory=3 * b.ms)
    G.rate = [0.1, 0.2, 0.3, 0.45]
    G.gain = 0.5
    G.run_regularly("gain = gain + 0.25\nv = v + rate", dt=b.defaultclock.dt)
    mon = b.SpikeMonitor(G)
    b.run(4 * b.ms)
    return {"gain": np.asarray(G.gain[:]), "v": np.asarray(G.v[:]),
            "spike_i": np.asarray(mon.i[:], dtype=float), "spike_t": np.asarray(mon.t_[:])}


def custom_event_code(b):
    """A custom event's code reading a shared value."""
    G = _group(b, 4, events={"up": "v > 0.5"})
    G.v = [0, 1, 2, 3]
    G.gain = 0.25
    G.run_on_event("up", "step = gain*2\nv = v - step")
    b.run(3 * b.ms)
    return {"v": np.asarray(G.v[:])}


def synapses_shared(b):
    """on_pre and a summed variable reading a shared synaptic weight."""
    P = b.SpikeGeneratorGroup(3, [0, 1, 2, 0], [0, 1, 1, 2] * b.ms)
    H = b.NeuronGroup(2, "v : 1\ny : 1")
    S = b.Synapses(P, H, "w : 1 (shared)\ny_post = w*2 : 1 (summed)",
                   on_pre="inc = w + 1\nv_post += inc")
    S.connect(p=1.0)
    S.w = 0.5
    b.run(4 * b.ms)
    return {"v": np.asarray(H.v[:]), "y": np.asarray(H.y[:])}


CASES = {f.__name__: f for f in (run_regularly_shared, run_regularly_mixed,
                                 run_regularly_subgroup, string_assignment,
                                 reset_and_refractoriness,
                                 custom_event_code, synapses_shared)}


def shared_after_vector(b):
    G = _group(b)
    G.run_regularly("v = v + 1\ngain = 2", dt=1 * b.ms)
    b.run(1 * b.ms)


def shared_from_vector(b):
    G = _group(b)
    G.run_regularly("gain = v*2", dt=1 * b.ms)
    b.run(1 * b.ms)


def shared_in_reset(b):
    G = _group(b, threshold="True", reset="gain = 2")
    b.run(1 * b.ms)


def shared_in_on_pre(b):
    P = b.SpikeGeneratorGroup(1, [0], [0] * b.ms)
    H = b.NeuronGroup(2, "v : 1")
    S = b.Synapses(P, H, "w : 1 (shared)", on_pre="w = 2")
    S.connect()
    b.run(1 * b.ms)


def shared_differential_equation(b):
    """Brian2: differential equations take only the flag 'unless refractory'."""
    b.NeuronGroup(5, """dx/dt = -x/(10*ms) : 1 (shared)
                        dv/dt = (x - v)/(5*ms) : 1""", method="euler")


FORBIDDEN = {f.__name__: f for f in (shared_differential_equation, shared_after_vector, shared_from_vector, shared_in_reset,
                                     shared_in_on_pre)}
