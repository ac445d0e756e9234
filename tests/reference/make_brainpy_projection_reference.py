"""Run the networks of brainpy_projection_cases.py in BrainPy (64-bit floats) and write
brainpy_projections.npz / .json: spikes (step, neuron) of both populations.

BrainPy environment only (BrainPy 2.9, Python >= 3.12, with numba for its sparse kernels):
    /work/brainpy-venv/bin/python tests/reference/make_brainpy_projection_reference.py
"""
import json
import pathlib
import sys

import numpy as np
import brainpy as bp
import brainpy.math as bm

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from brainpy_projection_cases import CASES, DT_MS, NE, NI, STEPS, TAU_REF, network_inputs  # noqa

HERE = pathlib.Path(__file__).parent
SYNAPSES = {"Expon": bp.dyn.Expon, "DualExpon": bp.dyn.DualExpon, "Alpha": bp.dyn.Alpha,
            "AMPA": bp.dyn.AMPA, "GABAa": bp.dyn.GABAa, "NMDA": bp.dyn.NMDA}
OUTPUTS = {"COBA": bp.dyn.COBA, "CUBA": bp.dyn.CUBA, "MgBlock": bp.dyn.MgBlock}


class Net(bp.DynSysGroup):
    def __init__(self, key, case):
        super().__init__()
        pairs, v0e, v0i = network_inputs()
        groups = {name: bp.dyn.LifRef(n, V_rest=-60., V_th=-50., V_reset=-60., tau=20.,
                                      tau_ref=TAU_REF[key], V_initializer=bm.asarray(v0))
                  for name, n, v0 in (("E", NE, v0e), ("I", NI, v0i))}
        self.E, self.I = groups["E"], groups["I"]
        self.projs = []
        for name, (pre, post, (syn, syn_params), (out, out_params), w) in case.items():
            i, j = pairs[name]
            n_pre, n_post = groups[pre].num, groups[post].num
            conn = bp.conn.IJConn(i=i, j=j)(n_pre, n_post)
            proj = bp.dyn.ProjAlignPreMg2(
                pre=groups[pre], delay=0.1, syn=SYNAPSES[syn].desc(size=n_pre, **syn_params),
                comm=bp.dnn.CSRLinear(conn, weight=w), out=OUTPUTS[out](**out_params),
                post=groups[post])
            setattr(self, name, proj)
            self.projs.append(proj)

    def update(self, inp):
        for proj in self.projs:
            proj()
        self.E(inp)
        self.I(inp)
        return self.E.spike.value, self.I.spike.value


def main():
    bm.enable_x64()
    bm.set_dt(DT_MS)
    arrays, index = {}, {"brainpy": bp.__version__, "input": 20.0, "cases": {}}
    for key, case in CASES.items():
        net = Net(key, case)
        spikes_e, spikes_i = bm.for_loop(lambda i: net.step_run(i, 20.), np.arange(STEPS))
        for pop, spikes in (("E", spikes_e), ("I", spikes_i)):
            steps, neurons = np.nonzero(np.asarray(spikes))
            arrays[f"{key}/{pop}_steps"], arrays[f"{key}/{pop}_neurons"] = steps, neurons
        index["cases"][key] = {pop: int(arrays[f"{key}/{pop}_steps"].size) for pop in "EI"}
        print(key, index["cases"][key])
    np.savez_compressed(HERE / "brainpy_projections.npz", **arrays)
    (HERE / "brainpy_projections.json").write_text(json.dumps(index, indent=1) + "\n")


if __name__ == "__main__":
    main()
