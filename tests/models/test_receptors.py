"""Pre-aligned receptor models (AMPA, GABAa, NMDA): the kinetics have their analytic
shapes, the postsynaptic conductance is the weighted sum of the presynaptic states, and
combinations that cannot be built are refused. BrainPy's spikes:
tests/reference/test_brainpy_projections.py (case 'receptors')."""
import numpy as np
import pytest

from eqsim import SpikeGeneratorGroup, StateMonitor, mM, ms, nA, run
from eqsim.models import (AMPA, COBA, GABAa, LIF, NMDA, STP, IJConn, One2One, Projection,
                          ProjectionError)


def _receptor(syn, weight=2.0, duration=20 * ms):
    pre = LIF(2, V_initializer=0., name="pre")
    pre.I = [30, 0] * nA  # neuron 0 fires at regular intervals, neuron 1 never
    post = LIF(1, V_th=1e9, name="post")
    Projection(pre, post, IJConn([0, 1], [0, 0], weight=weight), syn=syn, out=COBA(E=0.),
               name="P")
    state = StateMonitor(pre, ["s_P", "V"], record=[0, 1], when="end", name="S")
    conductance = StateMonitor(post, "g_P", record=0, when="end", name="G")
    run(duration)
    return (np.asarray(state.s_P), np.asarray(state.V[0]),
            np.asarray(conductance.g_P[0]) / 1e-6)


def test_ampa_rises_during_the_release_and_decays_with_beta(numpy_target):
    s, v, g = _receptor(AMPA(T_dur=0.45))
    spike = np.argmax(np.diff(v) < -0.001) + 1
    assert np.all(s[1] == 0) and np.all(s[0, :spike] == 0)
    rate = 0.98 * 0.5 + 0.18  # 1/ms while transmitter is present (5 steps of 0.1 ms)
    steps = np.arange(1, 6)
    np.testing.assert_allclose(s[0, spike:spike + 5],
                               0.98 * 0.5 / rate * (1 - np.exp(-rate * 0.1 * steps)), rtol=1e-12)
    np.testing.assert_allclose(s[0, spike + 6:spike + 20] / s[0, spike + 5:spike + 19],
                               np.exp(-0.18 * 0.1), rtol=1e-12)
    # the postsynaptic conductance: the weight times the state, one step later
    np.testing.assert_allclose(g[1:], 2.0 * s[0, :-1], rtol=1e-12, atol=1e-15)


def test_gabaa_has_its_own_defaults(numpy_target):
    values = GABAa().values
    assert float(values["alpha"] * mM * ms) == pytest.approx(0.53)
    assert values["T_dur"] == 1 * ms and float(values["T"] / mM) == pytest.approx(1.0)


def test_nmda_saturates_below_one_under_repeated_spikes(numpy_target):
    s, v, _ = _receptor(NMDA(a=5.0), duration=60 * ms)
    assert np.sum(np.diff(v) < -0.001) >= 4
    assert 0.9 < s[0].max() < 1.0  # without the (1 - g) factor it would exceed 1
    assert np.all(np.diff(s[0][:5]) == 0)


def test_receptor_from_a_plain_group_or_with_stp_from_one_is_refused_leaving_post_unchanged(
        numpy_target):
    pre, post = LIF(1, name="pre"), LIF(1, name="post")
    before = set(post.variables), set(pre.variables)
    source = SpikeGeneratorGroup(1, [0], [1 * ms], name="src")
    with pytest.raises(ProjectionError, match="receptor model keeps its state"):
        Projection(source, post, One2One(), syn=NMDA(), name="Q")
    with pytest.raises(ProjectionError, match="receptor model keeps its state"):
        Projection(source, post, One2One(), syn=AMPA(), stp=STP(), name="P")
    assert (set(post.variables), set(pre.variables)) == before
