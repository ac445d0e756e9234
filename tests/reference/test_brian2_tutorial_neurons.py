"""The deterministic cells of Brian2's tutorial "Introduction to Brian part 1: Neurons",
run with ``from eqsim import *`` on both targets and compared with what Brian2 2.9.0
computed (``brian2_tutorial_neurons.npz``, made by ``make_brian2_reference.py``).

Spikes must fall on the same time step as in Brian2; traces agree to 1e-9 (Brian2's own
cython and numpy targets differ by at most 4e-15 on these cells, see the JSON sidecar).
Each test body is the tutorial cell with the plotting removed.
"""
import numpy as np
import pytest

from brian2_reference import Reference
from eqsim import *  # noqa: F401,F403  (the tutorial code is written against the star import)
from eqsim import DimensionMismatchError, EqsimError

reference = Reference("neurons")
SIDECAR = reference.sidecar
steps = reference.steps
TRACE_TOLERANCE = dict(rtol=1e-9, atol=1e-9)


def assert_same_spike_steps(cell, times, indices=None):
    expected_steps = steps(reference(cell, "spike_t"))
    if indices is None:
        np.testing.assert_array_equal(steps(times), expected_steps)
        return
    # within one step the order of neurons is not part of the contract: sort by (step, index)
    expected_indices = reference(cell, "spike_i")
    got = sorted(zip(steps(times).tolist(), np.asarray(indices).tolist()))
    expected = sorted(zip(expected_steps.tolist(), expected_indices.tolist()))
    assert got == expected


def assert_same_trace(cell, monitor):
    np.testing.assert_allclose(np.asarray(monitor.t, dtype=float), reference(cell, "t"),
                               rtol=0, atol=1e-12)
    np.testing.assert_allclose(np.asarray(monitor.v, dtype=float), reference(cell, "v"),
                               **TRACE_TOLERANCE)


def test_dimensionally_inconsistent_equation_is_rejected_like_brian2(target):
    # Brian2 raises (inside its BrianObjectException) a DimensionMismatchError here
    assert SIDECAR["notes"]["dimension_error"]["cause"] == "DimensionMismatchError"
    eqs = '''
    dv/dt = 1-v : 1
    '''
    with pytest.raises(DimensionMismatchError) as caught:
        G = NeuronGroup(1, eqs)
        run(100*ms)
    assert isinstance(caught.value, EqsimError)


def test_default_method_gives_brian2_value_after_100ms(target):
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs)
    run(100*ms)
    np.testing.assert_allclose(G.v[:], reference("default_method", "v_after"), **TRACE_TOLERANCE)


def test_exact_method_before_and_after_match_brian2_and_expected_value(target):
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, method='exact')
    v_before = np.array(G.v[:], dtype=float)
    run(100*ms)
    np.testing.assert_array_equal(v_before, reference("exact_before_after", "v_before"))
    np.testing.assert_allclose(G.v[:], reference("exact_before_after", "v_after"),
                               **TRACE_TOLERANCE)
    np.testing.assert_allclose(float(1-exp(-100*ms/tau)),
                               reference("exact_before_after", "expected")[0], rtol=1e-15)


def test_statemonitor_record_true_trace_matches_brian2(target):
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, method='exact')
    M = StateMonitor(G, 'v', record=True)
    run(30*ms)
    assert_same_trace("statemonitor_record_true", M)


def test_statemonitor_record_0_trace_and_analytic_curve_match_brian2(target):
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, method='exact')
    M = StateMonitor(G, 'v', record=0)
    run(30*ms)
    assert_same_trace("statemonitor_analytic", M)
    np.testing.assert_allclose(np.asarray(1-exp(-M.t/tau), dtype=float),
                               reference("statemonitor_analytic", "analytic"), **TRACE_TOLERANCE)


