"""An object whose groups are not in its network: Brian2 refuses an explicit Network and
switches the object off (with a warning) in the magic run(); ``active`` is settable."""
import numpy as np
import pytest

from eqsim import (Network, NetworkError, NetworkWarning, NeuronGroup, PoissonInput,
                   SpikeMonitor, StateMonitor, Synapses, ms, run)


def _driven_group(name):
    return NeuronGroup(2, "dv/dt = 1/ms : 1", threshold="v > 0.5", reset="v = 0",
                       method="euler", name=name)


@pytest.mark.parametrize("make", [
    lambda G, H: Synapses(G, H, on_pre="v += 1", name="S"),
    lambda G, H: SpikeMonitor(G, name="S"),
    lambda G, H: StateMonitor(G, "v", record=True, name="S"),
    lambda G, H: PoissonInput(G, "v", 3, 10 / ms, 0.1, name="S"),
])
def test_explicit_network_without_the_group_an_object_depends_on_is_an_error(numpy_target, make):
    G, H = _driven_group("G"), _driven_group("H")
    obj = make(G, H)
    with pytest.raises(NetworkError, match="'S' is in the network but 'G'") as info:
        Network(obj, H).run(1 * ms)
    assert info.value.code == "EQ601" and "add 'G'" in info.value.hint


def test_synapses_on_a_subgroup_depend_on_the_parent_group(numpy_target):
    G, H = _driven_group("G"), NeuronGroup(2, "v : 1", name="H")
    S = Synapses(G[0:1], H, on_pre="v += 1", name="S")
    S.connect(j="i")
    net = Network(G, H, S)
    net.run(1 * ms)
    assert H.v[0] > 0 and H.v[1] == 0
    with pytest.raises(NetworkError, match="'S' is in the network but 'G'"):
        Network(H, S).run(1 * ms)


def _synapses_from_a_hidden_group(H):
    S = Synapses(_driven_group("hidden"), H, on_pre="v += 1", name="S")
    S.connect()
    return S


def test_magic_run_switches_off_an_object_whose_group_it_cannot_see(numpy_target):
    H = NeuronGroup(2, "v : 1", name="H")
    S = _synapses_from_a_hidden_group(H)
    with pytest.warns(NetworkWarning, match="'S' was found by run\\(\\) but 'hidden'"):
        run(2 * ms)
    assert not S.active
    np.testing.assert_array_equal(H.v[:], [0, 0])


def test_active_false_stops_a_group_and_true_resumes_it(target):
    G = NeuronGroup(2, "dv/dt = 1/ms : 1", method="euler", name="G")
    G.active = False
    run(1 * ms)
    np.testing.assert_array_equal(G.v[:], [0, 0])
    G.active = True
    run(1 * ms)
    np.testing.assert_allclose(G.v[:], [1, 1])


def test_an_inactive_group_emits_no_spikes_to_its_active_monitor_or_synapses(target):
    """Brian2 2.9.0: 3 spikes in 0.3 ms, then none while the group is inactive (the last
    step's spike was counted again at every step) and v frozen."""
    from eqsim import NeuronGroup, Network, SpikeMonitor, Synapses, ms
    G = NeuronGroup(1, "dv/dt = 1/ms : 1", threshold="True", reset="", method="euler")
    H = NeuronGroup(1, "x : 1")
    S = Synapses(G, H, on_pre="x_post += 1")
    S.connect()
    spikes = SpikeMonitor(G)
    net = Network(G, H, S, spikes)
    net.run(0.3 * ms)
    G.active = False
    net.run(0.3 * ms)
    assert spikes.count[:].tolist() == [3] and H.x[:].tolist() == [3]
    assert abs(float(G.v[0]) - 0.3) < 1e-12
