"""End-to-end dynamics of NeuronGroup on both targets: analytic solutions, spike timing,
refractoriness, and agreement of the two targets on random models."""
import numpy as np
import pytest

from eqsim import (NeuronGroup, SpikeMonitor, StateMonitor, defaultclock, ms, prefs, run, second,
                   seed, start_scope)

LIF = """dv/dt = (I - v)/tau : 1 (unless refractory)
I : 1
tau : second (constant)"""


def lif(n=2, refractory=False, model=LIF, **kwargs):
    """The shared LIF shape (fixed names, so compiled modules are reused across tests)."""
    G = NeuronGroup(n, model, threshold="v > 1", reset="v = 0", refractory=refractory,
                    method="exact", name="G", **kwargs)
    G.tau = 10 * ms
    return G


def first_passage_steps(I, tau, dt):
    """Steps from the start of integration until v = I(1 - exp(-t/tau)) exceeds 1."""
    return int(np.ceil(-tau * np.log(1 - 1 / I) / dt))


def test_lif_spike_times_are_analytic_first_passage_rounded_to_the_step(target):
    G = lif()
    G.I = [2.0, 1.5]
    S = SpikeMonitor(G, name="S")
    run(60 * ms)
    dt = 0.1e-3
    for k, I in enumerate([2.0, 1.5]):
        period = first_passage_steps(I, 10e-3, dt)
        # threshold runs after the update of the same step; the spike gets that step's t
        expected = (np.arange(1, 100) * period - 1) * dt
        expected = expected[expected < 60e-3]
        times = np.asarray(S.spike_trains()[k])
        assert len(times) == len(expected) and len(times) > 2
        np.testing.assert_allclose(times, expected, rtol=0, atol=1e-12)


DECAY = """dv/dt = -v/tau : 1
tau : second (constant)"""


def test_exact_exponential_decay_matches_exp_to_1e12(target):
    G = NeuronGroup(2, DECAY, method="exact", name="D")
    G.v = 1
    G.tau = [7, 3] * ms
    M = StateMonitor(G, "v", record=True, name="MD")
    run(50 * ms)
    t = np.asarray(M.t)
    assert len(t) == 500
    np.testing.assert_allclose(M.v, np.exp(-np.outer([1 / 7e-3, 1 / 3e-3], t)), rtol=1e-12, atol=0)


def test_euler_exponential_decay_has_the_first_order_error(target):
    G = NeuronGroup(1, "dv/dt = -v/tau : 1", method="euler", name="D")
    G.v = 1
    tau = 7 * ms
    M = StateMonitor(G, "v", record=0, name="MD")
    run(50 * ms)
    n = np.arange(500)
    h = 0.1 / 7
    np.testing.assert_allclose(M.v[0], (1 - h) ** n, rtol=1e-12)
    # global error of Euler: v_n - exp(-n h) ~ -n h^2 / 2 exp(-n h)
    error = M.v[0] - np.exp(-n * h)
    predicted = -n * h ** 2 / 2 * np.exp(-n * h)
    np.testing.assert_allclose(error[100:], predicted[100:], rtol=0.05)


def expected_refractory_trains(duration):
    """Spike times with a 5 ms refractory period for inputs 2 and 50: after each spike v
    is held for 49 steps, then rises freely to the threshold."""
    trains = []
    for I in (2.0, 50.0):
        steps = first_passage_steps(I, 10e-3, 1e-4)
        times = (steps - 1 + np.arange(200) * (49 + steps)) * 1e-4
        trains.append(times[times < duration])
    return trains


def test_refractory_time_clamps_v_and_separates_spikes(target):
    G = lif(refractory=5 * ms)
    G.I = [2.0, 50.0]
    S = SpikeMonitor(G, name="S")
    M = StateMonitor(G, "v", record=True, name="M")
    run(60 * ms)
    for k, expected in enumerate(expected_refractory_trains(60e-3)):
        assert len(expected) > 3
        np.testing.assert_allclose(np.asarray(S.spike_trains()[k]), expected, atol=1e-12)
    fast = np.asarray(S.spike_trains()[1])
    assert np.all(np.diff(fast) >= 5e-3 - 1e-12)
    # v stays at the reset value while refractory: recorded at steps spike+1 .. spike+50
    v = M.v[1]
    for spike in np.round(fast / 1e-4).astype(int)[:-1]:
        assert np.all(v[spike + 1:spike + 51] == 0)
        assert v[spike + 51] > 0


