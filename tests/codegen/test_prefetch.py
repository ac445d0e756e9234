"""Pathways onto large target groups fetch the target values of later spikes ahead of
time; the compiled code does that and still gives the NumPy target's numbers, with one
thread and with two."""
import re

import numpy as np
import pytest

from eqsim import Network, NeuronGroup, SpikeGeneratorGroup, Synapses, ms, prefs, seed

N_TARGETS = 40_000  # 320 kB of float64: past the size below which nothing is prefetched


def _run(target, threads=1):
    previous = prefs["codegen.target"], prefs["codegen.cython.num_threads"]
    prefs["codegen.target"], prefs["codegen.cython.num_threads"] = target, threads
    try:
        seed(8)
        sources = SpikeGeneratorGroup(50, np.arange(50) % 50, (np.arange(50) // 5) * 0.3 * ms,
                                      name="pf_sources")
        targets = NeuronGroup(N_TARGETS, "g : 1", name="pf_targets")
        syn = Synapses(sources, targets, "w : 1", on_pre="g_post += w", name="pf_syn")
        syn.connect(p=0.002)
        syn.w = "rand()"
        net = Network(sources, targets, syn)
        net.run(4 * ms)
        source = net._module.source if target == "cython" else ""
        return np.asarray(targets.g).copy(), source
    finally:
        prefs["codegen.target"], prefs["codegen.cython.num_threads"] = previous


@pytest.mark.parametrize("threads", [1, 2])
def test_prefetching_pathway_gives_the_numpy_numbers(threads):
    compiled, source = _run("cython", threads)
    reference, _ = _run("numpy")
    assert re.search(r"__builtin_prefetch\(&_a_\w+_g\[_a_\w+__synaptic_post\[_q\]\]", source)
    assert reference.sum() > 100
    np.testing.assert_allclose(compiled, reference, rtol=1e-12)
