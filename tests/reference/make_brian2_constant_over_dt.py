"""Run constant_over_dt_cases.py in Brian2 and write brian2_constant_over_dt.json.

    /work/brian2-venv/bin/python tests/reference/make_brian2_constant_over_dt.py
"""
import json
import sys
from pathlib import Path

import brian2

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import constant_over_dt_cases as cases  # noqa: E402

brian2.prefs.codegen.target = "numpy"
results = {method: cases.run_case(brian2, method) for method in cases.METHODS}
synapses = {method: cases.run_synapses_case(brian2, method) for method in cases.SYNAPSES_METHODS}
(HERE / "brian2_constant_over_dt.json").write_text(json.dumps(
    {"brian2": brian2.__version__, "results": results, "synapses": synapses}))
print("wrote brian2_constant_over_dt.json")
