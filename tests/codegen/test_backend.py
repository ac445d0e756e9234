"""One backend interface: both targets implement it, and behave the same through it."""
import inspect

import numpy as np
from eqsim import (Network, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, ms,
                   network_operation)
from eqsim.codegen.backend import Backend, NumpyBackend, backend_methods
from eqsim.codegen.module import NetworkModule, network_glue
from eqsim.core.context import current_context
from eqsim.core.preferences import prefs


def test_the_interface_declares_the_protocol_the_network_uses():
    assert backend_methods() == sorted([
        "bind", "set_clocks", "clock_steps", "run", "stop", "profile_time", "profile_reset",
        "take_buffer", "reserve_buffer", "queue_reset", "queue_contents"])
    for name in backend_methods():  # each method's contract is written down
        assert inspect.getdoc(getattr(Backend, name))


def test_each_backend_implements_every_method():
    assert issubclass(NumpyBackend, Backend) and not NumpyBackend.__abstractmethods__
    library = network_glue().NetworkLibrary
    NetworkModule("cython", "n", [], lambda op: 0, 1, context=current_context())
    assert issubclass(library, Backend)
    for name in backend_methods():
        assert callable(getattr(library, name, None)), name
        assert callable(getattr(NumpyBackend, name)) and \
            getattr(NumpyBackend, name) is not getattr(Backend, name), name


def _network():
    """Three neurons that spike, synapses with a delay (a queue), and monitors (buffers)."""
    G = NeuronGroup(3, "dv/dt = 1/(2*ms) : 1", threshold="v > 1", reset="v = 0",
                    name="g")
    G.v = [0.0, 0.3, 0.6]
    S = Synapses(G, G, "w : 1", on_pre="v_post += 0.05", delay=0.5 * ms, name="s")
    S.connect("i != j")

    @network_operation
    def nothing():
        pass
    return Network(G, S, SpikeMonitor(G, name="spikes"),
                   StateMonitor(G, "v", record=[1], name="trace"), nothing)


def _drive(target):
    """Run a network through the backend protocol alone, as Network.run does."""
    prefs["codegen.target"] = target
    net = _network()
    module, _, clocks = net._build({})
    backend = module.backend
    assert isinstance(backend, Backend)
    module.bind()
    for obj in net._all_objects():
        obj.before_run(module)
    out = {}
    backend.profile_reset()
    assert len(clocks) == 1
    backend.set_clocks([clocks[0].dt_], [0], [40])
    backend.run([lambda: None])
    out["steps"] = backend.clock_steps()
    queue = module.symbols.queue_aliases[net["s"].pathways[0].queue_name]
    out["queue"] = backend.queue_contents(queue)
    # what queue_contents gives, queue_reset takes back
    backend.queue_reset(queue, len(out["queue"]), out["queue"])
    assert all(np.array_equal(a, b) for a, b in zip(backend.queue_contents(queue), out["queue"]))
    name = module.symbols.buffer_name("spikes", "i")
    backend.reserve_buffer(name, 100)
    out["i"] = backend.take_buffer(name)
    assert backend.take_buffer(name).size == 0  # taken means emptied
    # a network operation that stops the run: the current step is completed
    calls = []

    def stopping():
        calls.append(backend.clock_steps()[0])
        backend.stop()
    backend.set_clocks([clocks[0].dt_], [40], [80])
    backend.run([stopping])
    out["stopped"], out["stop_calls"] = backend.clock_steps(), calls
    out["trace"] = backend.take_buffer(module.symbols.buffer_name("trace", "v"))
    out["profile"] = backend.profile_time(0)
    return out


def test_both_backends_give_the_same_results_through_the_interface(both_targets):
    numpy_run, c_run = both_targets(_drive)
    assert numpy_run["steps"] == c_run["steps"] == [40]
    # stop() in the network operation of step 40: that step is completed, no other
    assert numpy_run["stopped"] == c_run["stopped"] == [41]
    assert numpy_run["stop_calls"] == c_run["stop_calls"] == [40]
    assert numpy_run["i"].size > 3
    np.testing.assert_array_equal(numpy_run["i"], c_run["i"])
    assert len(numpy_run["queue"]) == len(c_run["queue"])
    for a, b in zip(numpy_run["queue"], c_run["queue"]):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(numpy_run["trace"], c_run["trace"], rtol=1e-12)
    assert numpy_run["profile"] == c_run["profile"] == 0.0  # not generated with profiling


def test_two_networks_with_the_same_compiled_library_run_in_turns_as_alone(target):
    # same generated code: one library, its static state shared (network.c.j2); each run
    # binds and refills it, so runs in turns give what each network gives alone
    def make(start):
        G = NeuronGroup(4, "dv/dt = 1/(3*ms) : 1", threshold="v > 1", reset="v = 0")
        G.v = start
        S = Synapses(G, G, on_pre="v_post += 0.2", delay=0.7 * ms)
        S.connect("i != j")
        M = SpikeMonitor(G)
        return Network(G, S, M), M
    (a, a_spikes), (b, b_spikes) = make([0.0, 0.5, 0.6, 0.9]), make([0.9, 0.1, 0.3, 0.2])
    for _ in range(3):
        a.run(1.5 * ms)
        b.run(1.5 * ms)
    (a_alone, a_alone_spikes), (b_alone, b_alone_spikes) = \
        make([0.0, 0.5, 0.6, 0.9]), make([0.9, 0.1, 0.3, 0.2])
    a_alone.run(4.5 * ms)
    b_alone.run(4.5 * ms)
    for turns, alone in ((a_spikes, a_alone_spikes), (b_spikes, b_alone_spikes)):
        assert turns.num_spikes > 4
        np.testing.assert_array_equal(turns.i[:], alone.i[:])
        np.testing.assert_array_equal(turns.t[:], alone.t[:])
