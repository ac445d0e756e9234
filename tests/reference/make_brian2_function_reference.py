"""Run the cases of ``user_function_cases.py`` in Brian2 and save what they compute.

Run with the Python of the Brian2 reference environment (see README.md)::

    /work/brian2-venv/bin/python tests/reference/make_brian2_function_reference.py

Writes ``brian2_user_functions.npz`` (keys ``<case>__<array>``; for the random cases of
``STATISTICS`` the distribution of the draws) and a JSON sidecar with the
Brian2 version and, for each forbidden case, the error Brian2 raises. Brian2 runs the cases
on its NumPy target: its Cython target refuses a Python function that has no Cython
implementation (``NotImplementedError``), which eqsim's compiled target calls back instead.
"""
import datetime
import json
import sys
from pathlib import Path

import numpy as np

import brian2

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from user_function_cases import CASES, FORBIDDEN, STATISTICS, distribution  # noqa: E402


def run(case):
    brian2.start_scope()
    brian2.prefs.codegen.target = "numpy"
    return case(brian2)


def main():
    arrays, errors = {}, {}
    for name, case in CASES.items():
        arrays.update({f"{name}__{k}": np.asarray(v, dtype=float) for k, v in run(case).items()})
    for name, case in STATISTICS.items():
        arrays.update({f"{name}__{k}": v for k, v in distribution(run(case)).items()})
    for name, case in FORBIDDEN.items():
        try:
            run(case)
        except Exception as error:  # Brian2 wraps errors in a BrianObjectException
            errors[name] = f"{type(error).__name__}: {str(error).splitlines()[0][:300]}"
            cause = error.__cause__ or getattr(error, "original_error", None)
            if cause is not None:
                errors[name] += f" | {type(cause).__name__}: {str(cause)[:300]}"
        else:
            raise SystemExit(f"Brian2 accepted the forbidden case {name}")
    np.savez(HERE / "brian2_user_functions.npz", **arrays)
    (HERE / "brian2_user_functions.json").write_text(json.dumps({
        "brian2_version": brian2.__version__,
        "date": datetime.date.today().isoformat(),
        "target": "numpy",
        "forbidden_errors": errors,
    }, indent=1) + "\n")


if __name__ == "__main__":
    main()