def test_sine_driven_euler_trace_matches_brian2(target):
    tau = 10*ms
    eqs = '''
    dv/dt = (sin(2*pi*100*Hz*t)-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, method='euler')
    M = StateMonitor(G, 'v', record=0)
    G.v = 5  # initial value
    run(60*ms)
    assert_same_trace("sine_drive_euler", M)


def test_threshold_and_reset_trace_matches_brian2(target):
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, threshold='v>0.8', reset='v = 0', method='exact')
    M = StateMonitor(G, 'v', record=0)
    run(50*ms)
    assert_same_trace("threshold_reset_trace", M)


def test_threshold_and_reset_spike_times_match_brian2(target):
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, threshold='v>0.8', reset='v = 0', method='exact')
    spikemon = SpikeMonitor(G)
    run(50*ms)
    assert_same_spike_steps("threshold_reset_spikes", spikemon.t[:], spikemon.i[:])


def test_state_and_spike_monitors_together_match_brian2(target):
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, threshold='v>0.8', reset='v = 0', method='exact')
    statemon = StateMonitor(G, 'v', record=0)
    spikemon = SpikeMonitor(G)
    run(50*ms)
    assert_same_trace("threshold_reset_both", statemon)
    assert_same_spike_steps("threshold_reset_both", spikemon.t[:])


def test_unless_refractory_holds_v_for_5ms_like_brian2(target):
    tau = 10*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1 (unless refractory)
    '''
    G = NeuronGroup(1, eqs, threshold='v>0.8', reset='v = 0', refractory=5*ms, method='exact')
    statemon = StateMonitor(G, 'v', record=0)
    spikemon = SpikeMonitor(G)
    run(50*ms)
    assert_same_trace("refractory_unless", statemon)
    assert_same_spike_steps("refractory_unless", spikemon.t[:])


def test_refractory_without_unless_only_blocks_spikes_like_brian2(target):
    tau = 5*ms
    eqs = '''
    dv/dt = (1-v)/tau : 1
    '''
    G = NeuronGroup(1, eqs, threshold='v>0.8', reset='v = 0', refractory=15*ms, method='exact')
    statemon = StateMonitor(G, 'v', record=0)
    spikemon = SpikeMonitor(G)
    run(50*ms)
    assert_same_trace("refractory_without_unless", statemon)
    assert_same_spike_steps("refractory_without_unless", spikemon.t[:])


def test_random_initial_v_gives_brian2_interspike_interval_and_counts(target):
    # the draws differ from Brian2's; what does not depend on them must agree
    seed(20220211)
    N = 100
    tau = 10*ms
    eqs = '''
    dv/dt = (2-v)/tau : 1
    '''
    G = NeuronGroup(N, eqs, threshold='v>1', reset='v=0', method='exact')
    G.v = 'rand()'
    v_initial = np.array(G.v[:], dtype=float)
    spikemon = SpikeMonitor(G)
    run(50*ms)
    assert np.all((v_initial >= 0) & (v_initial < 1)) and abs(v_initial.mean() - 0.5) < 0.1
    spike_steps, spike_indices = steps(spikemon.t[:]), np.asarray(spikemon.i[:])
    isi_steps = np.concatenate([np.diff(spike_steps[spike_indices == k]) for k in range(N)])
    np.testing.assert_array_equal(np.unique(isi_steps),
                                  reference("multiple_neurons_random", "isi_steps"))
    counts = np.asarray(spikemon.count[:])
    np.testing.assert_array_equal([counts.min(), counts.max()],
                                  reference("multiple_neurons_random", "count_range"))


def test_parameter_v0_firing_rate_curve_matches_brian2(target):
    N = 100
    tau = 10*ms
    v0_max = 3.
    duration = 1000*ms
    eqs = '''
    dv/dt = (v0-v)/tau : 1 (unless refractory)
    v0 : 1
    '''
    G = NeuronGroup(N, eqs, threshold='v>1', reset='v=0', refractory=5*ms, method='exact')
    M = SpikeMonitor(G)
    G.v0 = 'i*v0_max/(N-1)'
    run(duration)
    np.testing.assert_allclose(G.v0[:], reference("parameters_rate_curve", "v0"), rtol=1e-15)
    np.testing.assert_array_equal(M.count[:], reference("parameters_rate_curve", "count"))
    np.testing.assert_allclose(np.asarray(M.count/duration, dtype=float),
                               reference("parameters_rate_curve", "rate"), rtol=1e-12)
    assert_same_spike_steps("parameters_rate_curve", M.t[:], M.i[:])
