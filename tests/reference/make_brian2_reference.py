"""Run the deterministic cells of the Brian2 tutorials in Brian2 and save what they compute.

This script is run with the Python of the Brian2 reference environment, never with the
project's own Python (Brian2 2.9.0 needs numpy<2.4; eqsim is tested with numpy 2.4)::

    python3 -m venv /work/brian2-venv
    /work/brian2-venv/bin/pip install "brian2==2.9.0" "numpy<2.4" cython
    /work/brian2-venv/bin/python tests/reference/make_brian2_reference.py

It writes, next to itself, one ``brian2_<tutorial>.npz`` per tutorial with the arrays a
test needs (keys ``<cell>__<array>``, floats in SI base units) and a ``brian2_<tutorial>.json``
sidecar with the Brian2 version, the date, the settings of every cell (dt, method,
duration, target) and a description of every array. Every cell is run on the primary
target (``--target``, default ``cython``) and again on the other target; the largest
difference between the two is stored in the sidecar so that the tolerance the eqsim tests
use can be judged against Brian2's own target-to-target spread.

The cell bodies are the tutorial code with the plotting removed; the lines that collect
arrays are marked ``# record``.
"""
import argparse
import datetime
import inspect
import json
import platform
import sys
import textwrap
from pathlib import Path

import numpy as np

import brian2
from brian2 import *  # noqa: F401,F403  (the tutorials are written against the star import)

HERE = Path(__file__).resolve().parent
TUTORIALS = {
    "tutorial_neurons": "Introduction to Brian part 1: Neurons "
                        "(brian2/tutorials/1-intro-to-brian-neurons.ipynb)",
    "tutorial_synapses": "Introduction to Brian part 2: Synapses "
                         "(brian2/tutorials/2-intro-to-brian-synapses.ipynb; "
                         "shared/seeds/003_0d7961ebcbf35f8f.txt)",
}
CELLS = {name: {} for name in TUTORIALS}


def cell(tutorial, description, method=None, duration=None):
    """Register a tutorial cell: a function returning ``{array name: (values, what it is)}``."""
    def register(function):
        CELLS[tutorial][function.__name__] = dict(function=function, description=description,
                                                  method=method, duration=duration)
        return function
    return register


def si(values):
    """A float64 copy of ``values`` in SI base units, without Brian2's unit wrapper.

    A copy, because ``G.v[:]`` can be a view on the live state that a later run changes.
    """
    return np.array(values, dtype=np.float64)


def indices(values):
    """An int64 copy of an index or count array."""
    return np.array(values, dtype=np.int64)


# ---------------------------------------------------------------------------------------------
# Tutorial 1: neurons
# ---------------------------------------------------------------------------------------------

@cell("tutorial_neurons", "A simple model, the dimensionally wrong 'dv/dt = 1-v : 1': run must "
      "raise; the sidecar keeps the name of the exception Brian2 raised.")
def dimension_error():
    start_scope()
    eqs = '''
    dv/dt = 1-v : 1
    '''
    try:
        G = NeuronGroup(1, eqs)
        run(100*ms)
    except Exception as error:  # record which exception Brian2 raises
        cause = getattr(error, "original_error", None) or error.__cause__
        return {}, {"raised": type(error).__name__,
                    "cause": type(cause).__name__ if cause is not None else None,
                    "message": str(cause if cause is not None else error)}
    raise AssertionError("Brian2 accepted a dimensionally inconsistent equation")


@cell("tutorial_neurons", "dv/dt = (1-v)/tau, tau=10 ms, one neuron, no method given "
      "(Brian2 chooses 'exact'), run 100 ms; v after the run.", method="default (exact)",
      duration="100 ms")
def default_method():
    start_scope()
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs)
    run(100*ms)
    return {"v_after": (si(G.v[:]), "v of the neuron after the run")}, \
        {"abstract_code": G.state_updater.abstract_code.strip()}


@cell("tutorial_neurons", "Same model with method='exact': v before and after a 100 ms run and the "
      "tutorial's expected value 1-exp(-100ms/tau).", method="exact", duration="100 ms")
def exact_before_after():
    start_scope()
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, method='exact')
    v_before = si(G.v[:])  # record
    run(100*ms)
    return {"v_before": (v_before, "v before the run"),
            "v_after": (si(G.v[:]), "v after the run"),
            "expected": (si([1-exp(-100*ms/tau)]), "1-exp(-100*ms/tau) as the tutorial prints it")}, {}


