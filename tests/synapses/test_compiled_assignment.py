"""Synaptic string assignments give the same values compiled (many synapses, cython
target) as evaluated with NumPy, random draws included."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Synapses, ms, prefs, seed, start_scope, umetre


def _assign(compiled):
    start_scope()
    seed(9)
    previous = prefs["codegen.target"], prefs["codegen.cython.compiled_assignment_size"]
    prefs["codegen.target"] = "cython"
    prefs["codegen.cython.compiled_assignment_size"] = 1 if compiled else 10**12
    try:
        g = NeuronGroup(60, "x : metre", threshold="False")
        g.x = "i*50*umetre"
        width = 300 * umetre
        syn = Synapses(g, g, "w : 1\nu : 1", on_pre="u += 0")
        syn.connect(condition="i != j")
        syn.w = "exp(-(x_pre - x_post)**2/(2*width**2))"
        syn.u = "rand() + j*0.01"
        syn.delay = "j*0.1*ms + rand()*ms"
        syn.w["i > 30"] = "2*w"
        return syn.w[:].copy(), syn.u[:].copy(), np.asarray(syn.delay[:]).copy()
    finally:
        prefs["codegen.target"], prefs["codegen.cython.compiled_assignment_size"] = previous


def test_compiled_and_numpy_string_assignments_agree():
    compiled, evaluated = _assign(True), _assign(False)
    for a, b in zip(compiled, evaluated):
        np.testing.assert_allclose(a, b, rtol=1e-14, atol=0)
    assert compiled[1].std() > 0.1  # really random
