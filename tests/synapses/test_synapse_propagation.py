"""Spike propagation through synapses on both targets: delays, accumulation, summed
variables, STDP against the analytic window."""
import numpy as np
import pytest

from eqsim import (NeuronGroup, SpikeGeneratorGroup, StateMonitor,
                   Synapses, ms, mV, run, seed, prefs, start_scope)


def _pulse_source(n, times_ms):
    """Neurons that spike once at the given times (threshold on t, long refractoriness)."""
    g = NeuronGroup(n, "tspike : second", threshold="t >= tspike", refractory=1000 * ms)
    g.tspike = np.asarray(times_ms) * ms
    return g


def _arrival_steps(trace):
    """Steps at which a recorded, otherwise constant trace jumps."""
    return np.flatnonzero(np.diff(trace) != 0) + 1


@pytest.mark.parametrize("delay", [0 * ms, 0.1 * ms, 1.5 * ms])
def test_homogeneous_delay_shifts_arrival_by_delay_steps(target, delay):
    src = _pulse_source(1, [2.0])
    tgt = NeuronGroup(1, "v : 1")
    s = Synapses(src, tgt, on_pre="v_post += 1", delay=delay)
    s.connect()
    m = StateMonitor(tgt, "v", record=0, when="end")
    run(5 * ms)
    first = np.flatnonzero(m.v[0] > 0)[0]
    assert first == 20 + int(round(float(delay / ms) * 10))


def test_heterogeneous_delays_deliver_each_synapse_after_its_own_delay(target):
    src = _pulse_source(1, [1.0])
    tgt = NeuronGroup(3, "v : 1")
    s = Synapses(src, tgt, "w : 1", on_pre="v_post += w")
    s.connect(i=0, j=[0, 1, 2])
    s.w = "j + 1"
    s.delay = "j*0.5*ms"
    m = StateMonitor(tgt, "v", record=True, when="end")
    run(4 * ms)
    arrivals = [np.flatnonzero(m.v[k] > 0)[0] for k in range(3)]
    assert arrivals == [10, 15, 20]
    assert list(m.v[:, -1]) == [1, 2, 3]


def test_synapses_onto_one_neuron_in_the_same_step_all_add(target):
    src = _pulse_source(50, [1.0] * 50)
    tgt = NeuronGroup(2, "v : 1")
    s = Synapses(src, tgt, "w : 1", on_pre="v_post += w")
    s.connect()
    s.w = "0.01*(i + 1)"
    run(2 * ms)
    expected = 0.01 * np.arange(1, 51).sum()
    np.testing.assert_allclose(tgt.v[:], [expected, expected], rtol=1e-12)


def test_post_pathway_runs_on_postsynaptic_spikes_with_its_own_delay(target):
    pre = _pulse_source(1, [1.0])
    post = _pulse_source(1, [3.0])
    s = Synapses(pre, post, "count_post_events : 1", on_pre="", on_post="count_post_events += 1")
    s.connect()
    s.post.delay = 1 * ms
    m = StateMonitor(s, "count_post_events", record=0, when="end")
    run(6 * ms)
    assert np.flatnonzero(m.count_post_events[0] > 0)[0] == 40


@pytest.mark.parametrize("how", ["on_pre", "run_regularly"])
def test_a_synapse_reads_what_an_earlier_synapse_of_the_step_wrote(target, how):
    """``ge_post -= 0.5*ge_pre`` within one group: Brian2's C loop runs the synapses one
    after another (source 0's, then source 1's), so a source reads what an earlier synapse
    wrote to it. Both targets give that (Brian2's NumPy target reads every ge_pre first:
    [0, 1.5, 2.5])."""
    group = NeuronGroup(3, "ge : 1", threshold="i < 2 and t < 0.05*ms")
    group.ge = [1, 2, 4]
    code = "ge_post -= 0.5*ge_pre"
    pathway = Synapses(group, group, on_pre=code if how == "on_pre" else None)
    pathway.connect(i=[0, 0, 1, 1], j=[1, 2, 0, 2])
    if how == "run_regularly":
        pathway.run_regularly(code, dt=1 * ms)
    run(0.3 * ms)
    # 0->1: ge1 = 2 - 0.5;  0->2: ge2 = 4 - 0.5;  1->0: ge0 = 1 - 0.5*1.5;  1->2: 3.5 - 0.75
    np.testing.assert_allclose(group.ge[:], [0.25, 1.5, 2.75], rtol=0, atol=1e-15)


