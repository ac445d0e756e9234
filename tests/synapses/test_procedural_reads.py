"""Reading procedural synapses: len(S), S.i, S.j and per-synapse constants are computed on
read, for the synapses that exist, in the order the stored twin lists them."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Synapses, ms, nA, run, seed, start_scope
from eqsim.errors import ProceduralReadError, ProceduralValueError
from eqsim.models import CUBA, Expon, JitFPNormalLinear, JitFPUniformLinear, LIF, Projection
from eqsim.synapses import procedural_reads


def _projection(comm_class, procedural, *weights):
    start_scope()
    seed(5)
    pre, post = LIF(60, name="pre"), LIF(45, name="post")
    post.V = "-70*mV + i*0.1*mV"  # distinct values: V_post shows the order of j
    return Projection(pre, post, comm_class(60, 45, 0.2, *weights, procedural=procedural),
                      syn=Expon(), out=CUBA(), delay=0.3, name="P").synapses


@pytest.mark.parametrize("comm_class, weights", [(JitFPUniformLinear, (0.5, 1.5)),
                                                 (JitFPNormalLinear, (1.0, 0.3))])
def test_procedural_synapses_read_the_same_i_j_w_as_their_stored_twin(
        numpy_target, comm_class, weights):
    procedural = _projection(comm_class, True, *weights)
    proc = (len(procedural), procedural.i[:], procedural.j[:], procedural.w[:] / nA,
            procedural.w[7] / nA, procedural.w[10:20] / nA, procedural.delay[:] / ms,
            procedural.V_post / ms)  # a neuron variable, read through the synapses' j
    stored = _projection(comm_class, False, *weights)
    assert proc[0] == len(stored) == stored.N > 400
    np.testing.assert_array_equal(proc[1], stored.i[:])
    np.testing.assert_array_equal(proc[2], stored.j[:])
    np.testing.assert_array_equal(proc[3], stored.w[:] / nA)
    assert proc[4] == stored.w[7] / nA
    np.testing.assert_array_equal(proc[5], stored.w[10:20] / nA)
    np.testing.assert_allclose(proc[6], stored.delay[:] / ms)  # one shared delay
    np.testing.assert_allclose(proc[6], 0.1)  # BrainPy's 0.3 ms: eqsim's 0.1 ms
    np.testing.assert_array_equal(proc[7], stored.V_post / ms)


def test_procedural_values_read_are_the_ones_the_kernel_adds(numpy_target):
    start_scope()
    seed(3)
    source = NeuronGroup(30, "v : 1", threshold="t < 0.05*ms")
    target = NeuronGroup(40, "v : 1")
    syn = Synapses(source, target, "w : 1 (constant)", on_pre="v_post += w")
    syn.connect(p=0.3, procedural=True)
    syn.w = "0.25 + j*0.01 + rand()"
    run(0.3 * ms)  # every source spikes once, in the first step
    np.testing.assert_allclose(target.v[:], np.bincount(syn.j[:], syn.w[:], minlength=40),
                               rtol=1e-12)
    assert len(syn.w[:]) == len(syn) > 300


def test_reading_procedural_synapses_that_do_not_fit_in_memory_raises_with_the_estimate(
        numpy_target, monkeypatch):
    syn = _projection(JitFPUniformLinear, True, 0.5, 1.5)
    n = len(syn)  # counting needs no memory per synapse: never refused
    monkeypatch.setattr(procedural_reads, "available_memory", lambda: 1000)
    for read in (lambda: syn.w[:], lambda: syn.i[:], lambda: syn.j[:]):
        with pytest.raises(ProceduralReadError, match=rf"{n} procedural synapses .* needs "
                                                      r"about .*KiB.*only 1000 bytes"):
            read()
    assert len(syn) == n


def test_procedural_reads_refuse_a_condition_and_a_value_without_expression(numpy_target):
    syn = _projection(JitFPUniformLinear, True, 0.5, 1.5)
    with pytest.raises(ProceduralReadError, match="cannot be indexed by a condition"):
        syn.w["i > 3"]
    start_scope()
    source, target = NeuronGroup(5, "v : 1", threshold="False"), NeuronGroup(5, "v : 1")
    bare = Synapses(source, target, "w : 1 (constant)", on_pre="v_post += w")
    bare.connect(p=0.5, procedural=True)
    with pytest.raises(ProceduralValueError, match="has no expression"):
        bare.w[:]