@cell("tutorial_neurons", "StateMonitor(G, 'v', record=True) on the exact model, run 30 ms.",
      method="exact", duration="30 ms")
def statemonitor_record_true():
    start_scope()
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, method='exact')
    M = StateMonitor(G, 'v', record=True)
    run(30*ms)
    return {"t": (si(M.t), "M.t in seconds"),
            "v": (si(M.v), "M.v, shape (neurons, samples)")}, {}


@cell("tutorial_neurons", "StateMonitor with record=0 against the analytic 1-exp(-t/tau), run 30 ms.",
      method="exact", duration="30 ms")
def statemonitor_analytic():
    start_scope()
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, method='exact')
    M = StateMonitor(G, 'v', record=0)
    run(30*ms)
    return {"t": (si(M.t), "M.t in seconds"),
            "v": (si(M.v), "M.v, shape (1, samples)"),
            "analytic": (si(1-exp(-M.t/tau)), "1-exp(-M.t/tau)")}, {}


@cell("tutorial_neurons", "dv/dt = (sin(2*pi*100*Hz*t)-v)/tau with method='euler', G.v = 5, "
      "run 60 ms.", method="euler", duration="60 ms")
def sine_drive_euler():
    start_scope()
    tau = 10*ms
    eqs = '''
    dv/dt = (sin(2*pi*100*Hz*t)-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, method='euler')
    M = StateMonitor(G, 'v', record=0)
    G.v = 5  # initial value
    run(60*ms)
    return {"t": (si(M.t), "M.t in seconds"),
            "v": (si(M.v), "M.v, shape (1, samples)")}, {}


@cell("tutorial_neurons", "threshold='v>0.8', reset='v = 0', StateMonitor record=0, run 50 ms.",
      method="exact", duration="50 ms")
def threshold_reset_trace():
    start_scope()
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, threshold='v>0.8', reset='v = 0', method='exact')
    M = StateMonitor(G, 'v', record=0)
    run(50*ms)
    return {"t": (si(M.t), "M.t in seconds"),
            "v": (si(M.v), "M.v, shape (1, samples)")}, {}


@cell("tutorial_neurons", "Same model with a SpikeMonitor, run 50 ms.", method="exact",
      duration="50 ms")
def threshold_reset_spikes():
    start_scope()
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, threshold='v>0.8', reset='v = 0', method='exact')
    spikemon = SpikeMonitor(G)
    run(50*ms)
    return {"spike_t": (si(spikemon.t[:]), "spikemon.t in seconds"),
            "spike_i": (indices(spikemon.i), "spikemon.i")}, {}


@cell("tutorial_neurons", "StateMonitor and SpikeMonitor together on the same model, run 50 ms.",
      method="exact", duration="50 ms")
def threshold_reset_both():
    start_scope()
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, threshold='v>0.8', reset='v = 0', method='exact')
    statemon = StateMonitor(G, 'v', record=0)
    spikemon = SpikeMonitor(G)
    run(50*ms)
    return {"t": (si(statemon.t), "statemon.t in seconds"),
            "v": (si(statemon.v), "statemon.v, shape (1, samples)"),
            "spike_t": (si(spikemon.t[:]), "spikemon.t in seconds")}, {}


@cell("tutorial_neurons", "Refractoriness: '(unless refractory)', refractory=5*ms, run 50 ms.",
      method="exact", duration="50 ms")
def refractory_unless():
    start_scope()
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1 (unless refractory)
    '''
    G = NeuronGroup(1, eqs, threshold='v>0.8', reset='v = 0', refractory=5*ms, method='exact')
    statemon = StateMonitor(G, 'v', record=0)
    spikemon = SpikeMonitor(G)
    run(50*ms)
    return {"t": (si(statemon.t), "statemon.t in seconds"),
            "v": (si(statemon.v), "statemon.v, shape (1, samples)"),
            "spike_t": (si(spikemon.t[:]), "spikemon.t in seconds")}, {}


@cell("tutorial_neurons", "Refractory period without '(unless refractory)': tau=5 ms, "
      "refractory=15*ms, run 50 ms.", method="exact", duration="50 ms")
def refractory_without_unless():
    start_scope()
    tau = 5*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, threshold='v>0.8', reset='v = 0', refractory=15*ms, method='exact')
    statemon = StateMonitor(G, 'v', record=0)
    spikemon = SpikeMonitor(G)
    run(50*ms)
    return {"t": (si(statemon.t), "statemon.t in seconds"),
            "v": (si(statemon.v), "statemon.v, shape (1, samples)"),
            "spike_t": (si(spikemon.t[:]), "spikemon.t in seconds")}, {}


