"""Procedural rows kept as masks (eqsim/codegen/procedural_rows.py): a dense procedural
pathway draws each spiking source's row as bit masks once and keeps it within the
preference ``codegen.cython.procedural_cache_mb``. Kept, partly kept or drawn at every
spike, it gives the bits of stored synapses and of the NumPy target, and the counts an
independent calculation gives."""
import numpy as np
import pytest

from eqsim import (Network, NeuronGroup, SpikeGeneratorGroup, SpikeMonitor, Synapses, ms,
                   prefs, seed)
from eqsim.codegen import module
from eqsim.codegen.procedural_rows import cache_capacity


@pytest.fixture
def restore_prefs():
    names = ("codegen.target", "codegen.cython.procedural_cache_mb",
             "codegen.cython.num_threads")
    previous = [prefs[n] for n in names]
    yield
    for name, value in zip(names, previous):
        prefs[name] = value


def _recurrent(target, cache_mb, on_pre, procedural=True, pre=slice(None), post=slice(None),
               namespace=None, shared=False, p=0.3, run=None, refractory=False):
    """A 300-neuron recurrent net (not a multiple of 64 targets: a partial last word) run
    in two pieces (the kept rows outlive a run() call), or by ``run(net)``; its spikes, v,
    z and whether the kept-row code ran."""
    prefs["codegen.target"] = target
    prefs["codegen.cython.procedural_cache_mb"] = cache_mb
    seed(5)
    unless = " (unless refractory)" if refractory else ""
    group = NeuronGroup(300, f"dv/dt = (1.15 - v)/(10*ms) : 1{unless}\nz : 1",
                        threshold="v > 1", reset="v = 0", method="exact", name="rows_group",
                        refractory=2 * ms if refractory else False)
    group.v = "rand()"
    model = "c : 1 (shared)" if shared else ""
    syn = Synapses(group[pre], group[post], model, on_pre=on_pre, namespace=namespace,
                   delay=0.2 * ms, name="rows_syn")
    syn.connect(p=p, procedural=procedural)
    if shared:
        syn.c = -0.004
    spikes = SpikeMonitor(group, name="rows_spikes")
    net = Network(group, syn, spikes)
    if run is None:
        net.run(17 * ms)
        net.run(23 * ms)
    else:
        run(net)
    kept = target == "cython" and "procedural_rows.py" in net._module.source
    return (spikes.i[:].copy(), spikes.t_[:].copy(), group.v_[:].copy(), group.z_[:].copy(),
            kept)


