"""Run Brian2's versions of eqsim's deterministic example scripts and save their numbers.

Run with the Brian2 reference environment (see make_brian2_reference.py)::

    /work/brian2-venv/bin/python tests/reference/make_brian2_examples_reference.py

Writes ``brian2_examples.json`` next to itself: for ``examples/gap_junctions.py`` (Brian2's
``examples/synapses/gapjunctions.py``, 300 ms, coupled with w = 0.02 and uncoupled), each
neuron's spike times, the population rate and the intervals between successive neurons' last
spikes, as the example prints them. tests/examples/test_capability_examples.py compares.
"""
import datetime
import json
from pathlib import Path

import numpy as np

import brian2
from brian2 import NeuronGroup, SpikeMonitor, Synapses, ms, prefs, run, start_scope

HERE = Path(__file__).resolve().parent
DURATION_MS = 300


def gap_junctions(weight):
    start_scope()
    n, v0, tau = 10, 1.05, 10 * ms  # noqa: F841 (read by the equations)
    neurons = NeuronGroup(n, "dv/dt = (v0 - v + Igap) / tau : 1\nIgap : 1",
                          threshold="v > 1", reset="v = 0", method="exact")
    neurons.v = "i * 1.0 / (n-1)"
    synapses = Synapses(neurons, neurons, "w : 1\nIgap_post = w * (v_pre - v_post) : 1 (summed)")
    synapses.connect()
    synapses.w = weight
    spikes = SpikeMonitor(neurons)
    run(DURATION_MS * ms)
    trains = spikes.spike_trains()
    last = np.sort([float(trains[k][-1] / ms) for k in range(n)])
    return {"spike_times_ms": {str(k): [float(t) for t in trains[k] / ms] for k in range(n)},
            "rate_hz": spikes.num_spikes / n / DURATION_MS * 1000,
            "intervals_ms": np.diff(last).tolist()}


def main():
    prefs.codegen.target = "numpy"
    result = {"brian2_version": brian2.__version__, "date": datetime.date.today().isoformat(),
              "target": "numpy", "duration_ms": DURATION_MS,
              "gap_junctions": {"coupled": gap_junctions(0.02), "uncoupled": gap_junctions(0.0)}}
    (HERE / "brian2_examples.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
