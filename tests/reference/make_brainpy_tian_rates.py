"""Run seed 004's E/I network (Tian et al. 2020) in BrainPy 2.9's current API with the
seed's step semantics, for 100 ms with several seeds, and write the mean E and I rates to
brainpy_tian_rates.json. BrainPy environment only:
    nice -n 19 /work/brainpy-venv/bin/python tests/reference/make_brainpy_tian_rates.py \
        [num] [n_seeds]     (default 4000 neurons, 8 seeds)

``--spikes [num] [seed]`` (default 1000 neurons, seed 0) instead writes one run's
connections, initial voltages and spikes to brainpy_tian_spikes.npz.

Resumable: runs already in the file (same num and seed) are kept and skipped; the file is
rewritten after every seed.

The seed's (BrainPy 1.x) ``update()`` order, kept here step by step:

1. the runner adds the constant external input to each group's ``input``;
2. each group integrates ``dV/dt = (-V + input)/tau`` with ``bp.odeint``'s default (Euler),
   spikes at ``V >= V_threshold``, resets to ``V_reset``, and zeroes ``input``;
3. each synapse object (order I2E, E2E, I2I, E2I, as the seed's ``Network``) decays ``s``
   (Euler), adds 1 to ``s`` of each target of a presynaptic spike of this step, and adds
   ``g_max*s`` to its target group's ``input``, read in step 2 of the next step.

``V`` starts uniform in [V_reset, V_threshold) (``bm.random``), connections are BrainPy's
``bp.conn.FixedProb(0.25)`` (self-connections allowed, as in the seed), float64. The
connections are its ``conn_mat``: each pair independently with probability 0.25, as the
seed's BrainPy (whose ``pre2post`` was ``where(mat)``) and eqsim's ``FixedProb``; BrainPy
2.9's ``pre2post``/CSR form instead gives every neuron exactly round(0.25*post) targets.
Below the seed's 10,000 neurons the weights grow by 10,000/num and the input keeps its
full-size value, exactly as examples/tian2020.py's ``build(num)`` does; the test uses 4000
neurons (a seed in ~15 s here; the full size, dense float64 matrices of 800 MB, takes ~8
minutes a seed on a loaded machine and is recorded for a few seeds). Nothing is discarded:
rates are spikes over the whole 100 ms, as the seed's raster shows them (in both simulators
alike, so a transient would not bias the comparison).
"""
import json
import pathlib
import sys
import time

import numpy as np
import brainpy as bp
import brainpy.math as bm

HERE = pathlib.Path(__file__).parent
FULL_SIZE, DURATION_MS, DT = 10000, 100.0, 0.1

prob = 0.25
tau_E, tau_I = 15., 10.
V_reset, V_threshold = 0., 15.
f_E, f_I, mu_f = 3., 2., 0.1
tau_Es, tau_Is = 6., 5.
JEE, JEI, JIE, JII = 0.25, -1., 0.4, -1.


class LIF(bp.DynamicalSystem):
    """The seed's LIF: Euler on V with the accumulated ``input``, zeroed after use."""

    def __init__(self, size, tau):
        super().__init__()
        self.num, self.tau = size, tau
        self.V = bm.Variable(bm.random.random(size) * (V_threshold - V_reset) + V_reset)
        self.spike = bm.Variable(bm.zeros(size, dtype=bool))
        self.input = bm.Variable(bm.zeros(size))
        self.integral = bp.odeint(lambda V, t, Isyn: (-V + Isyn) / self.tau, method="euler")

    def update(self):
        V = self.integral(self.V.value, 0., self.input.value, DT)
        spike = V >= V_threshold
        self.spike.value = spike
        self.V.value = bm.where(spike, V_reset, V)
        self.input.value = bm.zeros(self.num)


class Syn(bp.DynamicalSystem):
    """The seed's synapse: one ``s`` per target, Euler decay, +1 per presynaptic spike and
    connection, ``g_max*s`` added to the target's input."""

    def __init__(self, pre, post, tau, g_max, seed):
        super().__init__()
        self.pre, self.post, self.tau, self.g_max = pre, post, tau, g_max
        conn = bp.conn.FixedProb(prob=prob, seed=seed)(pre.num, post.num)
        self.conn_mat = bm.asarray(conn.require("conn_mat"), dtype=bm.float64)
        self.n_synapses = int(np.asarray(conn.require("conn_mat")).sum())
        self.s = bm.Variable(bm.zeros(post.num))
        self.integral = bp.odeint(lambda s, t: -s / self.tau, method="euler")

    def update(self):
        s = self.integral(self.s.value, 0., DT)
        s = s + bm.asarray(self.pre.spike.value, dtype=bm.float64) @ self.conn_mat
        self.s.value = s
        self.post.input += self.g_max * s