@cell("tutorial_neurons", "Multiple neurons, G.v = 'rand()' (random: only what does not depend on "
      "the draws is kept): 100 neurons driven to 2, threshold v>1, reset v=0, run 50 ms. After "
      "the first spike every neuron fires with the same interspike interval, and each fires 7 or 8 "
      "times.", method="exact", duration="50 ms")
def multiple_neurons_random():
    start_scope()
    seed(20220211)  # only so that re-running this script rewrites the same file
    N = 100
    tau = 10*ms
    eqs = '''
    dv/dt = (2-v)/tau : 1
    '''
    G = NeuronGroup(N, eqs, threshold='v>1', reset='v=0', method='exact')
    G.v = 'rand()'
    v_initial = si(G.v[:])  # record
    spikemon = SpikeMonitor(G)
    run(50*ms)
    trains = spikemon.spike_trains()
    isis = np.concatenate([np.diff(si(trains[k])) for k in range(N)])
    steps = np.unique(np.round(isis / float(defaultclock.dt)).astype(np.int64))
    counts = indices(spikemon.count)
    return {"isi_steps": (steps, "the distinct interspike intervals after the first spike, in "
                                 "time steps (one value: the ISI is deterministic)"),
            "count_range": (np.array([counts.min(), counts.max()]),
                            "smallest and largest spike count of a neuron"),
            "v_initial_mean": (si([v_initial.mean()]), "mean of the random initial v "
                                                       "(only a sanity value, 0.5 +- 0.03)")}, {}


@cell("tutorial_neurons", "Parameters: 'v0 : 1', G.v0 = 'i*v0_max/(N-1)', 100 neurons, refractory "
      "5 ms, run 1000 ms; spikes and the firing-rate curve M.count/duration.", method="exact",
      duration="1000 ms")
def parameters_rate_curve():
    start_scope()
    N = 100
    tau = 10*ms
    v0_max = 3.
    duration = 1000*ms
    eqs = '''
    dv/dt = (v0-v)/tau : 1 (unless refractory)
    v0 : 1
    '''
    G = NeuronGroup(N, eqs, threshold='v>1', reset='v=0', refractory=5*ms, method='exact')
    M = SpikeMonitor(G)
    G.v0 = 'i*v0_max/(N-1)'
    run(duration)
    return {"v0": (si(G.v0[:]), "G.v0"),
            "spike_t": (si(M.t), "M.t in seconds"),
            "spike_i": (indices(M.i), "M.i"),
            "count": (indices(M.count), "M.count"),
            "rate": (si(M.count/duration), "M.count/duration in Hz")}, {}


# ---------------------------------------------------------------------------------------------
# Tutorial 2: synapses
# ---------------------------------------------------------------------------------------------

@cell("tutorial_synapses", "The simplest Synapse: neuron 0 (I=2, tau=10 ms) drives neuron 1 "
      "(I=0, tau=100 ms) through on_pre='v_post += 0.2', run 100 ms.", method="exact",
      duration="100 ms")
def simplest_synapse():
    start_scope()
    eqs = '''
    dv/dt = (I-v)/tau : 1
    I : 1
    tau : second
    '''
    G = NeuronGroup(2, eqs, threshold='v>1', reset='v = 0', method='exact')
    G.I = [2, 0]
    G.tau = [10, 100]*ms
    S = Synapses(G, G, on_pre='v_post += 0.2')
    S.connect(i=0, j=1)
    M = StateMonitor(G, 'v', record=True)
    spikes = SpikeMonitor(G)  # record (not in the tutorial; observes only)
    run(100*ms)
    return {"t": (si(M.t), "M.t in seconds"),
            "v": (si(M.v), "M.v, shape (2, samples)"),
            "spike_t": (si(spikes.t), "spike times of G in seconds (extra SpikeMonitor)"),
            "spike_i": (indices(spikes.i), "spike indices of G (extra SpikeMonitor)"),
            "syn_i": (indices(S.i), "S.i"),
            "syn_j": (indices(S.j), "S.j")}, {}


@cell("tutorial_synapses", "Adding a weight: 'w : 1', on_pre='v_post += w', S.connect(i=0, "
      "j=[1, 2]), S.w = 'j*0.2', run 50 ms.", method="exact", duration="50 ms")
