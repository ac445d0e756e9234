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


def test_a_conditional_random_assignment_draws_the_same_numbers_on_both_targets(both_targets):
    """S.w['i < 20'] = 'poisson(9)' below the compiled size: the cython target evaluated
    the condition twice, so its draws were those of the next evaluation (all differed from
    the NumPy target's)."""
    def assign(_target):
        start_scope()
        seed(7)
        g = NeuronGroup(40, "x : 1")
        syn = Synapses(g, g, "w : 1")
        syn.connect()
        syn.w["i < 20"] = "poisson(9) + rand()"
        return syn.w[:].copy()
    numpy_values, cython_values = both_targets(assign)
    np.testing.assert_array_equal(numpy_values, cython_values)
    assert numpy_values[:800].std() > 1 and not numpy_values[800:].any()
