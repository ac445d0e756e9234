"""``seed=`` of the connectivity classes (BrainPy's ``seed`` of JitFP*/FixedProb): the
connections and the per-synapse weights come from that seed, whatever eqsim's global
``seed()`` and the objects created before, stored or procedural, on both targets."""
import numpy as np
import pytest

from eqsim import ConnectError, NeuronGroup, SpikeGeneratorGroup, ms, nA, run, seed, start_scope
from eqsim.models import (CUBA, Expon, FixedPreNum, FixedProb, JitFPHomoLinear,
                          JitFPNormalLinear, LIF, Projection)


def _synapses(comm, global_seed, extra_objects=0):
    start_scope()
    seed(global_seed)
    for k in range(extra_objects):  # shifts the object numbers the draws would follow
        NeuronGroup(1, "v : 1", name=f"extra{k}")
    pre, post = LIF(50, name="pre"), LIF(40, name="post")
    syn = Projection(pre, post, comm, syn=Expon(), out=CUBA(), name="P").synapses
    weights = syn.w[:] / nA if "w" in syn.variables else []  # one weight: nothing per synapse
    return np.asarray(syn.i[:]), np.asarray(syn.j[:]), np.asarray(weights)


@pytest.mark.parametrize("make", [
    lambda procedural, s: JitFPNormalLinear(50, 40, 0.2, 1.0, 0.3, seed=s, procedural=procedural),
    lambda procedural, s: FixedProb(0.2, weight=0.5, procedural=procedural, seed=s),
    lambda procedural, s: FixedPreNum(7, weight=0.5, seed=s)])
def test_connection_seed_fixes_connections_and_weights_whatever_the_global_seed(
        numpy_target, make):
    first = _synapses(make(True, 42), global_seed=1)
    for procedural, global_seed, extra in ((True, 2, 3), (False, 3, 0), (False, 4, 2)):
        again = _synapses(make(procedural, 42), global_seed, extra)
        for a, b in zip(first, again):
            np.testing.assert_array_equal(a, b)
    assert not _same(first, _synapses(make(True, 43), global_seed=1))
    assert not _same(_synapses(make(True, None), 1), _synapses(make(True, None), 2))


def _same(a, b):
    return all(np.array_equal(x, y) for x, y in zip(a, b))


def test_connection_seed_gives_the_same_currents_on_both_targets(both_targets):
    def simulate(target):
        start_scope()
        seed(hash(target) % 1000)  # a different global seed per target: the seed= decides
        source = SpikeGeneratorGroup(30, np.arange(30), np.arange(30) * 0.1 * ms)
        post = LIF(25, V_th=1e9, name="post")
        Projection(source, post, JitFPHomoLinear(30, 25, 0.3, weight=0.5, seed=9),
                   syn=Expon(tau=1e9), out=CUBA(), name="P")
        run(3.5 * ms)
        return np.asarray(post.g_P[:] / nA)
    numpy_g, cython_g = both_targets(simulate)
    # whole multiples of the weight: the same synapses on both targets (the decay over
    # 3.5 ms of tau = 1e9 ms differs by rounding only)
    assert numpy_g.sum() > 10
    np.testing.assert_array_equal(np.round(numpy_g / 0.5), np.round(cython_g / 0.5))
    np.testing.assert_allclose(numpy_g, cython_g, rtol=1e-13)


@pytest.mark.parametrize("bad", [-1, 2.5, True, "7"])
def test_connection_seed_must_be_a_whole_number(bad):
    with pytest.raises(ConnectError, match="seed of connect"):
        FixedProb(0.1, seed=bad)
