"""Differential test: random valid models give the same numbers on both targets.

Hypothesis writes small models from a grammar (arithmetic, exp/log/sqrt/sin/...,
clip, abs, floor/ceil/int/sign, %, powers, conditionals, comparisons; constants
that are huge, tiny, negative, zero, beyond int32 and beyond 2**53; an integer
variable; NaN and infinite initial values; a threshold, a reset and synapses with
on_pre), runs each for a few steps on the NumPy target (the reference) and on the
compiled target, and compares every state variable (NaN-aware) and every spike.

Two comparisons, because the production C flags are deliberately not IEEE-exact:

* ``test_compiled_code_computes_what_numpy_computes``: gcc in strict IEEE mode
  (``-ffp-contract=off``, no ``-fassociative-math``/``-freciprocal-math``/
  ``-fno-signed-zeros``) and glibc's scalar functions instead of libmvec. Then the
  targets differ only where the generated code means something different, so the
  results must be *identical* (same NaNs, same infinities, same spikes).
* ``test_production_build_stays_within_rounding_of_numpy``: the default flags
  (fast-math minus finite-math, reassociation and FMA contraction: reciprocals,
  vectorised exp/log/pow/sin/cos, a few ulp from the scalar ones). Rounding differences are amplified without
  bound by discontinuous functions and by cancellation against huge constants, so
  this one uses the smooth part of the grammar with moderate constants and a
  relative tolerance of 1e-9.

``numpy.tanh`` is numpy's own SIMD implementation (not glibc's, up to 1 ulp from
it), so tanh appears only in the smooth grammar.

Bounded for CI (derandomized, 30 + 15 examples, well under a minute). A longer
run, new examples each time::

    EQSIM_FUZZ=long python3 -m pytest -q tests/codegen/test_differential.py
"""
import functools
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from eqsim import Network, NeuronGroup, SpikeMonitor, Synapses, ms, prefs, start_scope
from eqsim.errors import EqsimError

LONG = os.environ.get("EQSIM_FUZZ") == "long"


