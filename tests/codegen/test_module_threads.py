"""A network too small for a thread team is built for one thread whatever num_threads says
(a team costs more than it saves there, and its library compiles threaded kernels twice);
a large enough one keeps its threads. Results are the same either way."""
import numpy as np
import pytest

from eqsim import Network, NeuronGroup, SpikeMonitor, ms, prefs, seed
from eqsim.codegen import module


@pytest.fixture
def two_threads(monkeypatch):
    monkeypatch.setattr(module, "THREAD_MIN_ELEMENTS", 2048)  # the real rule
    previous = prefs["codegen.target"], prefs["codegen.cython.num_threads"]
    prefs["codegen.target"], prefs["codegen.cython.num_threads"] = "cython", 2
    yield
    prefs["codegen.target"], prefs["codegen.cython.num_threads"] = previous


def _run(n):
    seed(5)
    group = NeuronGroup(n, "dv/dt = (1.1 - v)/(10*ms) + 0.3*xi/sqrt(ms) : 1",
                        threshold="v > 1", reset="v = 0", method="euler")
    spikes = SpikeMonitor(group)
    net = Network(group, spikes)
    net.run(5 * ms)
    return net._module.threads, spikes.i[:].copy(), spikes.t_[:].copy()


@pytest.mark.parametrize("n, threads", [(1000, 1), (2047, 1), (2048, 2), (5000, 2)])
def test_a_network_gets_threads_only_from_the_minimum_size_on(two_threads, n, threads):
    built, i, t = _run(n)
    assert built == threads
    prefs["codegen.cython.num_threads"] = 1
    one_thread = _run(n)
    assert one_thread[0] == 1
    assert i.size > 0
    np.testing.assert_array_equal(i, one_thread[1])
    np.testing.assert_array_equal(t, one_thread[2])
