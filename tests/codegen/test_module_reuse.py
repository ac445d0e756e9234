"""A run() that builds what the network's last run() built keeps its module
(eqsim/codegen/module_reuse.py), on both targets: kept only when nothing that reaches the
module changed, and with the same numbers as a network that builds it anew."""
import numpy as np
import pytest

from eqsim import (Network, NetworkOperation, NeuronGroup, SpikeMonitor, StateMonitor,
                   Synapses, ms, prefs, restore, seed, store)
from eqsim.codegen import module_reuse
from eqsim.errors import CodegenError

LIF = "dv/dt = (drive - v) / tau : 1 (unless refractory)"


def lif_network(size=40, delay=None):
    """LIF neurons driving each other, with monitors: one network of every test here."""
    group = NeuronGroup(size, LIF, threshold="v > 1", reset="v = 0", refractory=1 * ms,
                        method="exact", name="G")
    group.v = "i / (2.0 * N)"
    synapses = Synapses(group, group, "w : 1", on_pre="v_post += w", name="S")
    synapses.connect(condition="i != j", p=0.3)
    synapses.w = 0.05
    if delay is not None:
        synapses.delay = delay
    spikes = SpikeMonitor(group, name="spikes")
    trace = StateMonitor(group, "v", record=[0, 5], name="trace")
    return group, synapses, spikes, trace


def test_a_second_run_with_nothing_changed_keeps_the_module_and_continues_exactly(target):
    seed(3)
    drive, tau = 1.5, 10 * ms
    group, synapses, spikes, trace = lif_network()
    net = Network(group, synapses, spikes, trace)
    net.run(5 * ms)
    first = net._module
    net.run(5 * ms)
    assert net._module is first
    split = (spikes.i.copy(), spikes.t_.copy(), trace.v.copy())

    seed(3)
    group, synapses, spikes, trace = lif_network()
    whole = Network(group, synapses, spikes, trace)
    whole.run(10 * ms)
    assert len(split[0]) > 20
    np.testing.assert_array_equal(split[0], spikes.i)
    np.testing.assert_array_equal(split[1], spikes.t_)
    np.testing.assert_array_equal(split[2], trace.v)


def test_a_changed_constant_keeps_the_module_and_takes_effect(target):
    drive, tau = 1.5, 10 * ms
    group = NeuronGroup(1, LIF, method="exact", name="G")
    net = Network(group)
    net.run(1 * ms)
    first = net._module
    tau = 20 * ms  # noqa: F841 (read by run() from this namespace)
    net.run(1 * ms)
    assert net._module is first  # tau is a scalar of the module, bound anew
    # v(2 ms) after 1 ms at tau = 10 ms and 1 ms at tau = 20 ms
    after_first = drive * (1 - np.exp(-0.1))
    expected = drive + (after_first - drive) * np.exp(-1 / 20)
    assert group.v[0] == pytest.approx(expected, rel=1e-12)


def test_constants_of_every_kind_of_kernel_follow_the_namespace_with_a_kept_module(target):
    """A sweep over parameters (Brian2 users' loop of restore() and run()): each run gives
    what a fresh network gives with those values, the module built once."""
    def simulate(w_syn, v_th, g, net=None, parts=None):
        if net is None:
            group = NeuronGroup(20, "dv/dt = (g * 1.2 - v) / (10*ms) : 1", threshold="v > v_th",
                                reset="v = v_th - 1", method="exact", name="G")
            group.v = "i / 20.0"
            synapses = Synapses(group, group, on_pre="v_post += w_syn", name="S")
            synapses.connect(j="(i + 1) % 20")
            spikes = SpikeMonitor(group, name="spikes")
            net = Network(group, synapses, spikes)
            parts = (group, spikes)
            net.store()
        net.restore()
        net.run(5 * ms)
        return net, parts, (parts[1].i.copy(), parts[1].t_.copy(), parts[0].v[:].copy())
    sweep = [(0.1, 1.0, 1.0), (0.3, 0.9, 1.1), (0.0, 1.0, 0.95)]
    net, parts, _ = simulate(*sweep[0])
    module = net._module
    kept = [simulate(*values, net=net, parts=parts)[2] for values in sweep]
    assert net._module is module
    for values, got in zip(sweep, kept):
        from eqsim import start_scope
        start_scope()
        _, _, fresh = simulate(*values)
        assert len(fresh[0]) > 0
        for a, b in zip(got, fresh):
            np.testing.assert_array_equal(a, b)


