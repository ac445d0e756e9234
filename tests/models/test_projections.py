"""Projections build ordinary objects: the synaptic kernels have their analytic shapes,
the delay counts as in BrainPy, wrong inputs are refused with a hint."""
import numpy as np
import pytest

from eqsim import (NeuronGroup, SpikeGeneratorGroup, SpikeMonitor, StateMonitor, Network, ms,
                   mV, nA, nS, uS, run)
from eqsim.models import (COBA, CUBA, Alpha, DualExponential, Expon, IJConn, LIF, LifRef,
                          ModelParameterError, One2One, Projection, ProjAlignPreMg2,
                          ProjectionError, JitFPHomoLinear)


def _kernel(syn, out=None, weight=2.0, delay=0.1, duration=30 * ms):
    source = SpikeGeneratorGroup(1, [0], [1 * ms], name="src")
    target = LIF(1, V_th=1e9, name="tgt")
    ProjAlignPreMg2(pre=source, delay=delay, syn=syn, comm=IJConn([0], [0], weight=weight),
                    out=out or CUBA(), post=target, name="P")
    monitor = StateMonitor(target, ["g_P", "I_syn"], record=0, when="end", name="M")
    run(duration)
    t = np.asarray(monitor.t / ms)
    return t, np.asarray(monitor.g_P[0] / nA), np.asarray(monitor.I_syn[0] / nA)


def test_expon_kernel_jumps_by_the_weight_one_step_after_the_spike_and_decays(target):
    t, g, current = _kernel(Expon(tau=5.))
    spike_step = 10  # spike at 1 ms, dt 0.1 ms: the increment lands in the same step
    assert np.all(g[:spike_step] == 0)
    after = t[spike_step:] - t[spike_step]
    np.testing.assert_allclose(g[spike_step:], 2.0 * np.exp(-after / 5.0), rtol=1e-12)
    # the current of a step is computed at its start from the previous step's g
    np.testing.assert_allclose(current[spike_step + 1:], g[spike_step:-1], rtol=1e-12)


def test_dual_exponential_peaks_at_the_weight_at_the_analytic_time(target):
    tau_d, tau_r = 10.0, 2.0
    t, g, _ = _kernel(DualExponential(tau_decay=tau_d, tau_rise=tau_r), duration=60 * ms)
    t_peak = np.log(tau_d / tau_r) * tau_d * tau_r / (tau_d - tau_r)
    k = np.argmax(g)
    assert abs((t[k] - 1.0) - t_peak) < 0.25
    # BrainPy's exp_auto holds h over each step: first order, error ~ dt/(2*tau_rise)
    assert abs(g.max() - 2.0) < 2.0 * 0.1 / (2 * tau_r) * 1.2
    analytic = 2.0 * (np.exp(-(t - 1) / tau_d) - np.exp(-(t - 1) / tau_r)) / (
        (tau_r / tau_d) ** (tau_r / (tau_d - tau_r)) - (tau_r / tau_d) ** (tau_d / (tau_d - tau_r)))
    late = t > 1.5
    np.testing.assert_allclose(g[late], analytic[late], rtol=0.05, atol=0.01)


def test_alpha_kernel_peaks_at_tau_decay(target):
    t, g, _ = _kernel(Alpha(tau_decay=4.), duration=40 * ms)
    assert abs((t[np.argmax(g)] - 1.0) - 4.0) < 0.25
    np.testing.assert_allclose(g.max(), 2.0 * np.exp(-1), rtol=0.02)


def test_coba_current_uses_the_reversal_potential_and_V_at_the_step_start(numpy_target):
    t, g, current = _kernel(Expon(tau=5.), out=COBA(E=0.), weight=0.5)
    # LIF rests at V_rest = 0 mV here, so a conductance onto E = 0 mV gives no current
    np.testing.assert_allclose(current, 0.0, atol=1e-15)


def test_longer_delays_reach_the_targets_one_step_early_as_in_brainpy(numpy_target):
    # BrainPy 2.9: a delay of d = ceil(delay/dt) steps reaches the targets' V d - 1 steps
    # after the spike (tests/reference/test_brainpy_delta.py); g moves in the step before
    t, g, _ = _kernel(Expon(tau=5.), delay=1.0)
    assert np.flatnonzero(g)[0] == 10 + 8


