"""NMDA and AMPA with short-term plasticity in BrainPy's older form
(``brainpy.synapses.NMDA(pre, post, conn, stp=STP(...), output=MgBlock(...))``, the only form
where BrainPy combines a receptor with STP): the STP-scaled spike ``u*x`` is what NMDA's
``x`` jumps by, while AMPA only tests it for a spike. The groups, inputs and connectivity
of brainpy_dualexp_cases.py; writes brainpy_nmda_stp.npz (arrays '<model>/<trace>').

BrainPy environment only (64-bit floats); a minute:
    /work/brainpy-venv/bin/python tests/reference/make_brainpy_nmda_stp_reference.py
"""
import json
import pathlib
import sys

import numpy as np
import brainpy as bp
import brainpy.math as bm
from brainpy import neurons, synapses, synouts, synplast

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from brainpy_dualexp_cases import DT_MS, N_POST, N_PRE, PAIRS, PRE_INPUT, STEPS  # noqa: E402

HERE = pathlib.Path(__file__).parent
STP_PARAMS = {"U": 0.3, "tau_f": 30.0, "tau_d": 150.0}
G_MAX = {"NMDA": 3.0, "AMPA": 0.5}  # uS


# AMPA's release lasts T_duration; off the dt grid, since at a multiple of dt BrainPy's
# comparison t - t_arrival < T_duration is decided by rounding (brainpy_projection_cases.py)
AMPA_T_DURATION = 0.45


def run(model, output, g_max, **params):
    neu1, neu2 = neurons.LIF(N_PRE), neurons.LIF(N_POST)
    syn = getattr(synapses, model)(neu1, neu2, bp.connect.IJConn(i=PAIRS[0], j=PAIRS[1]),
                                   stp=synplast.STP(**STP_PARAMS), output=output, g_max=g_max,
                                   **params)
    net = bp.Network(pre=neu1, syn=syn, post=neu2)
    monitors = {"pre_V": "pre.V", "post_V": "post.V", "g": "syn.g", "u": syn.stp.u,
                "x": syn.stp.x}
    if model == "NMDA":
        monitors["x_nmda"] = "syn.x"
    runner = bp.DSRunner(net, inputs=[("pre.input", bm.asarray(PRE_INPUT[:N_PRE]))],
                         monitors=monitors, progress_bar=False)
    runner.run(STEPS * DT_MS)
    return {f"{model}/{key}": np.asarray(runner.mon[key]) for key in monitors}


def main():
    bm.enable_x64()
    bm.set_dt(DT_MS)
    arrays = {**run("NMDA", synouts.MgBlock(E=0.), G_MAX["NMDA"]),
              **run("AMPA", synouts.COBA(E=0.), G_MAX["AMPA"], T_duration=AMPA_T_DURATION)}
    np.savez_compressed(HERE / "brainpy_nmda_stp.npz", **arrays)
    index = {"brainpy": bp.__version__, "stp": STP_PARAMS, "g_max_uS": G_MAX,
             "ampa_T_duration_ms": AMPA_T_DURATION,
             "post_spikes": {m: int(np.sum(np.diff(arrays[f"{m}/post_V"], axis=0) < -10))
                             for m in G_MAX}}
    (HERE / "brainpy_nmda_stp.json").write_text(json.dumps(index, indent=1) + "\n")
    print(index)


if __name__ == "__main__":
    main()