def test_refractory_string_time_expression_per_neuron(target):
    model = LIF + "\nref : second (constant)"
    G = lif(refractory="ref", model=model)
    G.I = 50.0
    G.ref = [2, 6] * ms
    S = SpikeMonitor(G, name="S")
    run(40 * ms)
    for k, ref in enumerate([2e-3, 6e-3]):
        isi = np.diff(np.asarray(S.spike_trains()[k]))
        # held for the refractory period minus one step, then a free rise to threshold
        expected = ref + (first_passage_steps(50.0, 10e-3, 1e-4) - 1) * 1e-4
        assert len(isi) > 4
        np.testing.assert_allclose(isi, expected, atol=1e-12)


@pytest.mark.parametrize("refractory", ["since < ref", "short", "ref + 0*since"])
def test_a_refractory_expression_may_use_subexpressions(target, refractory):
    G = NeuronGroup(2, """dv/dt = 99.999*Hz : 1 (unless refractory)
                          ref : second
                          since = t - lastspike : second
                          short = since < ref : boolean""",
                    threshold="v>1", reset="v=0", refractory=refractory)
    G.ref = [3, 5] * ms
    S = SpikeMonitor(G)
    run(30 * ms)
    # Brian2 2.9.0, all three: spikes at steps [100, 230] and [100, 250]
    assert np.round(S.spike_trains()[0] / (0.1 * ms)).tolist() == [100, 230]
    assert np.round(S.spike_trains()[1] / (0.1 * ms)).tolist() == [100, 250]


def test_refractory_boolean_condition_acts_like_the_time_version(target):
    G = lif(refractory="(t - lastspike) < 4.95*ms")
    G.I = [2.0, 50.0]
    S = SpikeMonitor(G, name="S")
    # without (unless refractory) v keeps rising, but the threshold waits for the period
    free = NeuronGroup(1, "dv/dt = (I - v)/tau : 1\nI : 1\ntau : second (constant)",
                       threshold="v > 1", reset="v = 0", refractory="(t - lastspike) < 4.95*ms",
                       method="exact", name="H")
    free.I = 50.0
    free.tau = 10 * ms
    S_free = SpikeMonitor(free, name="SH")
    run(60 * ms)
    for k, expected in enumerate(expected_refractory_trains(60e-3)):
        np.testing.assert_allclose(np.asarray(S.spike_trains()[k]), expected, atol=1e-12)
    np.testing.assert_allclose(G.lastspike_, [S.spike_trains()[k][-1] / ms * 1e-3 for k in (0, 1)],
                               atol=1e-12)
    first = (first_passage_steps(50.0, 10e-3, 1e-4) - 1) * 1e-4
    np.testing.assert_allclose(S_free.t_, first + np.arange(12) * 5e-3, atol=1e-12)


def test_a_refractory_condition_only_ends_refractoriness_that_a_spike_started(target):
    """Brian2's rule for a boolean refractory (``not_refractory = not_refractory or not
    (condition)``): a neuron above the condition but that has not spiked is not refractory,
    so it can spike; after the spike it stays refractory while the condition holds. A
    neuron reset above the condition (0.8 > 0.5) never leaves refractoriness. Brian2 2.9.0
    (NumPy target) gives these spikes, final v and not_refractory."""
    G = NeuronGroup(2, "dv/dt = (2 - v)/(5*ms) : 1 (unless refractory)\nx : 1",
                    threshold="v > 1", reset="v = x", refractory="v > 0.5", method="exact",
                    name="BR")
    G.x = [0.0, 0.8]
    S = SpikeMonitor(G, name="SBR")
    run(20 * ms)
    np.testing.assert_array_equal(S.i[:], [0, 1, 0, 0, 0, 0])
    np.testing.assert_allclose(S.t_ * 1e3, [3.4, 3.4, 6.9, 10.4, 13.9, 17.4], atol=1e-9)
    np.testing.assert_allclose(G.v[:], [0.78693868, 0.8], atol=1e-8)
    np.testing.assert_array_equal(G.not_refractory[:], [True, False])


def test_unless_refractory_without_refractory_period_is_ignored(target):
    G = lif()
    G.I = 2.0
    S = SpikeMonitor(G, name="S")
    run(20 * ms)
    assert S.count.tolist() == [2, 2]


NOISY = """dv/dt = -v/tau + sigma*xi*tau**-0.5 : 1
sigma : 1 (constant)
tau : second (constant)"""


def run_noisy(target_name, seed_value, n=3, sigma=2, v0=0, duration=30 * ms):
    """The noisy model with a random reset; returns (v trace, spike indices, spike times, v)."""
    prefs["codegen.target"] = target_name
    start_scope()
    seed(seed_value)
    G = NeuronGroup(n, NOISY, threshold="v > 0.3", reset="v = rand()*0.1", method="euler",
                    name="N")
    G.sigma = sigma
    G.tau = 10 * ms
    G.v = v0
    M = StateMonitor(G, "v", record=[0], name="MN")
    S = SpikeMonitor(G, name="SN")
    run(duration)
    return M.v.copy(), S.i.copy(), np.asarray(S.t).copy(), G.v_.copy()


