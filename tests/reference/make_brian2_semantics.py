"""Run small Brian2 scripts whose answers eqsim must match (issue 12, section 1) and save
what Brian2 computes.

Run with the Python of the Brian2 reference environment (see README.md in this folder)::

    /work/brian2-venv/bin/python tests/reference/make_brian2_semantics.py

The scenarios are the scripts in ``semantics_scenarios.py``, written as a Brian2 user
would write them; each sets ``result`` (numbers in SI base units, lists, strings,
booleans). The results go to ``brian2_semantics.json`` next to this file, with the Brian2
version; tests under ``tests/`` run the same scripts in eqsim on both targets and compare.
"""
import json
import sys
from pathlib import Path

import brian2
from brian2 import prefs, start_scope

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from semantics_scenarios import SCENARIOS, run_scenario  # noqa: E402


def main():
    prefs.codegen.target = "numpy"
    results = {}
    for name in SCENARIOS:
        start_scope()
        results[name] = run_scenario(name, "brian2")
        print(name, results[name])
    out = HERE / "brian2_semantics.json"
    out.write_text(json.dumps({"brian2": brian2.__version__, "results": results}, indent=1,
                              sort_keys=True) + "\n")
    print(f"-> {out}")


if __name__ == "__main__":
    main()
