"""restore() checks the whole stored state against the network before it changes
anything: other sizes (the same name, another N), other dtypes, missing or extra
objects and variables, and indices out of range are errors, never out-of-bounds
kernels; this holds for states in memory as for files."""
import numpy as np
import pytest

from eqsim import (CheckpointError, EqsimError, Network, NeuronGroup, SpikeGeneratorGroup,
                   SpikeMonitor, StateMonitor, Synapses, defaultclock, ms, prefs, seed,
                   start_scope)
from eqsim.core.checkpoint import read_checkpoint, write_checkpoint


@pytest.fixture(autouse=True)
def numpy_target():
    """The checks are the same on both targets: run on the one that compiles nothing (the
    kernels are exercised where they matter, the N = 10^6 case)."""
    previous = prefs["codegen.target"]
    prefs["codegen.target"] = "numpy"
    yield
    prefs["codegen.target"] = previous


def network(n=3, model="dv/dt = (1.5 - v)/(5*ms) : 1", dtype=None, extra=()):
    group = NeuronGroup(n, model, threshold="v > 1", reset="v = 0", method="exact",
                        name="cr_group")
    group.v = "i*0.2"
    syn = Synapses(group, group, "w : 1", on_pre="v_post += w", delay=1 * ms, dtype=dtype,
                   name="cr_syn")
    syn.connect(j="(i + 1) % N_post")
    syn.w = 0.1
    monitor = StateMonitor(group, "v", record=[0, 1], name="cr_trace")
    return Network(group, syn, monitor, *extra, name="cr_net"), group, syn


def snapshot(net, group, syn):
    return net.t_, group.v_.copy(), syn.w_.copy(), len(syn), net["cr_trace"].v.copy()


def assert_unchanged(before, net, group, syn):
    after = snapshot(net, group, syn)
    assert after[0] == before[0] and after[3] == before[3]
    for a, b in zip(before[1:], after[1:]):
        if not isinstance(a, int):
            np.testing.assert_array_equal(a, b)


def stored_in(where, tmp_path, net):
    """Store ``net`` in memory or in a file; return the arguments restore() needs."""
    if where == "memory":
        net.store("s")
        return {}
    filename = str(tmp_path / "net.ckpt")
    net.store("s", filename=filename)
    return {"filename": filename}


def stored_and_rebuilt(where, tmp_path, stored=None, rebuilt=None):
    """A network built with the options ``stored``, run and stored (in memory or a file),
    then the network of another script run (a new scope) built with the options
    ``rebuilt``; the in-memory state moves with it, as if stored there. Returns the
    rebuilt ``(network, group, synapses)`` and the arguments restore() needs."""
    net, *_ = network(**(stored or {}))
    net.run(2 * ms)
    kwargs = stored_in(where, tmp_path, net)
    start_scope()
    new, group, syn = network(**(rebuilt or {}))
    new._stored = net._stored
    return (new, group, syn), kwargs


@pytest.mark.parametrize("where", ["memory", "file"])
def test_same_name_but_another_size_is_an_error_and_changes_nothing(where, tmp_path):
    (net, group, syn), kwargs = stored_and_rebuilt(where, tmp_path, rebuilt={"n": 5})
    net.run(1 * ms)
    before = snapshot(net, group, syn)
    with pytest.raises(CheckpointError, match=r"'cr_group'.*'v' has shape \(3,\).*\(5,\)"):
        net.restore("s", **kwargs)
    assert_unchanged(before, net, group, syn)


