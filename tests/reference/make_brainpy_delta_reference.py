"""Run the delta projections of brainpy_delta_cases.py in BrainPy (64-bit floats,
``bp.dyn.FullProjDelta``) and write brainpy_delta.npz / .json: the targets' V at every
step and their spikes.

BrainPy environment only (BrainPy 2.9, Python >= 3.12); a few seconds:
    /work/brainpy-venv/bin/python tests/reference/make_brainpy_delta_reference.py
"""
import json
import pathlib
import sys

import numpy as np
import brainpy as bp
import brainpy.math as bm

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from brainpy_delta_cases import (CASES, DT_MS, N_POST, N_PRE, POST, POST_INPUT, PRE,  # noqa
                                 PRE_INPUT, STEPS, WEIGHT, network_inputs)

HERE = pathlib.Path(__file__).parent


class Net(bp.DynSysGroup):
    def __init__(self, model, delay, tau_ref):
        super().__init__()
        i, j, v_pre, v_post = network_inputs()
        self.pre = bp.dyn.LifRef(N_PRE, **PRE, V_initializer=bm.asarray(v_pre))
        post_params = dict(POST, V_initializer=bm.asarray(v_post))
        if model == "LifRef":
            self.post = bp.dyn.LifRef(N_POST, tau_ref=tau_ref, **post_params)
        else:
            self.post = bp.dyn.Lif(N_POST, **post_params)
        conn = bp.conn.IJConn(i=i, j=j)(N_PRE, N_POST)
        self.proj = bp.dyn.FullProjDelta(self.pre, delay, bp.dnn.CSRLinear(conn, weight=WEIGHT),
                                         self.post)

    def update(self):
        self.proj()
        self.pre(PRE_INPUT)
        self.post(POST_INPUT)
        return self.post.V.value, self.post.spike.value, self.pre.spike.value


def main():
    bm.enable_x64()
    bm.set_dt(DT_MS)
    arrays, index = {}, {"brainpy": bp.__version__, "cases": {}}
    for key, case in CASES.items():
        net = Net(*case)
        v, spikes, pre_spikes = bm.for_loop(net.step_run, np.arange(STEPS))
        arrays[f"{key}/V"] = np.asarray(v)
        arrays[f"{key}/spikes"] = np.asarray(spikes)
        index["cases"][key] = {"post_spikes": int(np.asarray(spikes).sum()),
                               "pre_spikes": int(np.asarray(pre_spikes).sum())}
        print(key, index["cases"][key])
    np.savez_compressed(HERE / "brainpy_delta.npz", **arrays)
    (HERE / "brainpy_delta.json").write_text(json.dumps(index, indent=1) + "\n")


if __name__ == "__main__":
    main()
