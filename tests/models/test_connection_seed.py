"""``seed=`` of the connectivity classes (BrainPy's ``seed`` of JitFP*/FixedProb): the
connections and the per-synapse weights come from that seed, whatever eqsim's global
``seed()`` and the objects created before, stored or procedural, on both targets."""
import numpy as np
import pytest

from eqsim import ConnectError, NeuronGroup, SpikeGeneratorGroup, ms, nA, seed, start_scope
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


def test_connection_seed_gives_the_operation_both_targets_build_whatever_the_global_seed():
    # both targets generate their kernel from this operation (its connection seed and
    # stream, and the draws keying each synapse's weight): the same operation, the same
    # synapses and weights on either target (tests/models/test_random_weights.py compares
    # the targets for one operation)
    def operation(global_seed, extra_objects):
        start_scope()
        seed(global_seed)
        for k in range(extra_objects):
            NeuronGroup(1, "v : 1", name=f"extra{k}")
        source = SpikeGeneratorGroup(30, [0], [0 * ms], name="source")
        post = LIF(25, name="post")
        syn = Projection(source, post, JitFPNormalLinear(30, 25, 0.3, 1.0, 0.3, seed=9),
                         syn=Expon(), out=CUBA(), name="P").synapses
        op, = [op for op in syn.operations({}) if hasattr(op, "conn_seed")]
        return op.conn_seed, op.conn_stream, [str(st.expr) for st in op.statements]
    first = operation(1, 0)
    assert first[0] == 9 and "synapse_normal" in " ".join(first[2])
    assert operation(2, 3) == first


@pytest.mark.parametrize("bad", [-1, 2.5, True, "7"])
def test_connection_seed_must_be_a_whole_number(bad):
    with pytest.raises(ConnectError, match="seed of connect"):
        FixedProb(0.1, seed=bad)
