"""PoissonInput on both targets: the mean and variance of the increments, string
weights, subgroup targets, determinism across targets, errors."""
import numpy as np
import pytest

from eqsim import (DimensionMismatchError, EqsimError, Hz, NeuronGroup, PoissonInput,
                   StateMonitor, ms, mV, nS, run, seed, start_scope)


def test_mean_increment_per_step_is_n_rate_dt_weight(target):
    seed(4)
    G = NeuronGroup(200, "v : volt")
    P_in = PoissonInput(G, "v", N=40, rate=50 * Hz, weight=0.2 * mV)
    mon = StateMonitor(G, "v", record=True)
    run(20 * ms)
    steps = np.diff(np.asarray(mon.v), axis=1) / 0.2e-3  # arrivals per step
    assert np.allclose(steps, np.round(steps))  # whole numbers of inputs
    n, p = 40, 50 * 1e-4
    count = steps.size
    assert abs(steps.mean() - n * p) < 5 * np.sqrt(n * p * (1 - p) / count)
    assert abs(steps.var() - n * p * (1 - p)) < 0.1 * n * p  # binomial variance
    final = np.asarray(G.v)  # the last step's input arrives after the last record
    assert abs(final.mean() - n * 50 * 0.02 * 0.2e-3) < 5 * np.sqrt(n * 50 * 0.02 / 200) * 0.2e-3


def test_string_weight_uses_target_variables_and_subgroup_gets_only_its_range(target):
    seed(6)
    G = NeuronGroup(20, """v : volt
                           w_in : volt (constant)""")
    G.w_in = "(i + 1)*0.1*mV"
    P_in = PoissonInput(G[10:20], "v", N=100, rate=100 * Hz, weight="w_in")
    run(10 * ms)
    v = np.asarray(G.v)
    assert np.all(v[:10] == 0)
    arrivals = v[10:] / ((np.arange(10, 20) + 1) * 0.1e-3)
    np.testing.assert_allclose(arrivals, np.round(arrivals), atol=1e-9)
    assert abs(arrivals.sum() - 10 * 100 * 100 * 0.01) < 5 * np.sqrt(1000)


def test_seeded_poisson_input_is_identical_on_numpy_and_cython(both_targets):
    def simulate(target_name):
        start_scope()
        seed(99)
        G = NeuronGroup(50, "dg/dt = -g/(5*ms) : siemens", method="exact", name="PIG")
        P1 = PoissonInput(G, "g", N=1000, rate=3 * Hz, weight=0.5 * nS, name="PI")
        P2 = PoissonInput(G, "g", N=7, rate=200 * Hz, weight="0.1*nS", name="PI2")
        run(20 * ms)
        return np.asarray(G.g).copy()

    a, b = both_targets(simulate)
    assert np.all(a > 0)
    np.testing.assert_allclose(a, b, rtol=1e-12, atol=0)


@pytest.mark.parametrize("n, rate", [(200, 1000 * Hz),   # mean 20: past the counted entries
                                     (30, 6000 * Hz),    # p 0.6: drawn as n - Binomial(n, 0.4)
                                     (1000, 500 * Hz)])  # mean 50: several chunks of trials
def test_binomial_counts_are_identical_on_numpy_and_cython_in_every_regime(n, rate, both_targets):
    def simulate(target_name):
        start_scope()
        seed(13)
        G = NeuronGroup(300, "count : 1", name="PIcount")
        inputs = PoissonInput(G, "count", N=n, rate=rate, weight=1, name="PIc")  # noqa: F841
        mon = StateMonitor(G, "count", record=True, name="PIcmon")
        run(3 * ms)
        return np.diff(np.asarray(mon.count), axis=1)

    a, b = both_targets(simulate)
    p = float(rate) * 1e-4
    assert abs(a.mean() - n * p) < 5 * np.sqrt(n * p * (1 - p) / a.size)
    np.testing.assert_array_equal(a, b)


def test_invalid_poisson_inputs_are_errors():
    G = NeuronGroup(2, "v : volt")
    with pytest.raises(EqsimError):
        PoissonInput(G, "u", N=10, rate=1 * Hz, weight=1 * mV)
    with pytest.raises(DimensionMismatchError):
        PoissonInput(G, "v", N=10, rate=1 * Hz, weight=1 * nS)
    with pytest.raises(DimensionMismatchError):
        PoissonInput(G, "v", N=10, rate=1 * ms, weight=1 * mV)
    with pytest.raises(EqsimError):
        PoissonInput(G, "v", N=2.5, rate=1 * Hz, weight=1 * mV)
    P = PoissonInput(G, "v", N=10, rate=1 * Hz, weight="2*nS")
    with pytest.raises(DimensionMismatchError) as info:
        run(1 * ms)
    assert "2*nS" in str(info.value)


def test_input_to_an_unless_refractory_variable_is_held_during_refractoriness(target):
    """As Brian2's PoissonInput (its synapses' on_pre write is conditional): elements in
    refractoriness receive nothing; the others receive their binomial arrivals. The frozen
    elements spike at the first step and stay refractory while ``frozen`` holds (Brian2's
    boolean refractoriness). 600 elements: more than two blocks of the compiled kernel, the
    last one partial."""
    seed(8)
    G = NeuronGroup(600, "dv/dt = 0/ms : 1 (unless refractory)\nfrozen : boolean (constant)",
                    threshold="frozen", reset="v = 0", refractory="frozen")
    G.frozen = "i % 3 == 0"
    P_in = PoissonInput(G, "v", N=50, rate=400 * Hz, weight=1.0)
    run(10 * ms)
    v = np.asarray(G.v)
    frozen = np.arange(600) % 3 == 0
    assert np.all(v[frozen] == 0)
    assert not np.asarray(G.not_refractory)[frozen].any()
    arrivals = v[~frozen]
    np.testing.assert_array_equal(arrivals, np.round(arrivals))
    expected = 50 * 400 * 0.01  # per element over 100 steps
    assert abs(arrivals.mean() - expected) < 5 * np.sqrt(expected / arrivals.size)


def test_a_poisson_input_to_a_variable_the_group_lacks_is_a_key_error():
    # Brian2 test_poissoninput_errors: KeyError "z is not a variable of neurongroup"
    group = NeuronGroup(10, "x : volt\ny : 1")
    with pytest.raises(KeyError) as info:
        PoissonInput(group, "z", 100, 100 * Hz, weight=1.0)
    assert isinstance(info.value, EqsimError) and info.value.code == "EQ277"
    assert "'z'" in str(info.value) and not str(info.value).startswith('"')
