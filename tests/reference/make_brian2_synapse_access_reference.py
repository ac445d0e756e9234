"""Run the cases of ``synapse_access_cases.py`` in Brian2 and save what they compute.

Run with the Python of the Brian2 reference environment (see README.md)::

    /work/brian2-venv/bin/python tests/reference/make_brian2_synapse_access_reference.py

Writes ``brian2_synapse_access.npz`` (keys ``<case>__<array>``, from Brian2's numpy
target) and a JSON sidecar with the Brian2 version and the largest difference between
Brian2's cython and numpy targets.
"""
import datetime
import json
import sys
from pathlib import Path

import numpy as np

import brian2

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from synapse_access_cases import CASES  # noqa: E402


def run(case, target):
    brian2.start_scope()
    brian2.prefs.codegen.target = target
    brian2.defaultclock.dt = 0.1 * brian2.ms
    return case(brian2)


def main():
    arrays, spread = {}, {}
    for name, case in CASES.items():
        primary = run(case, "numpy")
        other = run(case, "cython")
        spread[name] = max(float(np.max(np.abs(np.asarray(primary[k], float)
                                               - np.asarray(other[k], float)), initial=0))
                           for k in primary)
        arrays.update({f"{name}__{k}": np.asarray(v) for k, v in primary.items()})
    np.savez(HERE / "brian2_synapse_access.npz", **arrays)
    (HERE / "brian2_synapse_access.json").write_text(json.dumps({
        "brian2": brian2.__version__, "date": datetime.date.today().isoformat(),
        "cython_numpy_spread": spread}, indent=1) + "\n")


if __name__ == "__main__":
    main()