def synapse_weights():
    start_scope()
    eqs = '''
    dv/dt = (I-v)/tau : 1
    I : 1
    tau : second
    '''
    G = NeuronGroup(3, eqs, threshold='v>1', reset='v = 0', method='exact')
    G.I = [2, 0, 0]
    G.tau = [10, 100, 100]*ms
    S = Synapses(G, G, 'w : 1', on_pre='v_post += w')
    S.connect(i=0, j=[1, 2])
    S.w = 'j*0.2'
    M = StateMonitor(G, 'v', record=True)
    run(50*ms)
    return {"t": (si(M.t), "M.t in seconds"),
            "v": (si(M.v), "M.v, shape (3, samples)"),
            "syn_i": (indices(S.i), "S.i"),
            "syn_j": (indices(S.j), "S.j"),
            "syn_w": (si(S.w[:]), "S.w")}, {}


@cell("tutorial_synapses", "Introducing a delay: as 'Adding a weight' plus S.delay = 'j*2*ms', "
      "run 50 ms.", method="exact", duration="50 ms")
def synapse_delays():
    start_scope()
    eqs = '''
    dv/dt = (I-v)/tau : 1
    I : 1
    tau : second
    '''
    G = NeuronGroup(3, eqs, threshold='v>1', reset='v = 0', method='exact')
    G.I = [2, 0, 0]
    G.tau = [10, 100, 100]*ms
    S = Synapses(G, G, 'w : 1', on_pre='v_post += w')
    S.connect(i=0, j=[1, 2])
    S.w = 'j*0.2'
    S.delay = 'j*2*ms'
    M = StateMonitor(G, 'v', record=True)
    run(50*ms)
    return {"t": (si(M.t), "M.t in seconds"),
            "v": (si(M.v), "M.v, shape (3, samples)"),
            "syn_i": (indices(S.i), "S.i"),
            "syn_j": (indices(S.j), "S.j"),
            "syn_w": (si(S.w[:]), "S.w"),
            "syn_delay": (si(S.delay[:]), "S.delay in seconds")}, {}


@cell("tutorial_synapses", "Connectivity: S.connect(condition='abs(i-j)<4 and i!=j'), N = 10.")
def connect_condition():
    start_scope()
    N = 10
    G = NeuronGroup(N, 'v:1')
    S = Synapses(G, G)
    S.connect(condition='abs(i-j)<4 and i!=j')
    return {"syn_i": (indices(S.i), "S.i"), "syn_j": (indices(S.j), "S.j")}, {}


@cell("tutorial_synapses", "Connectivity: S.connect(j='k for k in range(i-3, i+4) if i!=k', "
      "skip_if_invalid=True), N = 10.")
def connect_generator_skip_invalid():
    start_scope()
    N = 10
    G = NeuronGroup(N, 'v:1')
    S = Synapses(G, G)
    S.connect(j='k for k in range(i-3, i+4) if i!=k', skip_if_invalid=True)
    return {"syn_i": (indices(S.i), "S.i"), "syn_j": (indices(S.j), "S.j")}, {}


@cell("tutorial_synapses", "Connectivity: S.connect(j='i'), N = 10.")
def connect_one_to_one():
    start_scope()
    N = 10
    G = NeuronGroup(N, 'v:1')
    S = Synapses(G, G)
    S.connect(j='i')
    return {"syn_i": (indices(S.i), "S.i"), "syn_j": (indices(S.j), "S.j")}, {}


@cell("tutorial_synapses", "Distance-dependent weights: 30 neurons at x = i*50 um, all-to-all "
      "without self-connections, S.w = 'exp(-(x_pre-x_post)**2/(2*width**2))'.")
def distance_weights():
    start_scope()
    N = 30
    neuron_spacing = 50*umetre
    width = N/4.0*neuron_spacing
    # Neuron has one variable x, its position
    G = NeuronGroup(N, 'x : metre')
    G.x = 'i*neuron_spacing'
    # All synapses are connected (excluding self-connections)
    S = Synapses(G, G, 'w : 1')
    S.connect(condition='i!=j')
    # Weight varies with distance
    S.w = 'exp(-(x_pre-x_post)**2/(2*width**2))'
    return {"syn_i": (indices(S.i), "S.i"),
            "syn_j": (indices(S.j), "S.j"),
            "syn_w": (si(S.w[:]), "S.w"),
            "x_pre": (si(S.x_pre[:]), "S.x_pre in metres"),
            "x_post": (si(S.x_post[:]), "S.x_post in metres")}, {}


