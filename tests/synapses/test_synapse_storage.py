"""How much a stored synapse costs, and that compact storage reads back correctly."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Network, StateMonitor, Synapses, ms, run


def _per_synapse_bytes(syn):
    arrays = {id(v): v for v in syn.variables.values()
              if getattr(v, "dynamic", False) and not getattr(v, "shared", False)
              and getattr(v, "_explicit", 0) is not None and v.array.size == len(syn)}
    return sum(v.array.nbytes for v in arrays.values()) / len(syn)


def test_weighted_synapse_with_shared_delay_costs_at_most_12_bytes():
    g = NeuronGroup(1000, "v : 1", threshold="False")
    syn = Synapses(g, g, "w : 1", on_pre="v_post += w", delay=1 * ms)
    syn.connect(p=0.05)
    assert syn.variables["_synaptic_pre"].implicit
    assert _per_synapse_bytes(syn) <= 12


def test_implicit_presynaptic_indices_read_back_exactly():
    g = NeuronGroup(6, "v : 1", threshold="False")
    syn = Synapses(g, g, "w : 1")
    syn.connect(i=[0, 0, 2, 5], j=[1, 2, 3, 4])
    syn.connect(i=[5, 5], j=[0, 1])  # still in presynaptic order: stays implicit
    assert syn.variables["_synaptic_pre"].implicit
    np.testing.assert_array_equal(syn.i[:], [0, 0, 2, 5, 5, 5])
    syn.connect(i=[1], j=[1])  # out of order: stored explicitly from now on
    assert not syn.variables["_synaptic_pre"].implicit
    np.testing.assert_array_equal(syn.i[:], [0, 0, 2, 5, 5, 5, 1])
    np.testing.assert_array_equal(syn.j[:], [1, 2, 3, 4, 0, 1, 1])


def test_store_and_restore_bring_back_the_connections():
    g = NeuronGroup(10, "v : 1", threshold="False")
    syn = Synapses(g, g, "w : 1", name="stored_syn")
    syn.connect(j="i")
    net = Network(g, syn)
    net.store()
    syn.connect(i=0, j=5)
    net.restore()
    assert len(syn) == 10
    np.testing.assert_array_equal(syn.i[:], np.arange(10))
    assert syn.variables["_synaptic_pre"].implicit


def test_float32_weights_halve_the_weight_memory_and_still_propagate(target):
    from eqsim import run
    src = NeuronGroup(200, "tspike : second", threshold="t >= tspike", refractory=1000 * ms)
    src.tspike = "i*0.01*ms"
    tgt = NeuronGroup(100, "v : 1")
    syn = Synapses(src, tgt, "w : 1", on_pre="v_post += w", dtype={"w": np.float32})
    syn.connect(p=0.2)
    syn.w = "0.1 + 0.001*j"
    assert syn.variables["w"].array.dtype == np.float32
    assert _per_synapse_bytes(syn) <= 8
    run(3 * ms)
    expected = np.bincount(syn.j[:], weights=np.float32(0.1 + 0.001 * syn.j[:].astype(float)),
                           minlength=100)
    np.testing.assert_allclose(tgt.v[:], expected, rtol=1e-5)


def test_multisynaptic_index_numbers_synapses_of_each_pair_across_connect_calls(target):
    group = NeuronGroup(3, "v : 1", threshold="v > 0.5", reset="v = 0")
    syn = Synapses(group, group, on_pre="v_post += 0.1", multisynaptic_index="k")
    syn.connect(i=0, j=1, n=3)
    syn.connect(i=[0, 2, 0], j=[1, 1, 2])
    np.testing.assert_array_equal(syn.k[:], [0, 1, 2, 3, 0, 0])
    # usable like any synaptic variable: delays from the index (Brian2's use case)
    syn.delay = "k*ms"
    np.testing.assert_allclose(np.asarray(syn.delay[:]), [0, 1e-3, 2e-3, 3e-3, 0, 0])
    group.v[0] = 1
    mon = StateMonitor(group, "v", record=1)
    run(5 * ms)
    # neuron 0 spikes at t = 0; neuron 1 receives 0.1 at 0, 1, 2 and 3 ms
    arrivals = np.flatnonzero(np.diff(np.asarray(mon.v[0])) > 0.05) + 1
    np.testing.assert_allclose(np.asarray(mon.t_)[arrivals], [1e-4, 1.1e-3, 2.1e-3, 3.1e-3],
                               atol=1e-9)


def test_multisynaptic_index_may_not_reuse_a_variable_name():
    from eqsim import EquationError
    group = NeuronGroup(2, "v : 1", threshold="False")
    with pytest.raises(EquationError, match="already a variable"):
        Synapses(group, group, "w : 1", on_pre="v_post += w", multisynaptic_index="w")