def test_a_million_neurons_restored_from_ten_is_an_error_not_a_crash(tmp_path):
    previous = prefs["codegen.target"]
    prefs["codegen.target"] = "cython"
    try:
        filename = str(tmp_path / "small.ckpt")
        small = NeuronGroup(10, "dv/dt = -v/(10*ms) : 1", threshold="v > 1", reset="v = 0",
                            method="exact", name="cr_big")
        Network(small).store(filename=filename)
        start_scope()
        big = NeuronGroup(10**6, "dv/dt = -v/(10*ms) : 1", threshold="v > 1", reset="v = 0",
                          method="exact", name="cr_big")
        big.v = 2.0
        net = Network(big)
        with pytest.raises(CheckpointError, match=r"shape \(10,\).*\(1000000,\)"):
            net.restore(filename=filename)
        net.run(defaultclock.dt)  # the kernel still has a million neurons to work on
        assert big.v_.size == 10**6 and np.all(big.v_ == 0)  # all spiked and were reset
    finally:
        prefs["codegen.target"] = previous


@pytest.mark.parametrize("where", ["memory", "file"])
def test_an_object_missing_from_the_state_or_from_the_network_is_an_error(where, tmp_path):
    net, group, syn = network()
    kwargs = stored_in(where, tmp_path, net)
    # one more object in the network than stored
    spikes = SpikeMonitor(group, name="cr_spikes")
    net.add(spikes)
    with pytest.raises(CheckpointError, match=r"no stored values for the objects \['cr_spikes'\]"):
        net.restore("s", **kwargs)
    # one object fewer in the network than stored
    net.remove(spikes, net["cr_trace"])
    with pytest.raises(CheckpointError, match=r"stored objects \['cr_trace'\] that"):
        net.restore("s", **kwargs)


@pytest.mark.parametrize("where", ["memory", "file"])
def test_a_missing_or_extra_variable_is_an_error(where, tmp_path):
    with_u = {"model": "dv/dt = (1.5 - v)/(5*ms) : 1\nu : 1"}
    (net, *_), kwargs = stored_and_rebuilt(where, tmp_path, rebuilt=with_u)
    with pytest.raises(CheckpointError, match=r"'cr_group'.*no stored values for the variables "
                                              r"\['u'\]"):
        net.restore("s", **kwargs)
    (net, *_), kwargs = stored_and_rebuilt(where, tmp_path, stored=with_u)
    with pytest.raises(CheckpointError, match=r"stored variables \['u'\]"):
        net.restore("s", **kwargs)


@pytest.mark.parametrize("where", ["memory", "file"])
def test_another_dtype_is_an_error(where, tmp_path):
    (net, group, syn), kwargs = stored_and_rebuilt(where, tmp_path,
                                                   rebuilt={"dtype": {"w": np.float32}})
    before = snapshot(net, group, syn)
    with pytest.raises(CheckpointError, match="'w' has dtype float64, 'cr_syn' needs float32"):
        net.restore("s", **kwargs)
    assert_unchanged(before, net, group, syn)


def edited(filename, edit):
    """Change the stored state 's' in ``filename`` as a crafted file would."""
    states = read_checkpoint(filename)
    edit(states["s"]["objects"])
    write_checkpoint(filename, "s", states["s"])