@cell("tutorial_synapses", "The STDP window W(delta_t) the tutorial plots with units arithmetic "
      "(no simulation): where(delta_t>0, A_pre*exp(-delta_t/tau_pre), A_post*exp(delta_t/tau_post)).")
def stdp_window_formula():
    tau_pre = tau_post = 20*ms
    A_pre = 0.01
    A_post = -A_pre*1.05
    delta_t = linspace(-50, 50, 100)*ms
    W = where(delta_t > 0, A_pre*exp(-delta_t/tau_pre), A_post*exp(delta_t/tau_post))
    return {"delta_t": (si(delta_t), "delta_t in seconds"), "W": (si(W), "W")}, {}


@cell("tutorial_synapses", "STDP with clock-driven traces (method='linear'): two neurons spiking "
      "at t>(1+i)*10*ms, refractory 100 ms, StateMonitor of w, apre, apost, run 30 ms.",
      method="linear (synapses)", duration="30 ms")
def stdp_clock_driven():
    start_scope()
    taupre = taupost = 20*ms
    wmax = 0.01
    Apre = 0.01
    Apost = -Apre*taupre/taupost*1.05
    G = NeuronGroup(2, 'v:1', threshold='t>(1+i)*10*ms', refractory=100*ms)
    S = Synapses(G, G,
                 '''
                 w : 1
                 dapre/dt = -apre/taupre : 1 (clock-driven)
                 dapost/dt = -apost/taupost : 1 (clock-driven)
                 ''',
                 on_pre='''
                 v_post += w
                 apre += Apre
                 w = clip(w+apost, 0, wmax)
                 ''',
                 on_post='''
                 apost += Apost
                 w = clip(w+apre, 0, wmax)
                 ''', method='linear')
    S.connect(i=0, j=1)
    M = StateMonitor(S, ['w', 'apre', 'apost'], record=True)
    spikes = SpikeMonitor(G)  # record (not in the tutorial; observes only)
    run(30*ms)
    return {"t": (si(M.t), "M.t in seconds"),
            "w": (si(M.w), "M.w, shape (1, samples)"),
            "apre": (si(M.apre), "M.apre, shape (1, samples)"),
            "apost": (si(M.apost), "M.apost, shape (1, samples)"),
            "spike_t": (si(spikes.t), "spike times of G in seconds (extra SpikeMonitor)"),
            "spike_i": (indices(spikes.i), "spike indices of G (extra SpikeMonitor)"),
            "v_after": (si(G.v[:]), "G.v after the run")}, {}


@cell("tutorial_synapses", "STDP with event-driven traces: 100 pairs, G spikes at i*tmax/(N-1), "
      "H at (N-1-i)*tmax/(N-1), S.connect(j='i'), run tmax+1 ms; S.w against H.tspike-G.tspike.",
      duration="51 ms")
def stdp_event_driven():
    start_scope()
    taupre = taupost = 20*ms
    Apre = 0.01
    Apost = -Apre*taupre/taupost*1.05
    tmax = 50*ms
    N = 100
    # Presynaptic neurons G spike at times from 0 to tmax
    # Postsynaptic neurons G spike at times from tmax to 0
    # So difference in spike times will vary from -tmax to +tmax
    G = NeuronGroup(N, 'tspike:second', threshold='t>tspike', refractory=100*ms)
    H = NeuronGroup(N, 'tspike:second', threshold='t>tspike', refractory=100*ms)
    G.tspike = 'i*tmax/(N-1)'
    H.tspike = '(N-1-i)*tmax/(N-1)'
    S = Synapses(G, H,
                 '''
                 w : 1
                 dapre/dt = -apre/taupre : 1 (event-driven)
                 dapost/dt = -apost/taupost : 1 (event-driven)
                 ''',
                 on_pre='''
                 apre += Apre
                 w = w+apost
                 ''',
                 on_post='''
                 apost += Apost
                 w = w+apre
                 ''')
    S.connect(j='i')
    run(tmax+1*ms)
    return {"delta_t": (si(H.tspike-G.tspike), "H.tspike-G.tspike in seconds"),
            "syn_i": (indices(S.i), "S.i"),
            "syn_j": (indices(S.j), "S.j"),
            "syn_w": (si(S.w[:]), "S.w after the run"),
            "apre": (si(S.apre[:]), "S.apre after the run (value at the last update)"),
            "apost": (si(S.apost[:]), "S.apost after the run (value at the last update)")}, {}


