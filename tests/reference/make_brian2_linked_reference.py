"""Run the cases of ``linked_variable_cases.py`` in Brian2 and save what they compute.

Run with the Python of the Brian2 reference environment (see README.md)::

    /work/brian2-venv/bin/python tests/reference/make_brian2_linked_reference.py [case ...]

With case names, only those cases are run again and replaced in the existing files.

Writes ``brian2_linked_variables.npz`` (keys ``<case>__<array>``) and a JSON sidecar with
the Brian2 version, the largest difference between Brian2's cython and numpy targets, and,
for each misuse in ``ERRORS``, the exception Brian2 raises (its type and all its bases).
"""
import datetime
import json
import sys
import warnings
from pathlib import Path

import numpy as np

import brian2

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from linked_variable_cases import CASES, ERRORS  # noqa: E402


def run(case, target):
    brian2.start_scope()
    brian2.prefs.codegen.target = target
    return case(brian2)


def main(only=()):
    brian2.BrianLogger.suppress_name("unused_brian_object")
    arrays, spread, errors = {}, {}, {}
    if only:  # keep the other cases' results
        old = np.load(HERE / "brian2_linked_variables.npz")
        arrays = {k: old[k] for k in old.files if k.split("__")[0] not in only}
        sidecar = json.loads((HERE / "brian2_linked_variables.json").read_text())
        spread = {k: v for k, v in sidecar["cython_numpy_spread"].items() if k not in only}
        errors = {k: v for k, v in sidecar["errors"].items() if k not in only}
    for name, case in CASES.items():
        if only and name not in only:
            continue
        primary = run(case, "cython")
        other = run(case, "numpy")
        spread[name] = max(float(np.max(np.abs(primary[k] - other[k]), initial=0))
                           for k in primary)
        arrays.update({f"{name}__{k}": np.asarray(v, dtype=float) for k, v in primary.items()})
    for name, case in ERRORS.items():
        if only and name not in only:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                run(case, "numpy")
        except Exception as error:
            errors[name] = {"type": type(error).__name__,
                            "bases": [c.__name__ for c in type(error).__mro__],
                            "message": str(error).splitlines()[0][:300]}
        else:
            raise SystemExit(f"Brian2 accepted the misuse {name}")
    np.savez(HERE / "brian2_linked_variables.npz", **arrays)
    (HERE / "brian2_linked_variables.json").write_text(json.dumps({
        "brian2": brian2.__version__, "date": datetime.date.today().isoformat(),
        "cython_numpy_spread": spread, "errors": errors}, indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