CRAFTED = {
    "synaptic_post": (lambda o: o["cr_syn"]["_synaptic_post"].__setitem__(0, 3),
                      r"'_synaptic_post' holds indices outside \[0, 3\)"),
    "synaptic_pre": (lambda o: o["cr_syn"]["_synaptic_pre"].__setitem__(0, -1),
                     r"'_synaptic_pre' holds indices outside"),
    "per_synapse_size": (lambda o: o["cr_syn"].__setitem__("w", np.zeros(2)),
                         r"'w' has shape \(2,\), 'cr_syn' needs \(3,\)"),
    "queue": (lambda o: o["cr_syn"]["_queues"]["pre"].update(
        mode="sources", items=np.array([7], np.int32), sizes=np.array([1])),
        r"'_queues.pre.items' holds indices outside \[0, 3\)"),
    "queue_sizes": (lambda o: o["cr_syn"]["_queues"]["pre"].update(
        mode="sources", items=np.array([1], np.int32), sizes=np.array([5])),
        "is not a spike queue"),
    "spike_count": (lambda o: o["cr_group"]["_spikespace"].__setitem__(-1, 9),
                    r"'_spikespace' counts 9 events for 3 elements"),
    "spike_index": (lambda o: o["cr_group"]["_spikespace"].__setitem__(slice(None),
                                                                       [5, 0, 0, 1]),
                    r"'_spikespace' holds indices outside \[0, 3\)"),
    "monitor_rows": (lambda o: o["cr_trace"].__setitem__("v", np.zeros(3)),
                     r"'v' has shape \(3,\), 'cr_trace' needs"),
    "not_an_array": (lambda o: o["cr_group"].__setitem__("v", [1.0, 2.0, 3.0]),
                     r"'v' should be an array, found list"),
    "synapse_count": (lambda o: o["cr_syn"].__setitem__("_N", -1),
                      r"'_N' is -1, it must be at least 0"),
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_crafted_sizes_and_indices_in_a_file_are_errors_and_change_nothing(case, tmp_path):
    edit, message = CRAFTED[case]
    net, group, syn = network()
    net.run(3 * ms)
    kwargs = stored_in("file", tmp_path, net)
    edited(kwargs["filename"], edit)
    net.run(1 * ms)
    before = snapshot(net, group, syn)
    with pytest.raises(CheckpointError, match=message):
        net.restore("s", **kwargs)
    assert_unchanged(before, net, group, syn)


def twice_in_one_step(objects):
    objects["cr_gen"]["_timebins"][:] = 10
    objects["cr_gen"]["_neuron_index"][:] = [1, 1, 2]


def test_spike_generator_indices_out_of_range_or_twice_in_a_step_are_errors(tmp_path):
    gen = SpikeGeneratorGroup(3, [0, 1, 2], [1, 2, 3] * ms, name="cr_gen")
    net = Network(gen)
    net.run(1 * ms)
    filename = str(tmp_path / "gen.ckpt")
    net.store("s", filename=filename)
    cases = [(lambda o: o["cr_gen"]["_neuron_index"].__setitem__(0, 3), "outside"),
             (lambda o: o["cr_gen"]["_spikes"]["indices"].__setitem__(0, -2), "outside"),
             (lambda o: o["cr_gen"]["_timebins"].__setitem__(slice(None), [9, 8, 10]),
              "not sorted"),
             (twice_in_one_step, "one spike per neuron and step"),
             (lambda o: o["cr_gen"]["_lastindex"].__setitem__(0, 4), "outside its 3 spikes")]
    for edit, message in cases:
        net.store("s", filename=filename)
        edited(filename, edit)
        with pytest.raises(CheckpointError, match=message):
            net.restore("s", filename=filename)
    np.testing.assert_array_equal(gen.variables["_neuron_index"].array, [0, 1, 2])


def test_clock_missing_from_the_state_is_an_error(tmp_path):
    net, *_ = network()
    net.store("s")
    del net._stored["s"]["clocks"]["defaultclock"]
    with pytest.raises(CheckpointError, match="its clock 'defaultclock' was not stored"):
        net.restore("s")


def test_restore_puts_back_the_time_step_stored(target):
    net, group, syn = network()
    net.run(2 * ms)
    net.store()
    net.run(2 * ms)
    expected = group.v_.copy()
    defaultclock.dt = 0.05 * ms
    net.restore()
    assert defaultclock.dt_ == pytest.approx(0.1e-3) and net.t_ == pytest.approx(2e-3)
    net.run(2 * ms)
    np.testing.assert_array_equal(group.v_, expected)


def test_restore_after_delays_became_per_synapse_makes_them_shared_again(target):
    net, group, syn = network()
    net.run(2 * ms)
    net.store()
    net.run(5 * ms)
    expected = (group.v_.copy(), net["cr_trace"].v.copy())
    net.restore()
    syn.delay = [1, 2, 3] * ms  # per synapse from now on: the stored delay is shared
    net.restore()
    assert syn.variables["delay"].shared and syn.variables["delay"].array.size == 1
    net.run(5 * ms)
    np.testing.assert_array_equal(group.v_, expected[0])
    np.testing.assert_array_equal(net["cr_trace"].v, expected[1])


def test_restored_synapses_with_per_synapse_delays_keep_one_delay_each(tmp_path):
    net, group, syn = network()
    syn.delay = [1, 2, 3] * ms
    net.store("s", filename=str(tmp_path / "d.ckpt"))
    start_scope()
    net, group, syn = network()
    net.restore("s", filename=str(tmp_path / "d.ckpt"))
    assert not syn.variables["delay"].shared
    np.testing.assert_allclose(syn.delay_, [1e-3, 2e-3, 3e-3])


def test_checkpoint_error_is_a_network_error_and_an_eqsim_error():
    from eqsim import NetworkError
    assert issubclass(CheckpointError, NetworkError) and issubclass(CheckpointError, EqsimError)
    net, *_ = network()
    with pytest.raises(CheckpointError, match="no state stored under the name 'x'"):
        net.restore("x")


@pytest.mark.parametrize("part, value, message", [
    ("step", 2**70, "out of range"), ("step", -1, "at least 0"), ("step", 1.5, "an integer"),
    ("dt", 0.0, "stored dt is 0.0"), ("dt", float("inf"), "stored dt is inf")])
def test_clock_values_that_no_clock_can_take_are_errors(part, value, message):
    net, *_ = network()
    net.store("s")
    net._stored["s"]["clocks"]["defaultclock"][part] = value
    step = defaultclock.step
    with pytest.raises(CheckpointError, match=message):
        net.restore("s")
    assert defaultclock.dt_ == pytest.approx(1e-4) and defaultclock.step == step


def test_a_random_state_that_numpy_cannot_take_is_an_error_only_when_restored():
    net, group, _ = network()
    net.store("s")
    net._stored["s"]["random"]["numpy"]["keys"] = np.zeros(3, dtype=np.uint32)
    with pytest.raises(CheckpointError, match=r"'random.numpy.keys' has shape \(3,\)"):
        net.restore("s", restore_random_state=True)
    net.restore("s")  # the random state is not used


def paths(tree, prefix=()):
    """Every position in a stored state: dict keys and list items, depth first."""
    children = tree.items() if isinstance(tree, dict) else \
        enumerate(tree) if isinstance(tree, list) else ()
    for key, value in children:
        yield prefix + (key,)
        yield from paths(value, prefix + (key,))


def replaced(tree, path, value):
    import copy
    tree = copy.deepcopy(tree)
    node = tree
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return tree


def test_any_value_replaced_by_any_other_kind_is_an_eqsim_error_or_accepted():
    from eqsim import Hz, PoissonGroup
    gen = SpikeGeneratorGroup(3, [0, 1, 2], [1, 2, 3] * ms, name="cr_gen")
    poisson = PoissonGroup(2, rates=100 * Hz, name="cr_poisson")
    net, group, syn = network(extra=(gen, poisson))
    net.add(SpikeMonitor(group, name="cr_spikes"))
    syn.delay = "j*ms"
    net.run(3 * ms)
    net.store("s")
    state = net._stored["s"]
    kinds = [None, True, -1, 2**70, 1.5, float("nan"), "x", [], {}, [[1]], {"a": 1},
             np.zeros(2), np.zeros((2, 2), dtype=np.int32), np.array([-5], dtype=np.int64)]
    accepted = 0
    for path in paths(state):
        for value in kinds:
            net._stored["bad"] = replaced(state, path, value)
            try:
                net.restore("bad", restore_random_state=True)
                accepted += 1
            except CheckpointError:
                pass
    assert accepted < 0.1 * len(list(paths(state))) * len(kinds)