def test_new_synapses_build_a_new_module_that_uses_them(target):
    source = NeuronGroup(2, "v : 1", threshold="True", name="src")
    target_group = NeuronGroup(2, "v : 1", name="G")
    synapses = Synapses(source, target_group, on_pre="v_post += 1", name="S")
    synapses.connect(i=0, j=0)
    net = Network(source, target_group, synapses)
    net.run(0.1 * ms)
    first = net._module
    synapses.connect(i=1, j=1)
    net.run(0.1 * ms)
    assert net._module is not first
    assert list(target_group.v[:]) == pytest.approx([2.0, 1.0])


def test_delays_changed_in_place_reach_a_kept_module(target):
    drive, tau = 1.5, 10 * ms
    seed(5)
    group, synapses, spikes, trace = lif_network(delay="(i % 3) * ms")
    net = Network(group, synapses, spikes, trace)
    net.run(2 * ms)
    first = net._module
    synapses.delay = "(j % 4) * 0.5 * ms"  # still one delay per synapse: the same module
    net.run(8 * ms)
    assert net._module is first
    kept = (spikes.i.copy(), spikes.t_.copy())

    seed(5)
    group, synapses, spikes, trace = lif_network(delay="(i % 3) * ms")
    other = Network(group, synapses, spikes, trace)
    other.run(2 * ms)
    synapses.delay = "(j % 4) * 0.5 * ms"
    other._module = None  # forget the module: the second run builds one
    other.run(8 * ms)
    np.testing.assert_array_equal(kept[0], spikes.i)
    np.testing.assert_array_equal(kept[1], spikes.t_)


def test_restoring_the_random_state_replays_the_same_draws_with_a_kept_module(target):
    group = NeuronGroup(20, "dv/dt = -v / (10*ms) + 0.5 * xi / sqrt(ms) : 1", method="euler",
                        name="G")
    trace = StateMonitor(group, "v", record=[0, 7], name="trace")
    net = Network(group, trace)
    seed(11)
    net.run(0.1 * ms)
    net.store("start")
    net.run(2 * ms)
    first = trace.v[:, -20:].copy()
    net.restore("start", restore_random_state=True)
    module = net._module
    net.run(2 * ms)
    assert net._module is module
    np.testing.assert_array_equal(trace.v[:, -20:], first)


def test_a_run_after_a_failed_one_calls_monitor_callbacks_again(target):
    drive, tau = 1.5, 10 * ms
    calls = []
    group = NeuronGroup(5, LIF, threshold="v > 1", reset="v = 0", refractory=1 * ms,
                        method="exact", name="G")
    spikes = SpikeMonitor(group, callback=lambda records: calls.append(len(records)),
                          callback_period=1 * ms, name="spikes")
    failing = [False]

    def fail_once():
        if failing[0]:
            failing[0] = False
            raise RuntimeError("once")
    net = Network(group, spikes, NetworkOperation(fail_once, dt=0.5 * ms))
    net.run(1 * ms)
    failing[0] = True
    with pytest.raises(RuntimeError):
        net.run(1 * ms)
    kept = net._module
    calls.clear()
    net.run(3 * ms)
    assert net._module is kept
    assert len(calls) >= 3


def test_changed_preferences_build_a_new_module(target):
    drive, tau = 1.5, 10 * ms
    group = NeuronGroup(3, LIF, method="exact", name="G")
    net = Network(group)
    net.run(0.2 * ms)
    first = net._module
    previous = prefs["codegen.cython.vector_math"]
    prefs["codegen.cython.vector_math"] = not previous
    try:
        net.run(0.2 * ms)
    finally:
        prefs["codegen.cython.vector_math"] = previous
    assert net._module is not first


def test_the_suite_check_finds_a_kept_module_that_building_anew_would_not_give(target,
                                                                                monkeypatch):
    """The safety net itself: a fingerprint that misses a field lets a stale module through;
    the check (on in the test suite) refuses it."""
    drive, tau = 1.5, 10 * ms
    group = NeuronGroup(3, LIF, method="exact", name="G")
    net = Network(group)
    net.run(0.2 * ms)
    monkeypatch.setattr(module_reuse, "CHECK", True)
    # a fingerprint blind to everything: any network would keep any module
    monkeypatch.setattr(module_reuse, "fingerprint",
                        lambda *args: module_reuse.Fingerprint((), []))
    net._module.fingerprint = module_reuse.Fingerprint((), [])
    group.v = 0.5  # values are not structure: the same module, so no error
    net.run(0.1 * ms)
    other = NeuronGroup(3, LIF, method="exact", name="H")  # another group: another module
    net.add(other)
    with pytest.raises(CodegenError, match="building it anew does not give"):
        net.run(0.1 * ms)


