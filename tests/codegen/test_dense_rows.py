"""Dense pathways (eqsim/codegen/dense_rows.py): rows that hold a fifth or more of their
targets, whose on_pre adds one value shared by the step to one target variable, run as bit
masks over the targets. They give the bits of the synapse loop, on one thread and on the
team, and the counts an independent calculation gives."""
import numpy as np
import pytest

from eqsim import (Network, NeuronGroup, SpikeGeneratorGroup, SpikeMonitor, Synapses, ms,
                   prefs, seed)
from eqsim.codegen import dense_rows
from eqsim.codegen.module import network_glue


@pytest.fixture
def cython_target():
    previous = prefs["codegen.target"], prefs["codegen.cython.num_threads"]
    prefs["codegen.target"] = "cython"
    yield
    prefs["codegen.target"], prefs["codegen.cython.num_threads"] = previous


def _uses_masks(net):
    return "_words(" in net._module.source


def _recurrent(run_switching, on_pre, pre=slice(None), post=slice(None), threads=1,
               alternate=None, namespace=None, shared=False, n=300, p=0.3):
    """A 300-neuron recurrent net (not a multiple of 64 targets: a partial last word);
    its spikes, v and whether the masks ran."""
    prefs["codegen.cython.num_threads"] = threads
    seed(5)
    group = NeuronGroup(n, "dv/dt = (1.15 - v)/(10*ms) : 1", threshold="v > 1",
                        reset="v = 0", method="exact", name="dense_group")
    group.v = "rand()"
    model = "c : 1 (shared)" if shared else ""
    syn = Synapses(group[pre], group[post], model, on_pre=on_pre, namespace=namespace,
                   name="dense_syn")
    syn.connect(p=p)
    if shared:
        syn.c = -0.004
    spikes = SpikeMonitor(group, name="dense_spikes")
    net = Network(group, syn, spikes)
    run_switching(net, 40 * ms, alternate)
    return spikes.i[:].copy(), spikes.t_[:].copy(), group.v_[:].copy(), _uses_masks(net)