CASES = {
    "constant": dict(on_pre="v_post += -0.01"),
    "namespace weight": dict(on_pre="v_post -= w", namespace={"w": 0.008}),
    "subgroups": dict(on_pre="v_post += -0.01", pre=slice(20, 250), post=slice(37, 290)),
    "scalar code": dict(on_pre="tmp = c * 2\nv_post += tmp", shared=True),
    # a sum, not a number times a sum: compiled with fast math, 0.01*(1 + i*0.001) is
    # free to round differently in the stored and the procedural kernel
    "per-synapse statements": dict(on_pre="v_post += -0.01 - i*0.00001\nz_post += j",
                                   post=slice(70, 300)),
    "random weights": dict(on_pre="v_post += -0.02*rand()"),
    "refractory targets": dict(on_pre="v_post += -0.01", refractory=True),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_kept_partly_kept_and_redrawn_rows_give_the_bits_of_stored_synapses(restore_prefs,
                                                                          case):
    stored = _recurrent("cython", 64, procedural=False, **CASES[case])
    assert stored[0].size > 150 and not stored[4]
    # 64 MB keeps every row; 0.0002 MB a few (the rest drawn at each spike); 0 none
    for cache_mb in (64, 0.0002, 0):
        kept = _recurrent("cython", cache_mb, **CASES[case])
        assert kept[4]
        for a, b in zip(kept[:4], stored[:4]):
            np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("case", ["constant", "per-synapse statements", "random weights",
                                  "refractory targets"])
def test_kept_rows_give_the_bits_of_the_numpy_target(restore_prefs, case):
    compiled = _recurrent("cython", 64, **CASES[case])
    reference = _recurrent("numpy", 64, **CASES[case])
    assert compiled[4] and compiled[0].size > 150
    for a, b in zip(compiled[:2], reference[:2]):
        np.testing.assert_array_equal(a, b)
    # the state update's exp: C's libm and NumPy's may differ by an ulp
    for a, b in zip(compiled[2:4], reference[2:4]):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("alternate", [1, 1_000_000])
@pytest.mark.parametrize("cache_mb", [64, 0.0002])
def test_kept_rows_on_the_team_give_what_one_thread_gives(restore_prefs, monkeypatch,
                                                          run_switching, alternate, cache_mb):
    # the team draws and adds each row's words by thread (alternate=1: the team every
    # other step, rows drawn on one thread and on the team mixed)
    monkeypatch.setattr(module, "THREAD_MIN_ELEMENTS", 100)
    case = dict(on_pre="v_post += -0.01", post=slice(37, 300))
    one = _recurrent("cython", cache_mb, **case)
    prefs["codegen.cython.num_threads"] = 2
    team = _recurrent("cython", cache_mb, **case,
                      run=lambda net: run_switching(net, 40 * ms, alternate))
    prefs["codegen.cython.num_threads"] = 1
    assert one[4] and team[4] and one[0].size > 150
    for a, b in zip(one[:4], team[:4]):
        np.testing.assert_array_equal(a, b)


def test_sparse_procedural_rows_keep_the_geometric_walk(restore_prefs):
    walk = _recurrent("cython", 64, on_pre="v_post += -0.1", p=0.03)
    stored = _recurrent("cython", 64, on_pre="v_post += -0.1", p=0.03, procedural=False)
    assert not walk[4]
    for a, b in zip(walk[:4], stored[:4]):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("cache_mb", [64, 0.001, 0])
def test_each_target_gets_one_event_per_procedural_synapse_of_each_spike(restore_prefs,
                                                                        cache_mb):
    # no dynamics: a target's count is the number of synapses onto it from the sources
    # that spiked, times their spikes (connections from the NumPy sampler, independently)
    prefs["codegen.target"] = "cython"
    prefs["codegen.cython.procedural_cache_mb"] = cache_mb
    seed(9)
    n_pre, n_post = 700, 1000
    times = np.arange(0, 400) * 0.1
    sources = (np.arange(400) * 37) % n_pre  # some sources spike again (kept rows reused)
    gen = SpikeGeneratorGroup(n_pre, sources, times * ms, name="rows_gen")
    tgt = NeuronGroup(n_post, "g : 1", name="rows_tgt")
    syn = Synapses(gen, tgt[130:], on_pre="g_post += 1", name="rows_counted")
    syn.connect(p=0.1, procedural=True)
    net = Network(gen, tgt, syn)
    net.run(45 * ms)
    assert "procedural_rows.py" in net._module.source
    i, j = syn._procedural_pairs()
    spikes_of = np.bincount(sources, minlength=n_pre)
    expected = np.bincount(j + 130, weights=spikes_of[i], minlength=n_post)
    np.testing.assert_array_equal(tgt.g[:], expected)
    assert expected[:130].sum() == 0 and expected.sum() > 3000


def test_the_cache_holds_as_many_rows_as_the_budget_allows():
    assert cache_capacity(words=125, n_rows=10_000, budget_mb=64) == 10_000
    assert cache_capacity(words=125, n_rows=10_000, budget_mb=1) == 1000
    assert cache_capacity(words=125, n_rows=10_000, budget_mb=0) == 0
    assert cache_capacity(words=0, n_rows=10_000, budget_mb=64) == 0


def test_the_cache_budget_must_be_a_finite_number_of_megabytes(restore_prefs):
    for bad in (-1, float("inf"), "64", True):
        with pytest.raises(Exception, match="procedural_cache_mb"):
            prefs["codegen.cython.procedural_cache_mb"] = bad
    prefs["codegen.cython.procedural_cache_mb"] = 0.5
    assert prefs["codegen.cython.procedural_cache_mb"] == 0.5