def test_summed_variable_is_the_sum_over_synapses_every_step(target):
    src = NeuronGroup(4, "x : 1")
    src.x = [1, 2, 3, 4]
    tgt = NeuronGroup(2, "total : 1")
    s = Synapses(src, tgt, "w : 1\ntotal_post = w*x_pre : 1 (summed)")
    s.connect(i=[0, 1, 2, 3], j=[0, 0, 1, 1])
    s.w = [1, 10, 100, 1000]
    run(0.3 * ms)
    np.testing.assert_allclose(tgt.total[:], [1 + 20, 300 + 4000])


def test_summed_variables_of_one_name_onto_pre_and_post_are_two_sums(target):
    # syn_sum_pre and syn_sum_post (and neuron_sum_pre/_post) both sum into a variable
    # called syn_sum: one into the source, one into the target group
    g1 = NeuronGroup(4, "neuron_var : 1\nsyn_sum : 1\nneuron_sum : 1")
    g1.neuron_var = "i"
    g2 = NeuronGroup(4, "neuron_var : 1\nsyn_sum : 1\nneuron_sum : 1")
    g2.neuron_var = "i+4"
    s = Synapses(g1, g2, """syn_var : 1
                            neuron_sum_pre = neuron_var_post : 1 (summed)
                            syn_sum_pre = syn_var : 1 (summed)
                            neuron_sum_post = neuron_var_pre : 1 (summed)
                            syn_sum_post = syn_var : 1 (summed)""")
    s.connect(i=[0, 1, 2, 3, 3, 3], j=[0, 0, 0, 1, 2, 3])
    s.syn_var = [0, 1, 2, 3, 4, 5]
    run(0.1 * ms)
    # Brian2 2.9.0 (its test_summed_variable_pre_and_post)
    np.testing.assert_array_equal(g1.syn_sum[:], [0, 1, 2, 12])
    np.testing.assert_array_equal(g1.neuron_sum[:], [4, 4, 4, 18])
    np.testing.assert_array_equal(g2.syn_sum[:], [3, 3, 4, 5])
    np.testing.assert_array_equal(g2.neuron_sum[:], [3, 3, 3, 3])


@pytest.mark.parametrize("onto_subgroup, expected", [
    (False, [0, 0, 1, 0.98]),      # Brian2 2.9: the sum at order -1, before the decay
    (True, [0, 0, 0.98, 0.9604]),  # a subgroup's order is its parent's + 1: the sum at
])                                 # order 0 ties with the state update and runs after it
def test_a_summed_variable_is_taken_where_brian2_takes_it_onto_groups_and_subgroups(
        target, onto_subgroup, expected):
    source = SpikeGeneratorGroup(1, [0], [1] * ms)
    group = NeuronGroup(3, "gtot : 1")
    synapses = Synapses(source, group[1:3] if onto_subgroup else group,
                        """dg/dt = -g/(5*ms) : 1 (clock-driven)
                           gtot_post = g : 1 (summed)""", on_pre="g += 1", method="euler")
    synapses.connect()
    monitor = StateMonitor(group, "gtot", record=True)
    run(1.4 * ms)
    assert group[1:3].order == group.order + 1
    np.testing.assert_allclose(monitor.gtot[1, 10:14], expected, rtol=1e-12, atol=0)


