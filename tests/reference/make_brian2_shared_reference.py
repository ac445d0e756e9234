"""Run the cases of ``shared_statement_cases.py`` in Brian2 and save what they compute.

Run with the Python of the Brian2 reference environment (see README.md)::

    /work/brian2-venv/bin/python tests/reference/make_brian2_shared_reference.py

Writes ``brian2_shared_statements.npz`` (keys ``<case>__<array>``) and a JSON sidecar with
the Brian2 version, the largest difference between Brian2's cython and numpy targets, and,
for each forbidden case, the error Brian2 raises.
"""
import datetime
import json
import sys
from pathlib import Path

import numpy as np

import brian2

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from shared_statement_cases import CASES, FORBIDDEN  # noqa: E402


def run(case, target):
    brian2.start_scope()
    brian2.prefs.codegen.target = target
    return case(brian2)


def main():
    arrays, spread, errors = {}, {}, {}
    for name, case in CASES.items():
        primary = run(case, "cython")
        other = run(case, "numpy")
        spread[name] = max(float(np.max(np.abs(primary[k] - other[k]), initial=0))
                           for k in primary)
        arrays.update({f"{name}__{k}": np.asarray(v, dtype=float) for k, v in primary.items()})
    for name, case in FORBIDDEN.items():
        try:
            run(case, "numpy")
        except Exception as error:  # Brian2 wraps the SyntaxError in a BrianObjectException
            errors[name] = f"{type(error).__name__}: {str(error).splitlines()[0][:300]}"
            cause = error.__cause__ or getattr(error, "original_error", None)
            if cause is not None:
                errors[name] += f" | {type(cause).__name__}: {cause}"
        else:
            raise SystemExit(f"Brian2 accepted the forbidden case {name}")
    np.savez(HERE / "brian2_shared_statements.npz", **arrays)
    (HERE / "brian2_shared_statements.json").write_text(json.dumps({
        "brian2": brian2.__version__, "date": datetime.date.today().isoformat(),
        "cython_numpy_spread": spread, "forbidden_errors": errors}, indent=1) + "\n")


if __name__ == "__main__":
    main()
