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


def every_kind():
    """One object of every kind that has state, with fixed names and creation order."""
    from eqsim import (EventMonitor, PoissonInput, PopulationRateMonitor,
                       SpikeGeneratorGroup, TimedArray, network_operation)
    seed(4)
    drive = TimedArray([0.5, 1.5, 0.8] * 10, dt=1 * ms)
    cells = NeuronGroup(6, """dv/dt = (drive(t) - v)/(4*ms) : 1 (unless refractory)
                              n : integer""", threshold="v > 1", reset="v = 0\nn += 1",
                        refractory=1 * ms, events={"high": "v > 0.7"}, method="euler",
                        namespace={"drive": drive},
                        name="ek_cells")
    cells.run_regularly("v += 0.05", dt=2 * ms, name="ek_regular")
    gen = SpikeGeneratorGroup(2, [0, 1, 0], [1, 3, 7] * ms, period=9 * ms, name="ek_gen")
    lattice = Synapses(gen, cells, on_pre="v_post += 0.4", name="ek_procedural")
    lattice.connect(p=0.5, procedural=True)
    plastic = Synapses(cells[:3], cells[3:], "w : 1", on_pre="v_post += w",
                       on_post="w = clip(w + 0.01, 0, 1)", delay=2 * ms, name="ek_plastic")
    plastic.connect()
    plastic.w = "0.1*j"
    noise = PoissonInput(cells, "v", 5, 80 * Hz, 0.05, name="ek_input")
    calls = []
    tick = network_operation(dt=1 * ms, name="ek_tick")(lambda: calls.append(1))
    monitors = [StateMonitor(cells, ("v", "n"), record=True, name="ek_trace"),
                SpikeMonitor(cells[2:], variables="v", name="ek_spikes"),
                EventMonitor(cells, "high", name="ek_high"),
                PopulationRateMonitor(cells, name="ek_rate")]
    net = Network(cells, gen, lattice, plastic, noise, tick, *monitors, name="ek_net")
    return net, cells, plastic, monitors


def every_kind_results(net, cells, plastic, monitors):
    trace, spikes, high, rate = monitors
    return {"v": cells.v_, "n": cells.n_, "w": plastic.w_, "trace": trace.v, "i": spikes.i,
            "spike_v": spikes.v, "high": high.i, "high_t": high.t_, "rate": np.asarray(rate.rate),
            "count": spikes.count}


def test_every_kind_of_object_round_trips_through_a_file(target, tmp_path):
    start_scope()
    net, *objects = every_kind()
    net.run(12 * ms)
    expected = {k: np.array(v) for k, v in every_kind_results(net, *objects).items()}
    start_scope()
    net, *objects = every_kind()
    net.run(5 * ms)
    net.store("part", filename=str(tmp_path / "kinds.ckpt"))
    start_scope()
    net, *objects = every_kind()
    net.restore("part", filename=str(tmp_path / "kinds.ckpt"))
    net.run(7 * ms)
    found = every_kind_results(net, *objects)
    assert expected["i"].size > 2 and expected["high"].size > 2 and expected["w"].sum() > 0.95  # plastic
    for key, value in expected.items():
        np.testing.assert_array_equal(found[key], value, err_msg=key)
