"""Run seed 001 (BrainPy's ``brainpy.synapses.DualExponential`` documentation: LIF ->
DualExponential -> LIF, monitors pre.V, post.V, syn.g, syn.h) and the variants of
brainpy_dualexp_cases.py in BrainPy (64-bit floats) and write brainpy_dualexp.npz / .json:
per step the traces pre.V, post.V, syn.g, syn.h and, with STP, stp.u and stp.x.

BrainPy environment only (BrainPy 2.9, Python >= 3.12):
    /work/brainpy-venv/bin/python tests/reference/make_brainpy_dualexp_reference.py
"""
import json
import pathlib
import sys

import numpy as np
import brainpy as bp
import brainpy.math as bm
from brainpy import neurons, synapses, synouts, synplast

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from brainpy_dualexp_cases import CASES, DT_MS, PAIRS, PRE_INPUT, STEPS  # noqa: E402

HERE = pathlib.Path(__file__).parent


def run(case):
    n_pre, n_post, (out, out_params), stp, comp, conn, g_max, delay_step = case
    neu1 = neurons.LIF(n_pre)
    neu2 = neurons.LIF(n_post)
    if conn == "all2all":
        connector = bp.connect.All2All()
    else:
        connector = bp.connect.IJConn(i=PAIRS[0], j=PAIRS[1])
    syn1 = synapses.DualExponential(
        neu1, neu2, connector, output=getattr(synouts, out)(**out_params),
        stp=None if stp is None else synplast.STP(**stp), comp_method=comp, g_max=g_max,
        delay_step=delay_step)
    net = bp.Network(pre=neu1, syn=syn1, post=neu2)
    monitors = {"pre_V": "pre.V", "post_V": "post.V", "g": "syn.g", "h": "syn.h"}
    if stp is not None:
        monitors.update(u=syn1.stp.u, x=syn1.stp.x)
    runner = bp.DSRunner(net, inputs=[("pre.input", bm.asarray(PRE_INPUT[:n_pre]))],
                         monitors=monitors, progress_bar=False)
    runner.run(STEPS * DT_MS)
    return {key: np.asarray(runner.mon[key]) for key in monitors}


def main():
    bm.enable_x64()
    bm.set_dt(DT_MS)
    arrays, index = {}, {"brainpy": bp.__version__, "cases": {}}
    for key, case in CASES.items():
        traces = run(case)
        for name, values in traces.items():
            arrays[f"{key}/{name}"] = values
        index["cases"][key] = {"pre_spikes": int(np.sum(np.diff(traces["pre_V"], axis=0) < -10)),
                               "post_spikes": int(np.sum(np.diff(traces["post_V"], axis=0) < -10))}
        print(key, index["cases"][key])
    np.savez_compressed(HERE / "brainpy_dualexp.npz", **arrays)
    (HERE / "brainpy_dualexp.json").write_text(json.dumps(index, indent=1) + "\n")


if __name__ == "__main__":
    main()
