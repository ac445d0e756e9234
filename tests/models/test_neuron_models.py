"""The ready neuron models as descriptions and groups: printable equations, BrainPy's
units for plain numbers, checked Quantities, per-neuron parameters, seeded initializers."""
import numpy as np
import pytest

from eqsim import NeuronGroup, SpikeMonitor, mV, ms, nA, run, seed, start_scope
from eqsim.models import (LIF, AdEx, LifRef, ModelGroup, ModelParameterError, Normal, Uniform,
                          ZeroInit)


def test_a_model_without_size_is_a_printable_description_whose_pieces_make_the_group(
        numpy_target):
    model = LifRef(V_rest=-60., V_th=-50., V_reset=-60., tau=20., tau_ref=5.)
    text = str(model.equations)
    assert "dV/dt = (-(V - V_rest) + R*(I + I_syn))/tau" in text
    assert "(unless refractory)" in text
    assert model.namespace["tau"] == 20 * ms and model.threshold == "V >= V_th"
    # the printed pieces make an ordinary NeuronGroup that runs as the ready group
    by_hand = NeuronGroup(3, model.equations, threshold=model.threshold, reset=model.reset,
                          refractory=model.refractory, method=model.method,
                          namespace={**model.namespace, **model.run_constants(0.1e-3)},
                          name="by_hand")
    by_hand.run_regularly(model.step_start, when="before_groups")
    by_hand.t_last_ms = -1e7
    ready = LifRef(3, V_rest=-60., V_th=-50., V_reset=-60., tau=20., tau_ref=5., name="ready")
    for group in (by_hand, ready):
        group.V = [-55, -52, -51] * mV
        group.I = 25 * nA
    spikes_by_hand, spikes_ready = SpikeMonitor(by_hand), SpikeMonitor(ready)
    run(30 * ms)
    np.testing.assert_array_equal(by_hand.V[:], ready.V[:])
    assert spikes_by_hand.num_spikes == spikes_ready.num_spikes > 3


def test_a_model_with_size_is_a_group_and_plain_numbers_are_brainpys_units():
    group = LIF(4, V_rest=-60., tau=20., V_initializer=-55.)
    assert isinstance(group, ModelGroup) and isinstance(group.model, LIF)
    np.testing.assert_allclose(group.V[:] / mV, -55.0)
    same = LIF(V_rest=-60 * mV, tau=20 * ms)
    assert same.namespace == LIF(V_rest=-60., tau=20.).namespace


def test_a_quantity_in_the_wrong_unit_or_an_unknown_parameter_is_refused_with_a_hint():
    with pytest.raises(ModelParameterError, match="'tau' must be in ms") as info:
        LIF(tau=20 * mV)
    assert "BrainPy" in info.value.hint
    with pytest.raises(ModelParameterError, match="no parameter 'tua'") as info:
        LIF(tua=20.)
    assert "tau" in info.value.hint
    with pytest.raises(ModelParameterError, match="3 values for 4 neurons"):
        LIF(4, tau=[10., 20., 30.])


def test_per_neuron_parameters_become_constant_variables(target):
    group = LIF(3, tau=[10., 20., 40.], V_rest=0., V_th=1000., V_initializer=0.)
    group.I = 10 * nA
    run(10 * ms)
    tau = np.array([10., 20., 40.])
    np.testing.assert_allclose(group.V[:] / mV, 10 * (1 - np.exp(-10 / tau)), rtol=1e-12)
    assert "tau : second (constant)" in str(group.model.equations)


def _initial_values(target):
    start_scope()
    seed(42)
    group = AdEx(2000, V_initializer=Normal(-55., 2.), w_initializer=Uniform(0., 1.),
                 name="adex")
    return group.V[:] / mV, group.w[:] / nA


def test_initializers_draw_from_seeded_streams_the_same_on_both_targets(both_targets):
    (v_np, w_np), (v_c, w_c) = both_targets(_initial_values)
    np.testing.assert_allclose(v_np, v_c, rtol=1e-13)
    np.testing.assert_array_equal(w_np, w_c)
    assert abs(np.mean(v_np) + 55) < 0.2 and abs(np.std(v_np) - 2) < 0.1
    assert 0 <= w_np.min() and w_np.max() < 1 and abs(np.mean(w_np) - 0.5) < 0.03
    again = _initial_values("numpy")
    np.testing.assert_array_equal(again[0], v_np)


def test_zero_init_and_lifref_spikes_reset_and_hold(numpy_target):
    group = LifRef(1, V_rest=0., V_th=10., V_reset=-5., tau=10., tau_ref=2.,
                   V_initializer=ZeroInit())
    group.I = 20 * nA
    spikes = SpikeMonitor(group)
    run(50 * ms)
    # from 0 towards 20 mV: reaches 10 mV at t = tau*ln(2); then from -5 after 2 ms held
    first = float(spikes.t[0] / ms)
    assert abs(first - 10 * np.log(2)) < 0.1
    period = np.diff(np.asarray(spikes.t / ms))
    expected = 2 + 10 * np.log(25 / 10)
    np.testing.assert_allclose(period, expected, atol=0.11)
