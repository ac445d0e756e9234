"""STDP rules of eqsim.models.plasticity: the final weights of given spike trains equal an
independent event-by-event computation and Brian2's numbers for the same rules
(tests/reference/make_brian2_plasticity_reference.py, brian2_plasticity.json)."""
import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest

from eqsim import SpikeGeneratorGroup, SpikeMonitor, defaultclock, ms, nA, run, start_scope
from eqsim.models import (CUBA, Expon, FixedProb, IJConn, LifRef, ModelParameterError,
                          Projection, ProjectionError, STDP, TripletSTDP)

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
sys.path.insert(0, str(REFERENCE))
from plasticity_cases import (DT_MS, DURATION_MS, N_PAIRS, PAIR, RULES, TRIPLET,  # noqa: E402
                              W_START, trains)

BRIAN2 = json.loads((REFERENCE / "brian2_plasticity.json").read_text())["weights"]


def make_rule(name):
    if name.startswith("pair"):
        return STDP(dependence=name.split("_")[1], **PAIR)
    return TripletSTDP(nearest=name.endswith("nearest"), **TRIPLET)


def event_loop(name, pre_times, post_times, params=None, w=W_START):
    """The weight after the spikes, computed spike by spike in plain Python (pre before
    post at equal times), with the traces decayed exactly between spikes."""
    events = sorted([(t, 0) for t in pre_times] + [(t, 1) for t in post_times])
    p = params or (PAIR if name.startswith("pair") else TRIPLET)
    wmax, last = p["wmax"], 0.0
    if name.startswith("pair"):
        traces = {"pre": 0.0, "post": 0.0}
        for t, is_post in events:
            traces["pre"] *= math.exp(-(t - last) / p["taupre"])
            traces["post"] *= math.exp(-(t - last) / p["taupost"])
            last = t
            multiplicative = name.endswith("multiplicative")
            if not is_post:
                traces["pre"] += p["Apre"]
                w += (w if multiplicative else wmax) * traces["post"]
            else:
                traces["post"] += p["Apost"]
                w += ((wmax - w) if multiplicative else wmax) * traces["pre"]
            w = min(max(w, 0.0), wmax)
        return w
    r1, r2, o1, o2 = 0.0, 0.0, 0.0, 0.0
    for t, is_post in events:
        d = t - last
        r1 *= math.exp(-d / p["tau_plus"]); r2 *= math.exp(-d / p["tau_x"])
        o1 *= math.exp(-d / p["tau_minus"]); o2 *= math.exp(-d / p["tau_y"])
        last = t
        bump = (lambda x: 1.0) if name.endswith("nearest") else (lambda x: x + 1.0)
        if not is_post:
            w = min(max(w - wmax * o1 * (p["A2m"] + p["A3m"] * r2), 0.0), wmax)
            r1, r2 = bump(r1), bump(r2)
        else:
            w = min(max(w + wmax * r1 * (p["A2p"] + p["A3p"] * o2), 0.0), wmax)
            o1, o2 = bump(o1), bump(o2)
    return w


def simulate(name):
    start_scope()
    defaultclock.dt = DT_MS * ms
    pre_i, pre_t, post_i, post_t = trains()
    pre = SpikeGeneratorGroup(N_PAIRS, pre_i, pre_t * ms)
    post = SpikeGeneratorGroup(N_PAIRS, post_i, post_t * ms)
    synapses = make_rule(name).synapses(pre, post)
    synapses.connect(j="i")
    synapses.w = W_START
    run(DURATION_MS * ms)
    return np.asarray(synapses.w[:])


@pytest.mark.parametrize("name", RULES)
def test_stdp_rule_weights_match_an_event_loop_and_brian2(numpy_target, name):
    got = simulate(name)
    pre_i, pre_t, post_i, post_t = trains()
    expected = [event_loop(name, pre_t[pre_i == k], post_t[post_i == k]) for k in range(N_PAIRS)]
    np.testing.assert_allclose(got, expected, rtol=1e-9)
    np.testing.assert_allclose(got, BRIAN2[name], rtol=1e-9)
    assert np.all(np.abs(got - W_START) > 1e-3)  # every synapse's weight moved


def test_triplet_stdp_gives_brian2s_weights_on_both_targets(both_targets):
    numpy_w, cython_w = both_targets(lambda target: simulate("triplet_all"))
    np.testing.assert_allclose(cython_w, BRIAN2["triplet_all"], rtol=1e-9)
    np.testing.assert_allclose(cython_w, numpy_w, rtol=1e-12)


def test_rules_print_their_equations():
    text = str(STDP(dependence="multiplicative"))
    assert "dapre/dt = -apre/taupre : 1 (event-driven)" in text
    assert "w = clip(w + w*apost, 0*wmax, wmax)" in text
    assert "w = clip(w + (wmax - w)*apre, 0*wmax, wmax)" in text
    triplet = str(TripletSTDP(nearest=True))
    assert "w = clip(w - wmax*o1*(A2m + A3m*r2), 0*wmax, wmax)\nr1 = 1\nr2 = 1" in triplet


def test_plastic_projection_changes_each_weight_by_the_rule(numpy_target):
    start_scope()
    pre = SpikeGeneratorGroup(3, [0, 1, 2, 0, 1, 2], [2, 4, 6, 22, 24, 26] * ms)
    post = LifRef(2, V_rest=0., V_reset=0., V_th=10., tau=10., tau_ref=2., name="post")
    post.I = 20 * nA  # R = 1 Mohm: fires every ~9 ms, whatever the synapses add
    rule = STDP(wmax=2.0, Apre=0.05, Apost=-0.05)
    projection = Projection(pre, post, IJConn([0, 1, 2, 2], [0, 0, 1, 0], weight=1.0),
                            syn=Expon(tau=5.), out=CUBA(), plasticity=rule, name="P")
    spikes = SpikeMonitor(post)
    run(40 * ms)
    synapses = projection.synapses
    w = np.asarray(synapses.w[:] / nA)
    post_trains = spikes.spike_trains()
    assert all(len(train) > 1 for train in post_trains.values())
    pre_times = {0: [2.0, 22.0], 1: [4.0, 24.0], 2: [6.0, 26.0]}
    for k, (i, j) in enumerate(zip(synapses.i[:], synapses.j[:])):
        # the event loop's rule in units of nA (wmax = 2 nA); no delay: pre spikes act in
        # their own step
        w_expected = event_loop("pair_additive", pre_times[int(i)],
                                np.asarray(post_trains[int(j)] / ms),
                                dict(taupre=20.0, taupost=20.0, Apre=0.05, Apost=-0.05,
                                     wmax=2.0), w=1.0)
        assert w[k] == pytest.approx(w_expected, rel=1e-9)
    assert np.all(w != 1.0)


def test_plasticity_rules_refuse_bad_options_and_procedural_connections(numpy_target):
    with pytest.raises(ModelParameterError, match="dependence"):
        STDP(dependence="power")
    with pytest.raises(ModelParameterError, match="no parameter 'tau_pre'"):
        STDP(tau_pre=20.)
    start_scope()
    pre = SpikeGeneratorGroup(3, [0], [1] * ms)
    post = LifRef(2, name="post")
    with pytest.raises(ProjectionError, match="stored connections"):
        Projection(pre, post, FixedProb(0.5, weight=1.0, procedural=True), plasticity=STDP())
