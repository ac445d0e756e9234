"""The deterministic cells of Brian2's synapse tutorial (shared/seeds/003_*.txt), run with
``from eqsim import *`` on both targets and compared with what Brian2 2.9.0 computed
(``brian2_tutorial_synapses.npz``, made by ``make_brian2_reference.py``).

Connectivity is compared as a set of (i, j) pairs (the storage order of synapses is not
part of the contract) and per-synapse values are compared pair by pair. Spikes must fall
on the same time step as in Brian2; traces and weights agree to 1e-9. Each test body is the
tutorial cell with the plotting removed.
"""
import numpy as np

from brian2_reference import Reference
from eqsim import *  # noqa: F401,F403  (the tutorial code is written against the star import)

reference = Reference("synapses")
SIDECAR = reference.sidecar
steps = reference.steps
TOLERANCE = dict(rtol=1e-9, atol=1e-9)


def pairs(i, j):
    return list(zip(np.asarray(i).tolist(), np.asarray(j).tolist()))


def assert_same_synapses(cell, S, **values):
    """Same (i, j) pairs as Brian2, and each named per-synapse array equal pair by pair."""
    got = pairs(S.i[:], S.j[:])
    expected = pairs(reference(cell, "syn_i"), reference(cell, "syn_j"))
    assert len(got) == len(set(got)), "a pair is connected twice"
    assert sorted(got) == sorted(expected)
    got_order = np.argsort([p[0] * 10**6 + p[1] for p in got], kind="stable")
    expected_order = np.argsort([p[0] * 10**6 + p[1] for p in expected], kind="stable")
    for array_name, actual in values.items():
        np.testing.assert_allclose(np.asarray(actual, dtype=float)[got_order],
                                   reference(cell, array_name)[expected_order], **TOLERANCE,
                                   err_msg=f"{cell}: {array_name}")


def assert_same_trace(cell, monitor, variables=("v",)):
    np.testing.assert_allclose(np.asarray(monitor.t, dtype=float), reference(cell, "t"),
                               rtol=0, atol=1e-12)
    for name in variables:
        np.testing.assert_allclose(np.asarray(getattr(monitor, name), dtype=float),
                                   reference(cell, name), **TOLERANCE, err_msg=f"{cell}: {name}")


def assert_same_spikes(cell, spikemon):
    got = sorted(zip(steps(spikemon.t[:]).tolist(), np.asarray(spikemon.i[:]).tolist()))
    expected = sorted(zip(steps(reference(cell, "spike_t")).tolist(),
                          reference(cell, "spike_i").tolist()))
    assert got == expected


def test_simplest_synapse_traces_and_spikes_match_brian2(target):
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
    spikes = SpikeMonitor(G)
    run(100*ms)
    assert_same_synapses("simplest_synapse", S)
    assert_same_trace("simplest_synapse", M)
    assert_same_spikes("simplest_synapse", spikes)


def test_weights_from_string_and_their_effect_match_brian2(target):
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
    assert_same_synapses("synapse_weights", S, syn_w=S.w[:])
    assert_same_trace("synapse_weights", M)


def test_heterogeneous_delays_match_brian2(target):
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
    assert_same_synapses("synapse_delays", S, syn_w=S.w[:], syn_delay=S.delay[:])
    assert_same_trace("synapse_delays", M)


def test_connect_condition_gives_brian2_pairs(target):
    N = 10
    G = NeuronGroup(N, 'v:1')
    S = Synapses(G, G)
    S.connect(condition='abs(i-j)<4 and i!=j')
    assert_same_synapses("connect_condition", S)


def test_connect_generator_with_skip_if_invalid_gives_brian2_pairs(target):
    N = 10
    G = NeuronGroup(N, 'v:1')
    S = Synapses(G, G)
    S.connect(j='k for k in range(i-3, i+4) if i!=k', skip_if_invalid=True)
    assert_same_synapses("connect_generator_skip_invalid", S)


def test_connect_one_to_one_gives_brian2_pairs(target):
    N = 10
    G = NeuronGroup(N, 'v:1')
    S = Synapses(G, G)
    S.connect(j='i')
    assert_same_synapses("connect_one_to_one", S)


def test_distance_dependent_weights_match_brian2(target):
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
    assert_same_synapses("distance_weights", S, syn_w=S.w[:], x_pre=S.x_pre[:],
                         x_post=S.x_post[:])


def test_stdp_window_formula_with_units_matches_brian2():
    tau_pre = tau_post = 20*ms
    A_pre = 0.01
    A_post = -A_pre*1.05
    delta_t = linspace(-50, 50, 100)*ms
    W = where(delta_t > 0, A_pre*exp(-delta_t/tau_pre), A_post*exp(delta_t/tau_post))
    np.testing.assert_allclose(np.asarray(delta_t, dtype=float),
                               reference("stdp_window_formula", "delta_t"), rtol=1e-15)
    np.testing.assert_allclose(np.asarray(W, dtype=float),
                               reference("stdp_window_formula", "W"), rtol=1e-12)


def test_stdp_clock_driven_traces_and_weight_match_brian2(target):
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
    spikes = SpikeMonitor(G)
    run(30*ms)
    assert_same_spikes("stdp_clock_driven", spikes)
    assert_same_trace("stdp_clock_driven", M, variables=("w", "apre", "apost"))
    np.testing.assert_allclose(G.v[:], reference("stdp_clock_driven", "v_after"), **TOLERANCE)


def test_stdp_event_driven_weight_change_curve_matches_brian2(target):
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
    np.testing.assert_allclose(np.asarray(H.tspike-G.tspike, dtype=float),
                               reference("stdp_event_driven", "delta_t"), rtol=1e-12, atol=1e-15)
    assert_same_synapses("stdp_event_driven", S, syn_w=S.w[:], apre=S.apre[:],
                         apost=S.apost[:])