def test_projection_onto_a_plain_neurongroup_or_with_a_voltage_weight_is_refused(numpy_target):
    plain = NeuronGroup(2, "v : volt", threshold="v > 1*volt", name="plain")
    model = LIF(2, name="lif")
    with pytest.raises(ProjectionError, match="ready model") as info:
        Projection(model, plain, One2One(weight=1.))
    assert "LifRef(N" in info.value.hint
    with pytest.raises(ModelParameterError, match="'weight' must be in uS"):
        Projection(model, model, One2One(weight=1 * mV), out=COBA(), name="bad")
    assert "g_bad" not in model.variables  # nothing half-built


def test_two_projections_with_one_name_onto_a_group_are_refused(numpy_target):
    model = LIF(2, name="lif")
    Projection(model, model, One2One(weight=1.), name="same")
    with pytest.raises(ModelParameterError, match="already has"):
        Projection(model, model, One2One(weight=1.), name="same")


def test_procedural_projection_equals_stored_connectivity_for_the_same_seed(numpy_target):
    from eqsim import seed, start_scope
    counts = []
    for comm in (lambda: JitFPHomoLinear(200, 200, prob=0.05, weight=0.5, procedural=True),
                 lambda: __import__("eqsim.models", fromlist=["FixedProb"]).FixedProb(0.05, 0.5)):
        start_scope()
        seed(4)
        group = LifRef(200, V_rest=-60., V_th=-50., V_reset=-60., tau=20., tau_ref=2.,
                       V_initializer=-55., name="G")
        group.I = 15 * nA
        Projection(group, group, comm(), syn=Expon(tau=5.), out=COBA(E=0.), name="P")
        spikes = SpikeMonitor(group, name="S")
        Network(group, spikes).run(50 * ms)
        counts.append(np.asarray(spikes.count[:]))
    np.testing.assert_array_equal(counts[0], counts[1])
    assert counts[0].sum() > 200


def test_jit_connectivity_is_stored_when_small_and_regenerated_when_large():
    from eqsim.models.connectivity import STORE_UP_TO
    assert not JitFPHomoLinear(4000, 4000, prob=0.02, weight=0.5).procedural  # 320 k
    assert JitFPHomoLinear(100_000, 100_000, prob=0.02, weight=0.5).procedural  # 200 M
    assert 4000 * 4000 * 0.02 < STORE_UP_TO < 100_000 ** 2 * 0.02
    assert JitFPHomoLinear(40, 40, prob=0.1, weight=0.5, procedural=True).procedural


def test_fixed_in_and_out_degree_give_each_neuron_its_number_of_connections():
    from eqsim import prefs
    from eqsim.models import (CUBA, LIF, Expon, FixedInDegree, FixedOutDegree, FixedPreNum,
                              ModelParameterError, Projection)
    previous = prefs.codegen.target
    prefs.codegen.target = "numpy"
    try:
        A, B = LIF(30), LIF(20)
        into = Projection(A, B, FixedInDegree(6, weight=0.1), syn=Expon(), out=CUBA(), name="pin")
        assert np.all(np.bincount(into.synapses.j[:], minlength=20) == 6)
        assert all(len(set(into.synapses.i[into.synapses.j[:] == k])) == 6 for k in range(20))
        out = Projection(A, B, FixedOutDegree(0.25, weight=0.1), syn=Expon(), out=CUBA(),
                         name="pout")
        assert np.all(np.bincount(out.synapses.i[:], minlength=30) == 5)
        recurrent = Projection(A, A, FixedPreNum(29, weight=0.1, include_self=False),
                               syn=Expon(), out=CUBA(), name="prec")
        assert not np.any(recurrent.synapses.i[:] == recurrent.synapses.j[:])
        # BrainPy's rule: 29 drawn, one fewer where the neuron itself was drawn
        assert set(np.bincount(recurrent.synapses.j[:], minlength=30)) <= {28, 29}
        for bad in (dict(num=1.5), dict(num=-1), dict(num="3"), dict(num=3, allow_multi_conn=True)):
            with pytest.raises(ModelParameterError):
                FixedPreNum(**bad)
        with pytest.raises(ModelParameterError, match="exceeds"):
            Projection(A, B, FixedInDegree(31), syn=Expon(), out=CUBA(), name="ptoo")
    finally:
        prefs.codegen.target = previous
