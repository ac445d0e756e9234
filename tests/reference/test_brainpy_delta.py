"""Delta (voltage-jump) projections give BrainPy's ``FullProjDelta`` trace for trace: the
cases of brainpy_delta_cases.py against BrainPy 2.9 (64-bit, brainpy_delta.npz made by
make_brainpy_delta_reference.py), on the NumPy target (the kernels are the ordinary
synapse and run_regularly ones)."""
from pathlib import Path

import numpy as np
import pytest

from eqsim import Network, StateMonitor, SpikeMonitor, mV, ms, nA
from eqsim import models
from brainpy_delta_cases import (CASES, N_POST, N_PRE, POST, POST_INPUT, PRE, PRE_INPUT, STEPS,
                                 WEIGHT, network_inputs)

REFERENCE = np.load(Path(__file__).parent / "brainpy_delta.npz")


def simulate(model, delay, tau_ref):
    i, j, v_pre, v_post = network_inputs()
    pre = models.LifRef(N_PRE, **PRE, V_initializer=v_pre, name="pre")
    extra = {} if tau_ref is None else {"tau_ref": tau_ref}
    post = getattr(models, model)(N_POST, **POST, **extra, V_initializer=v_post, name="post")
    pre.I, post.I = PRE_INPUT * nA, POST_INPUT * nA
    models.FullProjDelta(pre, delay, models.IJConn(i, j, weight=WEIGHT), post, name="D")
    # BrainPy's V after step k is eqsim's at the start of step k + 1
    trace = StateMonitor(post, "V", record=True, name="trace")
    spikes = SpikeMonitor(post, name="spikes")
    Network(pre, post, trace, spikes).run((STEPS + 1) * 0.1 * ms)
    return np.asarray(trace.V / mV).T[1:], spikes


@pytest.mark.parametrize("key", sorted(CASES))
def test_delta_projection_voltage_is_brainpys_step_for_step(numpy_target, key):
    v, spikes = simulate(*CASES[key])
    theirs = REFERENCE[f"{key}/V"]
    assert REFERENCE[f"{key}/spikes"].sum() > 20
    np.testing.assert_allclose(v, theirs, rtol=1e-9, atol=0)
    steps, neurons = np.nonzero(REFERENCE[f"{key}/spikes"])
    ours = sorted(zip(np.round(np.asarray(spikes.t / ms) / 0.1).astype(int).tolist(),
                      np.asarray(spikes.i).tolist()))
    assert ours == sorted(zip(steps.tolist(), neurons.tolist()))


def test_the_reference_has_jumps_that_reach_refractory_targets_and_are_lost(numpy_target):
    i, j, v_pre, v_post = network_inputs()
    pre = models.LifRef(N_PRE, **PRE, V_initializer=v_pre, name="pre")
    post = models.LifRef(N_POST, **POST, tau_ref=2.05, V_initializer=v_post, name="post")
    pre.I, post.I = PRE_INPUT * nA, POST_INPUT * nA
    models.FullProjDelta(pre, 0.1, models.IJConn(i, j, weight=WEIGHT), post, name="D")
    # just before the jumps are added, and after
    before = StateMonitor(post, ["V", "jump_D", "not_refractory"], record=True,
                          when="before_thresholds", order=-1, name="before")
    after = StateMonitor(post, "V", record=True, when="thresholds", order=-1, name="after")
    Network(pre, post, before, after).run(STEPS * 0.1 * ms)
    arriving = np.asarray(before.jump_D) != 0
    refractory = ~np.asarray(before.not_refractory, dtype=bool)
    assert (arriving & refractory).sum() > 20 and (arriving & ~refractory).sum() > 100
    moved = np.asarray(after.V / mV) - np.asarray(before.V / mV)
    np.testing.assert_array_equal(moved[arriving & refractory], 0)
    np.testing.assert_allclose(moved[arriving & ~refractory],
                               np.asarray(before.jump_D / mV)[arriving & ~refractory], rtol=1e-12)
