"""Run the cases of ``network_control_cases.py`` in Brian2 and save their results.

Brian2 environment only (see README.md in this folder)::

    /work/brian2-venv/bin/python tests/reference/make_brian2_network_control.py [case ...]

With case names, only those cases are run again and replaced in the existing file.

Writes ``brian2_network_control.json`` next to itself: ``{case: result}`` with Brian2's
version; ``test_brian2_network_control.py`` runs the same cases in eqsim and compares.
The NumPy target of Brian2 is used (no compilation; the cases check control flow, not
kernels).
"""
import json
import os
import sys
import tempfile
from pathlib import Path

import brian2

sys.path.insert(0, str(Path(__file__).resolve().parent))
from network_control_cases import CASES  # noqa: E402

brian2.prefs.codegen.target = "numpy"
HERE = Path(__file__).resolve().parent
os.chdir(tempfile.mkdtemp())  # Brian2's standalone device may leave an ./output folder
ONLY = sys.argv[1:]
OUT = HERE / "brian2_network_control.json"
results = json.loads(OUT.read_text()) if ONLY else {}
results["brian2_version"] = brian2.__version__
for name, case in CASES.items():
    if ONLY and name not in ONLY:
        continue
    results[name] = case(brian2)
    print(name, "done")
HERE.joinpath("brian2_network_control.json").write_text(
    json.dumps(results, indent=1, sort_keys=True) + "\n")