def test_event_driven_stdp_matches_the_analytic_window(target):
    taupre = taupost = 20 * ms
    Apre = 0.01
    Apost = -Apre * 1.05
    tmax = 50 * ms
    N = 41
    G = NeuronGroup(N, "tspike : second", threshold="t > tspike", refractory=100 * ms)
    H = NeuronGroup(N, "tspike : second", threshold="t > tspike", refractory=100 * ms)
    G.tspike = "i*tmax/(N-1)"
    H.tspike = "(N-1-i)*tmax/(N-1)"
    S = Synapses(G, H, """w : 1
        dapre/dt = -apre/taupre : 1 (event-driven)
        dapost/dt = -apost/taupost : 1 (event-driven)""",
                 on_pre="apre += Apre\nw = w + apost", on_post="apost += Apost\nw = w + apre")
    S.connect(j="i")
    run(tmax + 1 * ms)
    # spikes happen one step after tspike is passed; both sides shift alike
    dt_spikes = (H.tspike[:] - G.tspike[:]) / ms
    expected = np.where(dt_spikes > 0, Apre * np.exp(-dt_spikes / 20),
                        Apost * np.exp(dt_spikes / 20))
    nonzero = np.abs(dt_spikes) > 0.2
    np.testing.assert_allclose(S.w[:][nonzero], expected[nonzero], rtol=0.02)


def test_clock_driven_and_event_driven_traces_give_the_same_weights(target):
    results = []
    for flag in ("clock-driven", "event-driven"):
        start_scope()
        G = NeuronGroup(2, "v : 1", threshold="t > (1 + i)*10*ms", refractory=100 * ms)
        S = Synapses(G, G, f"""w : 1
            dapre/dt = -apre/(20*ms) : 1 ({flag})
            dapost/dt = -apost/(20*ms) : 1 ({flag})""",
                     on_pre="apre += 0.01\nw = clip(w + apost, 0, 0.01)",
                     on_post="apost += -0.0105\nw = clip(w + apre, 0, 0.01)", method="exact")
        S.connect(i=0, j=1)
        run(30 * ms)
        results.append(float(S.w[0]))
    np.testing.assert_allclose(results[0], results[1], rtol=1e-9)
    assert results[0] > 0


def test_ei_network_spikes_identical_on_numpy_and_cython():
    counts = {}
    for tgt in ("numpy", "cython"):
        prefs["codegen.target"] = tgt
        start_scope()
        seed(7)
        eqs = """dv/dt = (-60*mV - v + ge*(0*mV - v) + gi*(-80*mV - v) + 20*mV)/(20*ms) : volt (unless refractory)
                 dge/dt = -ge/(5*ms) : 1
                 dgi/dt = -gi/(10*ms) : 1"""
        P = NeuronGroup(400, eqs, threshold="v > -50*mV", reset="v = -60*mV", refractory=5 * ms,
                        method="exponential_euler")
        P.v = "-55*mV + 2*mV*randn()"
        Ce = Synapses(P[:320], P, on_pre="ge_post += 0.6", delay=0.1 * ms)
        Ce.connect(p=0.1)
        Ci = Synapses(P[320:], P, on_pre="gi_post += 6.7", delay=0.1 * ms)
        Ci.connect(p=0.1)
        from eqsim import SpikeMonitor
        M = SpikeMonitor(P)
        run(100 * ms)
        counts[tgt] = (M.num_spikes, M.i.copy(), M.t_.copy())
    prefs["codegen.target"] = "cython"
    assert counts["numpy"][0] == counts["cython"][0] > 0
    np.testing.assert_array_equal(counts["numpy"][1], counts["cython"][1])


def test_an_autapse_writing_its_neuron_as_pre_and_post_keeps_the_last_write_as_brian2_c(target):
    # Brian2 2.9.0 Cython: x = [1, 1, 1, 1, 1, 51] (each synapse loads x_pre and x_post,
    # then stores both; the autapse 5 -> 5 stores x_pre last)
    g = NeuronGroup(6, "x : 1", threshold="i == 5")
    s = Synapses(g, g, on_post="x_post += 10\nx_pre += 1")
    s.connect()
    run(0.1 * ms)
    assert np.array_equal(g.x, [1, 1, 1, 1, 1, 51])