def test_a_restored_creation_number_changes_the_draws_of_a_network_run_before(target,
                                                                           tmp_path):
    """restore(restore_random_state=True) of another script's checkpoint gives the objects
    that script's creation numbers, which key their random streams: the next run draws what
    that script drew, though nothing else changed since this network's last run."""
    def noisy():
        group = NeuronGroup(10, "dv/dt = -v / (10*ms) + 0.5 * xi / sqrt(ms) : 1",
                            method="euler", name="G")
        return group, StateMonitor(group, "v", record=[0, 3], name="trace")
    seed(4)
    group, trace = noisy()
    original = Network(group, trace)
    original.run(0.5 * ms)
    original.store("point", filename=str(tmp_path / "point"))
    original.run(1 * ms)
    expected = trace.v[:, -10:].copy()

    from eqsim import start_scope
    start_scope()
    seed(9)
    NeuronGroup(1, "x : 1", name="before")  # this script's objects get other numbers
    group, trace = noisy()
    other = Network(group, trace)
    other.run(0.5 * ms)
    other.restore("point", filename=str(tmp_path / "point"), restore_random_state=True)
    other.run(1 * ms)
    np.testing.assert_array_equal(trace.v[:, -10:], expected)


def test_a_user_function_given_another_implementation_between_runs_uses_it(target):
    from eqsim import check_units, implementation

    @implementation("cpp", "double scaled(double x) { return 2*x; }", name="scaled")
    @check_units(x=1, result=1)
    def scaled(x):
        return 2 * x
    group = NeuronGroup(1, "v : 1", name="G")
    group.run_regularly("v = scaled(1.0)")
    net = Network(group)
    net.run(0.1 * ms, namespace={"scaled": scaled})
    assert group.v[0] == 2
    scaled.implementations.add_implementation("cpp", "double scaled(double x) { return 3*x; }",
                                              name="scaled")
    scaled.implementations.add_numpy_implementation(lambda x: 3 * x)
    net.run(0.1 * ms, namespace={"scaled": scaled})
    assert group.v[0] == 3


def test_restoring_other_synapses_of_the_same_number_uses_them(target, tmp_path):
    """The same number of synapses, other pairs: what was derived from the connections
    (dense row masks on the compiled target) is made again, whatever the arrays' ids."""
    def network(k):
        group = NeuronGroup(20, "dv/dt = (1.5 - v) / (10*ms) : 1", threshold="v > 1",
                            reset="v = 0", method="exact", name="G")
        group.v = "i / 20.0"
        synapses = Synapses(group, group, on_pre="v_post += 0.05", name="S")
        synapses.connect(condition=f"j != (i + {k}) % 20")  # 380 synapses for any k
        return group, synapses, SpikeMonitor(group, name="spikes")
    group, synapses, spikes = network(1)
    first = Network(group, synapses, spikes)
    first.store("start", filename=str(tmp_path / "start"))
    first.run(10 * ms)
    expected = (spikes.i.copy(), spikes.t_.copy())

    from eqsim import start_scope
    start_scope()
    group, synapses, spikes = network(7)
    other = Network(group, synapses, spikes)
    other.run(1 * ms)
    assert len(synapses) == 380
    other.restore("start", filename=str(tmp_path / "start"))
    other.run(10 * ms)
    assert len(expected[0]) > 20
    np.testing.assert_array_equal(spikes.i, expected[0])
    np.testing.assert_array_equal(spikes.t_, expected[1])


def test_a_kept_module_on_subgroups_with_shared_variables_takes_new_constants(target):
    """Subgroup synapses, a shared variable written by scalar code and a constant changed
    between runs: the kept module gives a fresh network's numbers."""
    def simulate(gain, net=None, parts=None):
        if net is None:
            group = NeuronGroup(10, """dv/dt = (gain * drive - v) / (5*ms) : 1 (unless refractory)
                                       drive : 1 (shared)""", threshold="v > 1", reset="v = 0",
                                refractory=1 * ms, method="exact", name="G")
            group.run_regularly("drive = 1.0 + 0.1 * (t / ms)", dt=1 * ms)
            synapses = Synapses(group[:5], group[5:], on_pre="v_post += 0.2", name="S")
            synapses.connect(j="i")
            spikes = SpikeMonitor(group, name="spikes")
            net = Network(group, synapses, spikes, *group.contained_objects)
            parts = (group, spikes)
            net.store()
        net.restore()
        net.run(6 * ms)
        return net, parts, (parts[1].i.copy(), parts[1].t_.copy(), parts[0].v[:].copy())
    net, parts, _ = simulate(1.3)
    module = net._module
    kept = [simulate(gain, net=net, parts=parts)[2] for gain in (1.3, 1.6)]
    assert net._module is module
    for gain, got in zip((1.3, 1.6), kept):
        from eqsim import start_scope
        start_scope()
        fresh = simulate(gain)[2]
        assert len(fresh[0]) > 0
        for a, b in zip(got, fresh):
            np.testing.assert_array_equal(a, b)