def _settings(examples):
    return settings(max_examples=examples * (10 if LONG else 1), derandomize=not LONG,
                    deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


# -- the grammar ----------------------------------------------------------------------
EXTREME_CONSTANTS = ["0", "1", "3", "-2.5", "0.5", "1/3", "-0.0", "1e-5", "1e-300", "1e300",
                     "2**70", "10**20", "-2**53 - 1", "2**31", "3000000000", "5e-324"]
MODERATE_CONSTANTS = ["0", "1", "3", "-2.5", "0.5", "1/3", "0.1", "-7", "1e-3", "100"]
SMOOTH_FUNCTIONS = ["exp", "log", "sqrt", "sin", "cos", "tanh", "arctan", "abs"]
EXACT_FUNCTIONS = ["exp", "log", "sqrt", "sin", "cos", "arctan", "abs", "floor", "ceil", "int",
                   "sign", "log10", "exprel"]


@functools.lru_cache(maxsize=None)
def expressions(names, constants, functions, discontinuous, max_leaves=5):
    """Strings of valid dimensionless expressions over ``names`` (built once: making a
    recursive strategy costs more than drawing from it)."""
    leaves = st.sampled_from(list(names + constants))

    def extend(inner):
        options = [
            st.tuples(st.sampled_from(list(functions)), inner).map(lambda t: f"{t[0]}({t[1]})"),
            st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(
                lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(inner, inner, inner).map(lambda t: f"clip({t[0]}, {t[1]}, {t[2]})"),
            st.tuples(inner, st.sampled_from(["2", "3", "-1", "0.5", "-2"])).map(
                lambda t: f"({t[0]})**{t[1]}"),
        ]
        if discontinuous:
            options += [
                st.tuples(inner, st.sampled_from(["1/3", "5", "-1", "2.5", "-0.5"])).map(
                    lambda t: f"({t[0]})**({t[1]})"),
                st.tuples(inner, inner).map(lambda t: f"({t[0]} % {t[1]})"),
                st.tuples(inner, inner).map(lambda t: f"({t[0]} // {t[1]})"),
                st.tuples(inner, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), inner,
                          inner, inner).map(lambda t: f"({t[3]} if {t[0]} {t[1]} {t[2]} else {t[4]})"),
                st.tuples(inner, inner).map(lambda t: f"int({t[0]} > {t[1]})"),
            ]
        return st.one_of(options)

    return st.recursive(leaves, extend, max_leaves=max_leaves)


INTERESTING_VALUES = [0.0, -0.0, 1.0, -1.5, 2.5, 1e10, -1e-10, 0.5, np.nan, np.inf, -np.inf, 3.0]
MODERATE_VALUES = [0.0, 1.0, -1.5, 2.5, 0.25, -0.75, 0.5, 3.0]


@st.composite
def models(draw, *, exact):
    constants = EXTREME_CONSTANTS if exact else MODERATE_CONSTANTS
    functions = EXACT_FUNCTIONS if exact else SMOOTH_FUNCTIONS

    def expr(names):
        return draw(expressions(tuple(names), tuple(constants), tuple(functions), exact))

    # g is shared: run_regularly doubles as Brian2's scalar code (once per step, before the
    # neurons' statements, which read the new value)
    neuron_names = ["v", "w", "u", "n", "g"] if exact else ["v", "w", "u", "g"]
    values = INTERESTING_VALUES if exact else MODERATE_VALUES
    model = dict(
        dv=expr(neuron_names), dw=expr(neuron_names),
        threshold=f"{expr(neuron_names)} > {expr(neuron_names)}" if exact else None,
        reset=(f"v = {expr(neuron_names)}\nn = {expr(neuron_names)}\nu += {expr(neuron_names)}"
               if exact else None),
        synapses=draw(st.booleans()),
        init={name: draw(st.lists(st.sampled_from(values), min_size=4, max_size=4))
              for name in ("v", "w", "u")},
        n_init=draw(st.lists(st.integers(-5, 5), min_size=4, max_size=4)),
        g_init=draw(st.sampled_from(values)),
        regularly=f"g = {expr(['g'])}\nu = u + {expr(neuron_names)}",
    )
    if model["synapses"]:
        synaptic_names = ["s", "v_pre", "v_post", "w_post"]
        model["on_pre"] = f"s = {expr(synaptic_names)}\nu_post += {expr(synaptic_names)}"
        model["ds"] = expr(["s", "v_pre", "w_post"])
    return model


# -- running a model ------------------------------------------------------------------
def simulate(model, target, steps=4):
    """State and spikes after ``steps`` steps of ``model`` on ``target``."""
    start_scope()
    prefs["codegen.target"] = target
    eqs = f"dv/dt = ({model['dv']})/(10*ms) : 1\ndw/dt = ({model['dw']})/(10*ms) : 1\nu : 1\n" \
          "n : integer\ng : 1 (shared)"
    group = NeuronGroup(4, eqs, threshold=model["threshold"] or "v > 1",
                        reset=model["reset"], method="euler")
    for name in ("v", "w", "u"):
        setattr(group, name, model["init"][name])
    group.n = model["n_init"]
    group.g = model["g_init"]
    group.run_regularly(model["regularly"], dt=0.1 * ms)
    objects = [group, SpikeMonitor(group)]
    if model["synapses"]:
        synapses = Synapses(group, group, f"ds/dt = ({model['ds']})/(10*ms) : 1 (clock-driven)",
                            on_pre=model["on_pre"], method="euler")
        synapses.connect(i=[0, 0, 1, 2, 3, 3], j=[1, 2, 2, 0, 3, 1])
        synapses.s = [0.5, -1.0, 2.0, 0.0, 1e-3, 3.0]
        objects.append(synapses)
    network = Network(*objects)
    with np.errstate(all="ignore"):
        network.run(steps * 0.1 * ms)
    state = {name: np.array(getattr(group, name + "_"), ndmin=1)
             for name in ("v", "w", "u", "n", "g")}
    if model["synapses"]:
        state["s"] = synapses.s_[:].copy()
    monitor = objects[1]
    return state, (monitor.i[:].copy(), monitor.t_[:].copy())


def both(model):
    """NumPy and compiled results; None when the model is not valid (the reference
    target refuses it: then the compiled target must refuse it alike)."""
    try:
        reference = simulate(model, "numpy")
    except EqsimError as refused:
        with pytest.raises(type(refused)):
            simulate(model, "cython")
        return None
    return reference, simulate(model, "cython")


@pytest.fixture
def restore_target():
    previous = prefs["codegen.target"]
    yield
    prefs["codegen.target"] = previous


@_settings(30)
@given(model=models(exact=True))
def test_compiled_code_computes_what_numpy_computes(ieee_strict_compiler, model):
    results = both(model)
    assume(results is not None)
    (state, spikes), (c_state, c_spikes) = results
    for name, values in state.items():
        np.testing.assert_array_equal(c_state[name], values, err_msg=f"{name} in {model}")
        np.testing.assert_array_equal(np.signbit(c_state[name][np.isinf(values)]),
                                      np.signbit(values[np.isinf(values)]),
                                      err_msg=f"sign of infinite {name} in {model}")
    np.testing.assert_array_equal(c_spikes[0], spikes[0], err_msg=f"spikes in {model}")
    np.testing.assert_array_equal(c_spikes[1], spikes[1], err_msg=f"spike times in {model}")


@_settings(15)
@given(model=models(exact=False))
def test_production_build_stays_within_rounding_of_numpy(restore_target, model):
    results = both(model)
    assume(results is not None)
    (state, spikes), (c_state, c_spikes) = results
    for name, values in state.items():
        np.testing.assert_allclose(c_state[name], values, rtol=1e-9, atol=1e-12,
                                   equal_nan=True, err_msg=f"{name} in {model}")
    np.testing.assert_array_equal(c_spikes[0], spikes[0], err_msg=f"spikes in {model}")
