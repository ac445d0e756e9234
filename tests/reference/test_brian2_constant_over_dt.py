"""``(constant over dt)`` subexpressions as Brian2: stored, computed once at the start of each
step and held through every stage of the integrator, in NeuronGroup and in Synapses (data:
make_brian2_constant_over_dt.py)."""
import json
from pathlib import Path

import numpy as np
import pytest

import eqsim
from eqsim import NeuronGroup, StateMonitor, Synapses, mV, ms, run, seed

from constant_over_dt_cases import METHODS, SYNAPSES_METHODS, run_case, run_synapses_case

REFERENCE = json.loads((Path(__file__).parent / "brian2_constant_over_dt.json").read_text())


@pytest.mark.parametrize("method", METHODS)
def test_held_subexpression_gives_brian2s_traces(method, numpy_target):
    ours = run_case(eqsim, method)
    theirs = REFERENCE["results"][method]
    for key in ("v", "I"):
        assert np.allclose(ours[key], theirs[key], rtol=1e-9, atol=1e-12), key


def test_random_held_subexpression_drives_an_equation_once_per_step(both_targets):
    def simulate(target):
        seed(7)
        G = NeuronGroup(200, "dv/dt = (I_noise - v)/(10*ms) : volt\n"
                             "I_noise = 5*mV*randn() : volt (constant over dt)", method="rk4")
        M = StateMonitor(G, ["I_noise", "v"], record=[0, 1])
        run(5 * ms)
        return np.asarray(G.I_noise / mV), np.asarray(M.I_noise / mV), np.asarray(M.v / mV)
    (values, trace, v), compiled = both_targets(simulate)
    for a, b in zip((values, trace, v), compiled):
        assert np.allclose(a, b, rtol=1e-12, atol=0)
    assert abs(values.std() - 5) < 1.0 and abs(values.mean()) < 1.0  # one normal draw each
    assert np.all(np.diff(trace[0][1:]) != 0)  # a new draw every step
    # v integrates the held value: over one step of RK4 with a constant input
    k = 1 - np.exp(-0.1 / 10)
    assert np.allclose(v[0][2:] - v[0][1:-1], (trace[0][1:-1] - v[0][1:-1]) * k, rtol=1e-6)


def test_shared_held_subexpression_is_one_draw_per_step_for_all_neurons(both_targets):
    def simulate(target):
        seed(3)
        G = NeuronGroup(4, "dv/dt = (g - v)/(10*ms) : 1\n"
                           "g = 0.5 + 0.1*randn() : 1 (constant over dt, shared)", method="euler")
        M = StateMonitor(G, ["g", "v"], record=True)
        run(0.5 * ms)
        return np.asarray(M.g), np.asarray(G.v[:])
    (g, v), (g_c, v_c) = both_targets(simulate)
    assert np.array_equal(g, g_c) and np.allclose(v, v_c, rtol=1e-12)
    assert np.all(g == g[0]) and len(set(g[0])) == g.shape[1]  # same for all, new each step


@pytest.mark.parametrize("method", SYNAPSES_METHODS)
def test_held_synaptic_subexpression_gives_brian2s_traces(method, numpy_target):
    ours = run_synapses_case(eqsim, method)
    theirs = REFERENCE["synapses"][method]
    for key in ("w", "I", "g", "c"):
        assert np.allclose(ours[key], theirs[key], rtol=1e-9, atol=1e-12), key


def test_random_held_synaptic_subexpression_is_one_draw_per_synapse_and_step(both_targets):
    def simulate(target):
        seed(5)
        G = NeuronGroup(10, "")
        H = NeuronGroup(10, "")
        S = Synapses(G, H, "dw/dt = (I - w)/(2*ms) : 1 (clock-driven)\n"
                           "I = 0.5 + 0.1*randn() : 1 (constant over dt)", method="rk4")
        S.connect()
        M = StateMonitor(S, ["I", "w"], record=[0, 1])
        run(1 * ms)
        return np.asarray(S.I[:]), np.asarray(M.I), np.asarray(M.w)
    (values, trace, w), compiled = both_targets(simulate)
    for a, b in zip((values, trace, w), compiled):
        assert np.allclose(a, b, rtol=1e-12, atol=0)
    assert abs(values.std() - 0.1) < 0.03 and abs(values.mean() - 0.5) < 0.03
    assert np.all(np.diff(trace[0][1:]) != 0)  # a new draw every step
    # w integrates the held value: one RK4 step with a constant input is exact
    k = 1 - np.exp(-0.1 / 2)
    assert np.allclose(w[0][2:] - w[0][1:-1], (trace[0][1:-1] - w[0][1:-1]) * k, rtol=1e-6)
