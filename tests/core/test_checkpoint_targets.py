"""Checkpoint files are portable between targets: a run stored on one target and
restored on the other continues exactly as an uninterrupted run (synapses with delays
in flight, STDP traces, monitors, Poisson spike trains and noise)."""
import numpy as np
import pytest

from eqsim import (Hz, Network, NeuronGroup, PoissonGroup, SpikeMonitor, StateMonitor,
                   Synapses, ms, prefs, seed, start_scope)

STDP = """w : 1
dApre/dt = -Apre/(5*ms) : 1 (event-driven)
dApost/dt = -Apost/(5*ms) : 1 (event-driven)"""


def build():
    """The same network (names, creation order, seed) each time, as a script run again."""
    seed(11)
    inputs = PoissonGroup(30, rates=150 * Hz, name="ck_in")
    cells = NeuronGroup(4, "dv/dt = -v/(8*ms) + 0.2*xi*(8*ms)**-0.5 : 1", threshold="v > 1",
                        reset="v = 0", method="euler", name="ck_cells")
    syn = Synapses(inputs, cells, STDP, name="ck_syn",
                   on_pre="v_post += w\nApre += 0.02\nw = clip(w + Apost, 0, 1)",
                   on_post="Apost -= 0.02\nw = clip(w + Apre, 0, 1)")
    syn.connect(p=0.6)
    syn.w = "0.2 + 0.3*rand()"
    syn.delay = "0.5*ms + 4*ms*rand()"  # heterogeneous: spikes are in flight at the store
    trace = StateMonitor(cells, "v", record=[0, 3], name="ck_trace")
    spikes = SpikeMonitor(cells, name="ck_spikes")
    source = SpikeMonitor(inputs, name="ck_source")
    net = Network(inputs, cells, syn, trace, spikes, source, name="ck_net")
    return net, cells, syn, trace, spikes, source


def results(cells, syn, trace, spikes, source):
    return {"v": cells.v_.copy(), "w": syn.w_.copy(), "Apre": syn.Apre_.copy(),
            "trace": trace.v.copy(), "i": spikes.i.copy(), "t": spikes.t_.copy(),
            "source_i": source.i.copy(), "source_t": source.t_.copy()}


def uninterrupted(target):
    prefs["codegen.target"] = target
    start_scope()
    net, *objects = build()
    net.run(20 * ms)
    return results(*objects)


def continued(first, second, filename, random_seed=11):
    """Run 10 ms on ``first``, store to a file, rebuild the network, restore on ``second``
    (after seeding with ``random_seed``), run 10 ms more."""
    prefs["codegen.target"] = first
    start_scope()
    net, *_ = build()
    net.run(10 * ms)
    assert any(len(s) for s in net["ck_syn"].pre.queue_state)  # spikes in flight
    net.store("half", filename=filename)
    prefs["codegen.target"] = second
    start_scope()
    net, *objects = build()
    seed(random_seed)
    net.restore("half", filename=filename, restore_random_state=random_seed != 11)
    net.run(10 * ms)
    return results(*objects)


def assert_same(expected, found):
    assert expected["i"].size > 3 and expected["source_i"].size > 50
    for key in expected:
        np.testing.assert_allclose(found[key], expected[key], rtol=1e-12, atol=1e-14,
                                   err_msg=key)


@pytest.mark.parametrize("first, second", [("numpy", "cython"), ("cython", "numpy")])
def test_state_stored_on_one_target_continues_on_the_other_as_an_uninterrupted_run(
        first, second, tmp_path):
    previous = prefs["codegen.target"]
    try:
        expected = uninterrupted(second)
        found = continued(first, second, str(tmp_path / "net.ckpt"))
    finally:
        prefs["codegen.target"] = previous
    assert_same(expected, found)


def test_restore_random_state_continues_the_draws_after_another_seed(tmp_path):
    previous = prefs["codegen.target"]
    try:
        expected = uninterrupted("numpy")
        found = continued("numpy", "numpy", str(tmp_path / "net.ckpt"), random_seed=99)
    finally:
        prefs["codegen.target"] = previous
    assert_same(expected, found)
