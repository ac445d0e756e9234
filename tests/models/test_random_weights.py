"""JitFPUniformLinear / JitFPNormalLinear: one random weight per synapse, drawn again at
every spike (procedural) and equal to the stored twin's weights for the same seed."""
import numpy as np
import pytest

from eqsim.errors import ProceduralValueError
from eqsim import (NeuronGroup, SpikeGeneratorGroup, StateMonitor, Synapses,
                   ms, nA, run, seed, start_scope)
from eqsim.models import (CUBA, All2All, Expon, FixedProb, JitFPNormalLinear, JitFPUniformLinear,
                          LIF, Normal, Projection, ProjectionError, Uniform)


def _network(comm_class, procedural, *weights):
    """Every source spikes twice: the summed current shows each synapse's weight twice."""
    start_scope()
    seed(7)
    times = np.r_[np.arange(40) * 0.1, 3.0 + np.arange(40) * 0.1]
    source = SpikeGeneratorGroup(40, np.r_[np.arange(40), np.arange(40)], times * ms)
    post = LIF(30, V_th=1e9, name="post")
    projection = Projection(source, post, comm_class(40, 30, 0.3, *weights, procedural=procedural),
                            syn=Expon(tau=1e9), out=CUBA(), name="P")
    run(8 * ms)
    return projection, np.asarray(post.g_P[:] / nA)


@pytest.mark.parametrize("comm_class, weights", [(JitFPUniformLinear, (0.5, 1.5)),
                                                 (JitFPNormalLinear, (1.0, 0.3))])
def test_procedural_random_weights_equal_the_stored_ones_spike_after_spike(
        numpy_target, comm_class, weights):
    stored, g_stored = _network(comm_class, False, *weights)
    w = np.asarray(stored.synapses.w[:] / nA)
    i, j = np.asarray(stored.synapses.i[:]), np.asarray(stored.synapses.j[:])
    expected = 2 * np.bincount(j, weights=w, minlength=30)  # tau 1e9 ms: decay < 1e-8
    np.testing.assert_allclose(g_stored, expected, rtol=1e-7)
    procedural, g_procedural = _network(comm_class, True, *weights)
    assert len(procedural.synapses) == len(i)
    # the same weights, summed onto each target to rounding (the order of the sum may differ)
    np.testing.assert_allclose(g_procedural, g_stored, rtol=1e-13)
    # the weights follow the distribution and differ synapse by synapse
    assert len(np.unique(w)) == len(w) > 300
    if comm_class is JitFPUniformLinear:
        assert 0.5 <= w.min() and w.max() < 1.5 and abs(w.mean() - 1.0) < 4 * np.sqrt(1 / 12 / len(w))
    else:
        assert abs(w.mean() - 1.0) < 4 * 0.3 / np.sqrt(len(w)) and abs(w.std() - 0.3) < 0.05


def test_procedural_weight_of_each_synapse_is_bitwise_the_stored_one(numpy_target):
    def one_spike(procedural):
        start_scope()
        seed(7)
        source = SpikeGeneratorGroup(40, [5], [1 * ms])
        post = LIF(30, V_th=1e9, name="post")
        projection = Projection(source, post, JitFPUniformLinear(40, 30, 0.3, 0.5, 1.5,
                                                                  procedural=procedural),
                                syn=Expon(tau=1e9), out=CUBA(), name="P")
        run(1.2 * ms)
        return projection.synapses, np.asarray(post.g_P[:] / nA)
    stored, g_stored = one_spike(False)
    _, g_procedural = one_spike(True)
    # one spike: each target's g is one synapse's weight (decayed by tau = 1e9 ms)
    mine = np.asarray(stored.i[:]) == 5
    assert mine.sum() > 3
    np.testing.assert_array_equal(g_procedural, g_stored)
    np.testing.assert_allclose(g_procedural[np.asarray(stored.j[:])[mine]],
                               np.asarray(stored.w[:] / nA)[mine], rtol=1e-9)


def test_procedural_random_weights_are_the_same_on_both_targets(both_targets):
    def simulate(target):
        return _network(JitFPNormalLinear, True, 1.0, 0.3)[1]
    numpy_g, cython_g = both_targets(simulate)
    # normals go through log and cos: C's libm and NumPy's may differ by an ulp
    np.testing.assert_allclose(cython_g, numpy_g, rtol=1e-12)


def _synapses_with_value(expression, model="w : 1 (constant)"):
    start_scope()
    seed(3)
    source = NeuronGroup(20, "v : 1", threshold="True")
    target = NeuronGroup(20, "v : 1")
    syn = Synapses(source, target, model, on_pre="v_post += w")
    syn.connect(p=0.5, procedural=True)
    if expression is not None:
        syn.w = expression
    return syn, source, target


def test_procedural_synapse_value_expression_is_redrawn_identically_at_each_step(numpy_target):
    syn, source, target = _synapses_with_value("1 + rand()")
    monitor = StateMonitor(target, "v", record=True)
    run(0.4 * ms)
    v = np.asarray(monitor.v)
    # every source spikes in every step: each step adds the same per-target sum again
    np.testing.assert_allclose(v[:, 3] - v[:, 2], v[:, 1], rtol=1e-12)
    np.testing.assert_allclose(v[:, 2] - v[:, 1], v[:, 1], rtol=1e-12)
    assert np.all(v[:, 1] > 0)


def test_procedural_synapse_values_refuse_arrays_missing_expressions_and_variables(numpy_target):
    syn, source, target = _synapses_with_value(None)
    with pytest.raises(ProceduralValueError, match="not stored"):
        syn.w = np.ones(10)
    with pytest.raises(ProceduralValueError, match="has no expression"):
        run(0.1 * ms)
    syn, source, target = _synapses_with_value("v_pre*rand()")
    with pytest.raises(ProceduralValueError, match="not a constant"):
        run(0.1 * ms)
    syn, source, target = _synapses_with_value("rand()*ms", model="w : 1 (constant)")
    with pytest.raises(ProceduralValueError, match="unit"):
        run(0.1 * ms)


def test_fixed_prob_with_an_initializer_weight_draws_the_same_weights(numpy_target):
    _, g_jit = _network(JitFPUniformLinear, False, 0.5, 1.5)

    def fixed_prob(num_in, num_out, prob, low, high, procedural):
        return FixedProb(prob, weight=Uniform(low, high), procedural=procedural)
    _, g_fixed = _network(fixed_prob, True, 0.5, 1.5)
    np.testing.assert_allclose(g_fixed, g_jit, rtol=1e-13)
    start_scope()
    source = SpikeGeneratorGroup(3, [0], [1 * ms])
    with pytest.raises(ProjectionError, match="need FixedProb"):
        Projection(source, LIF(2), All2All(weight=Normal(1.0, 0.1)), out=CUBA())
