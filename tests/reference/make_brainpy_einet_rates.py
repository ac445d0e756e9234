"""Run seed 000's E/I network exactly as its text writes it (BrainPy's defaults: 32-bit
floats, JitFPHomoLinear connectivity) for 1 s with several seeds, and write the mean rates
to brainpy_einet_rates.json. BrainPy environment only; about 5 minutes per seed:
    /work/brainpy-venv/bin/python tests/reference/make_brainpy_einet_rates.py [n_seeds] [--x64]

Resumable: runs already in the file (same seed, same float width) are kept and skipped, and
the file is rewritten after every seed, so an interrupted run loses at most one seed.
``--x64`` runs in 64-bit floats (``bm.enable_x64()``) to tell float32 rounding from a real
difference of formulation.
"""
import json
import pathlib
import sys
import time

import numpy as np
import brainpy as bp
import brainpy.math as bm

HERE = pathlib.Path(__file__).parent


class EINet(bp.DynSysGroup):  # seed 000, verbatim but for the seeds of the connectivity
    def __init__(self, seed):
        super().__init__()
        ne, ni = 3200, 800
        self.E = bp.dyn.LifRef(ne, V_rest=-60., V_th=-50., V_reset=-60., tau=20., tau_ref=5.,
                               V_initializer=bp.init.Normal(-55., 2.))
        self.I = bp.dyn.LifRef(ni, V_rest=-60., V_th=-50., V_reset=-60., tau=20., tau_ref=5.,
                               V_initializer=bp.init.Normal(-55., 2.))
        proj = lambda pre, n_pre, post, n_post, tau, w, E, k: bp.dyn.ProjAlignPreMg2(
            pre=pre, delay=0.1, syn=bp.dyn.Expon.desc(size=n_pre, tau=tau),
            comm=bp.dnn.JitFPHomoLinear(n_pre, n_post, prob=0.02, weight=w, seed=seed * 10 + k),
            out=bp.dyn.COBA(E=E), post=post)
        self.E2E = proj(self.E, ne, self.E, ne, 5., 0.6, 0., 0)
        self.E2I = proj(self.E, ne, self.I, ni, 5., 0.6, 0., 1)
        self.I2E = proj(self.I, ni, self.E, ne, 10., 6.7, -80., 2)
        self.I2I = proj(self.I, ni, self.I, ni, 10., 6.7, -80., 3)

    def update(self, inp):
        self.E2E()
        self.E2I()
        self.I2E()
        self.I2I()
        self.E(inp)
        self.I(inp)
        return self.E.spike, self.I.spike


def main(n_seeds, x64):
    if x64:
        bm.enable_x64()
    width = "float64" if x64 else "float32"
    path = HERE / "brainpy_einet_rates.json"
    rates = json.loads(path.read_text())["runs"] if path.exists() else []
    for run in rates:
        run.setdefault("float", "float32")
    done = {(run["seed"], run["float"]) for run in rates}
    for seed in range(n_seeds):
        if (seed, width) in done:
            continue
        bm.random.seed(seed)
        model = EINet(seed)
        started = time.time()
        spikes_e, spikes_i = bm.for_loop(lambda i: model.step_run(i, 20.), np.arange(10000))
        rates.append({"seed": seed, "rate_E_hz": float(np.asarray(spikes_e).sum() / 3200),
                      "rate_I_hz": float(np.asarray(spikes_i).sum() / 800),
                      "float": width, "seconds": time.time() - started})
        print(rates[-1], flush=True)
        path.write_text(json.dumps(
            {"brainpy": bp.__version__, "duration_s": 1.0,
             "float": "float32 is BrainPy's default; float64 with bm.enable_x64()",
             "runs": rates}, indent=1) + "\n")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(args[0]) if args else 3, "--x64" in sys.argv)
