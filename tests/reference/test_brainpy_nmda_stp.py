"""Receptors with STP, BrainPy's older ``brainpy.synapses.NMDA/AMPA(pre, post, conn,
stp=...)`` form (the only one where BrainPy combines them), give BrainPy's traces to 1e-9
(brainpy_nmda_stp.npz, made by make_brainpy_nmda_stp_reference.py): pre and post V, the
receptor's state and STP's u and x on the presynaptic neurons. NMDA's x jumps by the
STP-scaled spike u*x; AMPA only tests it for a spike, so there STP leaves g unchanged."""
import json
from pathlib import Path

import numpy as np
import pytest

from eqsim import Network, StateMonitor, ms, nA
from eqsim import models
from brainpy_dualexp_cases import DT_MS, N_POST, N_PRE, PAIRS, PRE_INPUT, STEPS

HERE = Path(__file__).parent
REFERENCE = np.load(HERE / "brainpy_nmda_stp.npz")
INDEX = json.loads((HERE / "brainpy_nmda_stp.json").read_text())
OUTPUTS = {"NMDA": models.MgBlock(E=0.), "AMPA": models.COBA(E=0.)}


def simulate(model, stp=True):
    pre, post = models.LIF(N_PRE, name="pre"), models.LIF(N_POST, name="post")
    pre.I = np.array(PRE_INPUT[:N_PRE]) * nA
    # BrainPy's older form names AMPA's release duration T_duration (T_dur elsewhere)
    params = {"T_duration": INDEX["ampa_T_duration_ms"]} if model == "AMPA" else {}
    getattr(models, model)(pre, post, models.IJConn(*PAIRS),
                           stp=models.STP(**INDEX["stp"]) if stp else None,
                           output=OUTPUTS[model], g_max=INDEX["g_max_uS"][model], name="syn",
                           **params)
    names = ["V", "s_syn"] + (["s_syn_x"] if model == "NMDA" else []) + \
        (["u_syn", "x_syn"] if stp else [])
    pre_monitor = StateMonitor(pre, names, record=True, when="end", name="pre_monitor")
    post_monitor = StateMonitor(post, "V", record=True, when="end", name="post_monitor")
    Network(pre, post, pre_monitor, post_monitor).run(STEPS * DT_MS * ms)
    ours = {"pre_V": pre_monitor.V / 1e-3, "post_V": post_monitor.V / 1e-3,
            "g": pre_monitor.s_syn}
    if model == "NMDA":
        ours["x_nmda"] = pre_monitor.s_syn_x
    if stp:
        ours.update(u=pre_monitor.u_syn, x=pre_monitor.x_syn)
    return {name: np.asarray(values).T for name, values in ours.items()}


@pytest.mark.parametrize("model", ["NMDA", "AMPA"])
def test_receptor_with_stp_traces_are_brainpys_to_1e_9(numpy_target, model):
    assert np.sum(np.diff(REFERENCE[f"{model}/pre_V"], axis=0) < -10) > 20
    assert np.ptp(REFERENCE[f"{model}/u"]) > 0.2
    for name, mine in simulate(model).items():
        # synaptic and STP state is held one step ahead of BrainPy's (models/stp.py)
        shift = 0 if name.endswith("_V") else 1
        theirs = REFERENCE[f"{model}/{name}"][shift:]
        np.testing.assert_allclose(mine[:len(mine) - shift], theirs, rtol=1e-9,
                                   atol=1e-9 * np.max(np.abs(theirs)), err_msg=name)


def test_stp_scales_nmda_but_leaves_ampa_unchanged(numpy_target):
    for model, changes in (("NMDA", True), ("AMPA", False)):
        with_stp, without = simulate(model)["g"], simulate(model, stp=False)["g"]
        assert (np.max(np.abs(with_stp - without)) > 1e-3) == changes, model
