"""Run schedule_tie_cases.py in Brian2 (both targets) and write brian2_schedule_ties.json.
Brian2 environment only: /work/brian2-venv/bin/python tests/reference/make_brian2_schedule_ties.py"""
import json
import pathlib
import sys

import brian2

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from schedule_tie_cases import run_case  # noqa: E402

results = {}
for target in ("numpy", "cython"):
    brian2.prefs.codegen.target = target
    results[target] = run_case(brian2)
assert results["numpy"] == results["cython"], results
(pathlib.Path(__file__).parent / "brian2_schedule_ties.json").write_text(
    json.dumps({"brian2": brian2.__version__, "result": results["numpy"]}, indent=1) + "\n")
print(results)
