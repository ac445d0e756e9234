"""Procedural connectivity: nothing stored, targets regenerated at each spike with
the same counter-based draws as a stored connect(p=...)."""
import numpy as np
import pytest

from eqsim import (ConnectError, EquationError, NeuronGroup, Synapses, ms, run, seed,
                   start_scope)


def _drive(procedural, p=0.1):
    start_scope()
    seed(11)
    src = NeuronGroup(200, "tspike : second", threshold="t >= tspike", refractory=1000 * ms)
    src.tspike = "i*0.05*ms"
    tgt = NeuronGroup(300, "v : 1\nsum_j : 1")
    syn = Synapses(src, tgt, on_pre="v_post += 1 + i*0.001\nsum_j_post += j", delay=0.3 * ms)
    syn.connect(p=p, procedural=procedural)
    run(12 * ms)
    return syn, tgt.v[:].copy(), tgt.sum_j[:].copy()


def test_procedural_synapses_act_exactly_like_stored_ones_for_the_same_seed(target):
    stored, v_stored, j_stored = _drive(False)
    procedural, v_proc, j_proc = _drive(True)
    assert len(stored) == len(procedural) > 0
    np.testing.assert_array_equal(v_stored, v_proc)
    np.testing.assert_array_equal(j_stored, j_proc)


def test_procedural_synapses_store_no_per_synapse_arrays():
    syn, _, _ = _drive(True)
    sizes = [var.array.size for name, var in syn.variables.items()
             if hasattr(var, "array") and var.array is not None]
    assert max(sizes) <= 1


def test_procedural_connection_count_and_fan_out_follow_the_binomial():
    start_scope()
    seed(3)
    n_pre, n_post, p = 2000, 1500, 0.05
    src = NeuronGroup(n_pre, "v : 1", threshold="False")
    tgt = NeuronGroup(n_post, "v : 1")
    syn = Synapses(src, tgt, on_pre="v_post += 1")
    syn.connect(p=p, procedural=True)
    mean, sd = n_pre * n_post * p, np.sqrt(n_pre * n_post * p * (1 - p))
    assert abs(len(syn) - mean) < 4 * sd
    i, _ = syn._procedural_pairs()
    fan_out = np.bincount(i, minlength=n_pre)
    assert abs(fan_out.mean() - n_post * p) < 4 * np.sqrt(n_post * p * (1 - p) / n_pre)
    assert abs(fan_out.var() / (n_post * p * (1 - p)) - 1) < 0.15


def test_procedural_connect_rejects_per_synapse_variables_and_other_forms():
    src = NeuronGroup(5, "v : 1", threshold="v > 1")
    syn = Synapses(src, src, "w : 1", on_pre="v_post += w")
    with pytest.raises(ConnectError, match="per-synapse"):
        syn.connect(p=0.5, procedural=True)
    plain = Synapses(src, src, on_pre="v_post += 1")
    with pytest.raises(ConnectError, match="only connect"):
        plain.connect(condition="i != j", p=0.5, procedural=True)
    with pytest.raises(ConnectError, match="only connect"):
        plain.connect(p="0.1*i", procedural=True)


def _random_increments(target):
    start_scope()
    seed(5)
    src = NeuronGroup(100, "tspike : second", threshold="t >= tspike", refractory=1000 * ms,
                      name="src")
    src.tspike = "i*0.02*ms"
    tgt = NeuronGroup(150, "u : 1\nz : 1\nn : 1", name="tgt")
    syn = Synapses(src, tgt, on_pre="u_post += rand()\nz_post += randn()\nn_post += 1",
                   name="syn")
    syn.connect(p=0.2, procedural=True)
    run(3 * ms)
    return tgt.u[:].copy(), tgt.z[:].copy(), tgt.n[:].copy()


def test_random_draws_in_procedural_on_pre_are_the_same_on_both_targets(both_targets):
    (u_np, z_np, n_np), (u_c, z_c, n_c) = both_targets(_random_increments)
    np.testing.assert_array_equal(n_np, n_c)
    np.testing.assert_array_equal(u_np, u_c)
    # normals go through log and cos: C's libm and NumPy's may differ by an ulp
    np.testing.assert_allclose(z_np, z_c, rtol=1e-12, atol=1e-12)
    # each synapse's draw is its own: sums of n uniforms / normals, not n copies of one
    total = n_np.sum()
    assert total > 2000
    assert abs(u_np.sum() / total - 0.5) < 4 * np.sqrt(1 / 12 / total)
    assert abs(z_np.sum() / np.sqrt(total)) < 4
    assert len(np.unique(u_np[n_np > 0] / n_np[n_np > 0])) > 0.9 * (n_np > 0).sum()
