"""Run the single-population cases of brainpy_neuron_cases.py in BrainPy (64-bit floats)
and write brainpy_neurons.npz / .json.

BrainPy environment only (BrainPy 2.9 needs Python >= 3.12):
    /work/brainpy-venv/bin/python tests/reference/make_brainpy_neuron_reference.py
Takes about a minute (JAX compilation).
"""
import json
import pathlib
import sys

import numpy as np
import brainpy as bp
import brainpy.math as bm

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from brainpy_neuron_cases import CASES, DT_MS, STEPS  # noqa: E402

HERE = pathlib.Path(__file__).parent


def run_case(key, case):
    model = getattr(bp.dyn, case.get("model", key))
    inputs = np.asarray(case["inputs"])
    group = model(len(inputs), V_initializer=bp.init.Constant(case["V0"]), **case["params"])

    def step(i):
        group.step_run(i, inputs)
        return [getattr(group, name).value for name in case["record"]] + [group.spike.value]
    outputs = bm.for_loop(step, np.arange(STEPS))
    traces = {name: np.asarray(out) for name, out in zip(case["record"], outputs)}
    spikes = np.asarray(outputs[-1])
    steps, neurons = np.nonzero(spikes)
    return traces, steps, neurons


def main():
    bm.enable_x64()
    bm.set_dt(DT_MS)
    arrays, index = {}, {"brainpy": bp.__version__, "dt_ms": DT_MS, "steps": STEPS,
                         "note": "traces[k] is the state after step k (t = k*dt at its start); "
                                 "spikes are (step, neuron) pairs", "cases": {}}
    for key, case in CASES.items():
        traces, steps, neurons = run_case(key, case)
        for name, trace in traces.items():
            arrays[f"{key}/{name}"] = trace
        arrays[f"{key}/spike_steps"] = steps
        arrays[f"{key}/spike_neurons"] = neurons
        index["cases"][key] = {"spikes": int(steps.size), "record": case["record"]}
        print(key, steps.size, "spikes")
    np.savez_compressed(HERE / "brainpy_neurons.npz", **arrays)
    (HERE / "brainpy_neurons.json").write_text(json.dumps(index, indent=1) + "\n")


if __name__ == "__main__":
    main()
