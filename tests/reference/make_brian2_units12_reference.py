"""Run the cases of ``units12_cases.py`` in Brian2 and save what they compute.

Run with the Python of the Brian2 reference environment (see README.md)::

    /work/brian2-venv/bin/python tests/reference/make_brian2_units12_reference.py

(``--texts-only`` keeps the traces of the method cases and recomputes the rest.)
Writes ``brian2_units12.npz`` (keys ``<case>__<array>``, traces of the method cases on
Brian2's numpy target) and ``brian2_units12.json``: the Brian2 version, the largest
difference between Brian2's cython and numpy targets per method case, the strings of the
text cases, the public names of the Brian2 modules in ``MODULES`` and the values of the
constants in ``brian2.units.constants`` (SI value, exponents of the seven base units).
"""
import datetime
import json
import sys
from pathlib import Path

import numpy as np

import brian2

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from units12_cases import METHOD_CASES, MODULES, TEXT_CASES, public_names  # noqa: E402


def run(case, target):
    brian2.start_scope()
    brian2.prefs.codegen.target = target
    return case(brian2)


def main():
    arrays, spread = {}, {}
    if "--texts-only" in sys.argv:  # keep the traces, recompute the rest
        old = json.loads((HERE / "brian2_units12.json").read_text())
        spread = old["cython_numpy_spread"]
        arrays = dict(np.load(HERE / "brian2_units12.npz"))
    for name, case in METHOD_CASES.items() if not arrays else ():
        primary = run(case, "numpy")
        other = run(case, "cython")
        spread[name] = max(float(np.max(np.abs(primary[k] - other[k]), initial=0))
                           for k in primary)
        arrays.update({f"{name}__{k}": np.asarray(v, dtype=float) for k, v in primary.items()})
    texts = {name: case(brian2) for name, case in TEXT_CASES.items()}
    modules = {name: public_names(name) for name in MODULES}
    from brian2.units import constants
    values = {name: [float(getattr(constants, name)), list(getattr(constants, name).dim._dims)]
              for name in modules["brian2.units.constants"]
              if name.endswith(("_constant", "_mass", "_charge", "_celsius"))}
    np.savez(HERE / "brian2_units12.npz", **arrays)
    (HERE / "brian2_units12.json").write_text(json.dumps({
        "brian2": brian2.__version__,
        "date": datetime.date.today().isoformat(),
        "generator": Path(__file__).name,
        "cython_numpy_spread": spread,
        "texts": texts,
        "modules": modules,
        "constants": values,
    }, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