CASES = {
    "constant": dict(on_pre="v_post += -0.01"),
    "namespace weight": dict(on_pre="v_post += w", namespace={"w": -0.008}),
    "subgroups": dict(on_pre="v_post += -0.01", pre=slice(20, 250), post=slice(37, 290)),
    "scalar code": dict(on_pre="tmp = c * 2\nv_post += tmp", shared=True),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_dense_pathway_gives_the_bits_of_the_synapse_loop(cython_target, monkeypatch, case,
                                                            run_switching):
    dense = _recurrent(run_switching, **CASES[case])
    monkeypatch.setattr(dense_rows, "DENSE_MIN_DENSITY", 2.0)  # no pathway is dense enough
    loop = _recurrent(run_switching, **CASES[case])
    assert dense[3] and not loop[3]
    assert dense[0].size > 150
    for a, b in zip(dense[:3], loop[:3]):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("alternate", [1, 1_000_000])
def test_a_dense_pathway_on_the_team_gives_what_one_thread_gives(cython_target, alternate,
                                                                 run_switching):
    one = _recurrent(run_switching, "v_post += -0.01", post=slice(5, 300))
    team = _recurrent(run_switching, "v_post += -0.01", post=slice(5, 300), threads=2,
                      alternate=alternate)
    assert one[3] and team[3]
    for a, b in zip(one[:3], team[:3]):
        np.testing.assert_array_equal(a, b)


def test_a_dense_pathway_on_the_team_in_tapered_parts_gives_what_one_thread_gives(
        cython_target, run_switching):
    """2,600 targets: 11 element blocks, 8 tapered parts (kinds.part_starts) whose words
    eqsim_dense_split finds with eqsim_part_start"""
    from eqsim.codegen.kinds import part_starts
    assert part_starts(11, 8, True) != part_starts(11, 8, False)
    kwargs = dict(post=slice(0, 2600), n=2600, p=0.3)
    one = _recurrent(run_switching, "v_post += -0.002", **kwargs)
    team = _recurrent(run_switching, "v_post += -0.002", threads=2, alternate=1, **kwargs)
    assert one[3] and team[3] and one[0].size > 500
    for a, b in zip(one[:3], team[:3]):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("target", ["cython", "numpy"])
def test_each_target_gets_the_value_once_per_synapse_of_each_spike(target):
    # no dynamics: a target's g is w times the synapses onto it from the sources that
    # spiked (each source spikes once), whatever the order of the adds (all exact)
    previous = prefs["codegen.target"]
    prefs["codegen.target"] = target
    try:
        seed(2)
        sources = SpikeGeneratorGroup(40, np.arange(40), (np.arange(40) % 7) * 0.5 * ms,
                                      name="dense_sources")
        targets = NeuronGroup(130, "g : 1", name="dense_targets")
        syn = Synapses(sources, targets, on_pre="g_post += 0.25", name="dense_counted")
        syn.connect(p=0.5)
        net = Network(sources, targets, syn)
        net.run(5 * ms)
        expected = 0.25 * np.bincount(np.asarray(syn.j), minlength=130)
        np.testing.assert_array_equal(np.asarray(targets.g), expected)
        assert target == "numpy" or _uses_masks(net)
    finally:
        prefs["codegen.target"] = previous


def _source_of(on_pre, model="", connect=None, refractory=False):
    seed(4)
    equations = "dv/dt = -v/(10*ms) : 1" + (" (unless refractory)" if refractory else "")
    group = NeuronGroup(200, equations, threshold="v > 1", reset="v = 0",
                        refractory=2 * ms if refractory else False, name="kept_group")
    syn = Synapses(group, group, model, on_pre=on_pre, name="kept_syn")
    syn.connect(**(connect or dict(p=0.5)))
    if "w" in model:
        syn.w = 0.1
    net = Network(group, syn)
    net.run(0.2 * ms)
    return _uses_masks(net)


@pytest.mark.parametrize("what", ["sparse", "per-synapse weight", "two synapses per pair",
                                  "refractory target", "pre variable written"])
def test_other_pathways_keep_the_synapse_loop(cython_target, what):
    kept = {
        "sparse": dict(on_pre="v_post += 0.1", connect=dict(p=0.1)),
        "per-synapse weight": dict(on_pre="v_post += w", model="w : 1"),
        "two synapses per pair": dict(on_pre="v_post += 0.1", connect=dict(p=0.5, n=2)),
        "refractory target": dict(on_pre="v_post += 0.1", refractory=True),
        "pre variable written": dict(on_pre="v_post += 0.1\nv_pre += 0.01"),
    }[what]
    assert not _source_of(**kept)
    assert _source_of("v_post += 0.1")  # the same network, dense


def test_row_masks_set_one_bit_per_synapse_and_refuse_a_repeated_target():
    post = np.array([0, 3, 64, 129, 5, 63], dtype=np.int32)
    ptr = np.array([0, 4, 4, 6], dtype=np.int64)
    masks = dense_rows.row_masks(post, ptr, 130)
    assert masks.shape == (3, 3) and masks.dtype == np.uint64
    assert masks[0].tolist() == [1 | 1 << 3, 1, 2] and masks[1].tolist() == [0, 0, 0]
    assert masks[2].tolist() == [1 << 5 | 1 << 63, 0, 0]
    assert dense_rows.row_masks(np.array([2, 7, 2], dtype=np.int32),
                                np.array([0, 3], dtype=np.int64), 8) is None
    with pytest.raises(ValueError):
        network_glue().row_masks(post, ptr, np.zeros((2, 3), dtype=np.uint64))


@pytest.mark.parametrize("source", ["subgroup", "group"])
def test_an_on_post_pathway_adds_to_the_neuron_that_spiked_as_brian2(target, source):
    """Its rows (postsynaptic spikes) are no runs of storage: masks made from storage
    order added to other neurons on the C target ([0 0 0 10 10 10] against Brian2 2.9's
    [0 0 0 0 0 30] for the subgroup)."""
    G = NeuronGroup(6, "x : 1", threshold="i == 5")
    S = Synapses(G[:3] if source == "subgroup" else G, G, on_post="x_post += 10")
    S.connect()
    Network(G, S).run(0.1 * ms)
    expected = 10.0 * (3 if source == "subgroup" else 6)
    np.testing.assert_array_equal(G.x[:], [0, 0, 0, 0, 0, expected])