def test_numpy_and_cython_agree_on_noise_and_rand_in_reset():
    previous = prefs["codegen.target"]
    try:
        v_np, i_np, t_np, final_np = run_noisy("numpy", 2024)
        v_cy, i_cy, t_cy, final_cy = run_noisy("cython", 2024)
    finally:
        prefs["codegen.target"] = previous
    assert len(i_np) > 5  # the reset (and its rand()) did run
    np.testing.assert_array_equal(i_np, i_cy)
    np.testing.assert_allclose(t_np, t_cy, atol=1e-12)
    np.testing.assert_allclose(v_np, v_cy, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(final_np, final_cy, rtol=1e-12, atol=1e-12)


def test_seed_makes_runs_reproducible_and_different_seeds_differ(target):
    first = run_noisy(target, 11)
    again = run_noisy(target, 11)
    other = run_noisy(target, 12)
    np.testing.assert_array_equal(first[0], again[0])
    np.testing.assert_array_equal(first[1], again[1])
    assert not np.allclose(first[0], other[0])
    assert np.std(first[0]) > 0.01  # the noise is there at all


def test_rand_in_reset_draws_uniform_values_in_range(target):
    # no noise, all start above threshold: one step, every neuron spikes and is reset once
    _, i, _, v = run_noisy(target, 5, n=200, sigma=0, v0=2, duration=0.1 * ms)
    assert sorted(i) == list(range(200))
    assert np.all(v >= 0) and np.all(v < 0.1)
    assert len(np.unique(v)) == 200
    assert 0.03 < v.mean() < 0.07


def test_equations_with_substituted_quantities_integrate_like_the_namespace_version(target):
    from eqsim import Equations, mV
    eqs = Equations("dx/dt = (E - x)/tau : volt", tau=10 * ms, E=-70 * mV)
    group = NeuronGroup(1, eqs, method="exact")
    run(10 * ms)
    np.testing.assert_allclose(group.x_, -0.07 * (1 - np.exp(-1)), rtol=1e-12)


def test_exprel_is_expm1_over_x_and_one_at_zero(target):
    group = NeuronGroup(5, """x : 1
                              y = exprel(x) : 1
                              dz/dt = exprel(x)/ms : 1""", method="euler")
    group.x = [-2.0, -1e-9, 0.0, 1e-9, 3.0]
    run(1 * ms)
    expected = np.array([np.expm1(-2.0) / -2.0, np.expm1(-1e-9) / -1e-9, 1.0,
                         np.expm1(1e-9) / 1e-9, np.expm1(3.0) / 3.0])
    np.testing.assert_allclose(group.y[:], expected, rtol=1e-14)
    np.testing.assert_allclose(group.z[:], expected, rtol=1e-12)


def test_subexpressions_are_read_by_run_regularly_reset_and_event_code(target):
    """Brian2 2.9.0 (both targets): run_regularly 'v = sub + sh' [4.5, 6.3, 8.1], the reset
    [5, 7, 9], an event's code [0, 7, 9], a subgroup's run_regularly [0, 6.3, 9] and a
    shared variable set from a shared subexpression 5 (eqsim: "Unknown identifier")."""
    from eqsim import NeuronGroup, start_scope
    model = ("dv/dt = -v/ms : 1\nu : 1\nsub = u*2 + 1 : 1\n"
             "sh = t_in_timesteps*2 : 1 (shared)\nq : 1 (shared)")
    results = {}
    for name, options in (("run_regularly", {}), ("reset", {"threshold": "True",
                                                             "reset": "v = sub + sh"}),
                          ("event", {"events": {"e": "sub > 2"}}), ("subgroup", {})):
        start_scope()
        G = NeuronGroup(3, model, method="euler", **options)
        G.u = "i"
        if name == "run_regularly":
            G.run_regularly("q = sh + 1\nv = sub + sh")
        elif name == "event":
            G.run_on_event("e", "v = sub + sh")
        elif name == "subgroup":
            G[1:3].run_regularly("v = sub + sh + i")
        run(0.3 * ms)
        results[name] = G.v[:]
        if name == "run_regularly":
            assert G.q[:] == 5
    np.testing.assert_allclose(results["run_regularly"], [4.5, 6.3, 8.1], rtol=1e-12)
    np.testing.assert_allclose(results["reset"], [5, 7, 9], rtol=1e-12)
    np.testing.assert_allclose(results["event"], [0, 7, 9], rtol=1e-12)
    np.testing.assert_allclose(results["subgroup"], [0, 6.3, 9], rtol=1e-12)