# ---------------------------------------------------------------------------------------------

def run_cells(tutorial, target):
    """Run every cell of ``tutorial`` on ``target``; ``({cell: arrays}, {cell: notes})``."""
    prefs.codegen.target = target
    # the connectivity cells build objects they never run, exactly as the tutorial does
    BrianLogger.suppress_name("unused_brian_object")
    arrays, notes = {}, {}
    for name, entry in CELLS[tutorial].items():
        defaultclock.dt = 0.1*ms
        print(f"  [{target}] {tutorial}.{name}", flush=True)
        arrays[name], notes[name] = entry["function"]()
    return arrays, notes


def largest_difference(primary, other):
    """Largest absolute difference per array between two runs (None if shapes differ)."""
    spread = {}
    for cell_name, cell_arrays in primary.items():
        for array_name, (values, _) in cell_arrays.items():
            other_values = other[cell_name][array_name][0]
            key = f"{cell_name}__{array_name}"
            if np.shape(values) != np.shape(other_values):
                spread[key] = None
            elif np.size(values) == 0:
                spread[key] = 0.0
            else:
                spread[key] = float(np.max(np.abs(np.asarray(values, float)
                                                  - np.asarray(other_values, float))))
    return spread


def cell_settings(tutorial, target):
    """The settings and source of every cell, for the sidecar."""
    settings = {}
    for name, entry in CELLS[tutorial].items():
        settings[name] = {"description": entry["description"], "dt": 1e-4, "target": target,
                          "method": entry["method"], "duration": entry["duration"],
                          "source": textwrap.dedent(inspect.getsource(entry["function"]))}
    return settings


def write_tutorial(tutorial, target, cross_check):
    """Run, save ``brian2_<tutorial>.npz`` and its JSON sidecar; return the two paths."""
    arrays, notes = run_cells(tutorial, target)
    flat = {f"{c}__{a}": np.asarray(values) for c, cell_arrays in arrays.items()
            for a, (values, _) in cell_arrays.items()}
    npz_path = HERE / f"brian2_{tutorial}.npz"
    np.savez_compressed(npz_path, **flat)
    sidecar = {
        "tutorial": TUTORIALS[tutorial],
        "generated_by": "tests/reference/make_brian2_reference.py",
        "brian2_version": brian2.__version__,
        "numpy_version": np.__version__,
        "python_version": platform.python_version(),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "target": target,
        "dt": 1e-4,
        "units": "all floats in SI base units (seconds, metres, Hz); dimensionless values as is",
        "downsampling": "none: every trace is stored at every time step (files stay far below 2 MB)",
        "arrays": {f"{c}__{a}": {"what": what, "shape": list(np.shape(values)),
                                 "dtype": str(np.asarray(values).dtype)}
                   for c, cell_arrays in arrays.items() for a, (values, what) in cell_arrays.items()},
        "notes": {c: n for c, n in notes.items() if n},
        "cells": cell_settings(tutorial, target),
    }
    if cross_check:
        other_target = "numpy" if target == "cython" else "cython"
        other_arrays, _ = run_cells(tutorial, other_target)
        sidecar["largest_difference_to_other_target"] = {
            "other_target": other_target,
            "per_array": largest_difference(arrays, other_arrays)}
    json_path = HERE / f"brian2_{tutorial}.json"
    json_path.write_text(json.dumps(sidecar, indent=1, sort_keys=False) + "\n")
    return npz_path, json_path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", choices=["cython", "numpy"], default="cython",
                        help="Brian2 code generation target whose results are saved")
    parser.add_argument("--no-cross-check", action="store_true",
                        help="do not re-run on the other target to record the spread")
    parser.add_argument("--tutorial", choices=sorted(TUTORIALS), action="append",
                        help="only this tutorial (repeatable); default all")
    options = parser.parse_args(argv)
    if not brian2.__version__.startswith("2.9."):
        print(f"warning: Brian2 {brian2.__version__}; the reference was made with 2.9.0",
              file=sys.stderr)
    for tutorial in options.tutorial or list(TUTORIALS):
        for path in write_tutorial(tutorial, options.target, not options.no_cross_check):
            print(f"wrote {path.relative_to(HERE.parent.parent)} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