class TianNet(bp.DynSysGroup):
    def __init__(self, num, seed):
        super().__init__()
        scale = FULL_SIZE / num
        num_inh = int(num * 0.2)
        num_exc = num - num_inh
        self.E = LIF(num_exc, tau_E)
        self.I = LIF(num_inh, tau_I)
        self.syns = [Syn(self.I, self.E, tau_Is, JEI * scale, seed * 10 + 0),
                     Syn(self.E, self.E, tau_Es, JEE * scale, seed * 10 + 1),
                     Syn(self.I, self.I, tau_Is, JII * scale, seed * 10 + 2),
                     Syn(self.E, self.I, tau_Es, JIE * scale, seed * 10 + 3)]
        self.syn_names = ["I2E", "E2E", "I2I", "E2I"]
        self.in_E = f_E * np.sqrt(num * scale) * mu_f
        self.in_I = f_I * np.sqrt(num * scale) * mu_f

    def update(self):
        self.E.input += self.in_E
        self.I.input += self.in_I
        self.E()
        self.I()
        for syn in self.syns:
            syn()
        return self.E.spike.value, self.I.spike.value


def summary(runs, num):
    """Mean and sample spread over the seeds run at size ``num``, and the command."""
    rates = np.array([(r["rate_E_hz"], r["rate_I_hz"]) for r in runs if r["num"] == num])
    spread = rates.std(axis=0, ddof=1) if len(rates) > 1 else [None, None]
    return {"seeds": len(rates), "mean_rate_E_hz": float(rates[:, 0].mean()),
            "mean_rate_I_hz": float(rates[:, 1].mean()),
            "std_rate_E_hz": None if spread[0] is None else float(spread[0]),
            "std_rate_I_hz": None if spread[1] is None else float(spread[1]),
            "command": "nice -n 19 /work/brainpy-venv/bin/python "
                       f"tests/reference/make_brainpy_tian_rates.py {num} {len(rates)}"}


def write(path, runs):
    sizes = sorted({run["num"] for run in runs})
    path.write_text(json.dumps(
        {"brainpy": bp.__version__, "duration_ms": DURATION_MS, "dt_ms": DT,
         "float": "float64", "discarded_ms": 0,
         "summary": {str(n): summary(runs, n) for n in sizes}, "runs": runs},
        indent=1) + "\n")


def main(num, n_seeds):
    """Run seeds 0..n_seeds-1 at size ``num`` (those already in the file are kept)."""
    bm.enable_x64()
    bm.set_dt(DT)
    path = HERE / "brainpy_tian_rates.json"
    runs = json.loads(path.read_text())["runs"] if path.exists() else []
    done = {(run["num"], run["seed"]) for run in runs}
    for seed in range(n_seeds):
        if (num, seed) in done:
            continue
        bm.random.seed(seed)
        net = TianNet(num, seed)
        started = time.time()
        steps = int(round(DURATION_MS / DT))
        spikes_e, spikes_i = bm.for_loop(lambda i: net.step_run(i), np.arange(steps))
        seconds = DURATION_MS / 1000
        runs.append({"num": num, "seed": seed,
                     "rate_E_hz": float(np.asarray(spikes_e).sum() / net.E.num / seconds),
                     "rate_I_hz": float(np.asarray(spikes_i).sum() / net.I.num / seconds),
                     "synapses": sum(s.n_synapses for s in net.syns),
                     "seconds": time.time() - started})
        print(runs[-1], flush=True)
        write(path, runs)
    write(path, runs)


def spikes(num, seed):
    """One run's inputs and spikes, for eqsim to replay spike for spike: the connection
    matrices (bit-packed, pre x post), the initial voltages (mV) and every spike (step,
    neuron) of E and I, to brainpy_tian_spikes.npz."""
    bm.enable_x64()
    bm.set_dt(DT)
    bm.random.seed(seed)
    net = TianNet(num, seed)
    data = {"num": num, "seed": seed, "V_E": np.asarray(net.E.V.value),
            "V_I": np.asarray(net.I.V.value)}
    for name, syn in zip(net.syn_names, net.syns):
        data[f"conn_{name}"] = np.packbits(np.asarray(syn.conn_mat) > 0, axis=None)
    spikes_e, spikes_i = bm.for_loop(lambda i: net.step_run(i),
                                     np.arange(int(round(DURATION_MS / DT))))
    for group, spiked in (("E", spikes_e), ("I", spikes_i)):
        step, neuron = np.nonzero(np.asarray(spiked))
        data[f"spikes_{group}_step"], data[f"spikes_{group}_i"] = step, neuron
    np.savez_compressed(HERE / "brainpy_tian_spikes.npz", **data)
    print({k: np.shape(v) for k, v in data.items()})


if __name__ == "__main__":
    if "--spikes" in sys.argv:  # python make_brainpy_tian_rates.py --spikes [num] [seed]
        args = [int(a) for a in sys.argv[1:] if a != "--spikes"]
        spikes(args[0] if args else 1000, args[1] if len(args) > 1 else 0)
    else:
        args = [int(a) for a in sys.argv[1:]]
        main(args[0] if args else 4000, args[1] if len(args) > 1 else 8)
