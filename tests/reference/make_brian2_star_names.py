"""List the names ``from brian2 import *`` binds, and where each comes from.

Run with the Python of the Brian2 reference environment (see README.md in this folder),
with matplotlib importable, because Brian2's star import is ``from pylab import *`` plus
Brian2's own names only when matplotlib is installed::

    MPLBACKEND=Agg /work/brian2-venv/bin/python tests/reference/make_brian2_star_names.py

The reference venv has no matplotlib of its own; the committed file was made with
``PYTHONPATH`` pointing at a folder of links to the main environment's matplotlib and its
dependencies (matplotlib, mpl_toolkits, PIL, contourpy, cycler, dateutil, fontTools,
kiwisolver, six, pylab), so that NumPy still comes from the venv.

It writes ``brian2_star_names.json`` next to itself: the Brian2, NumPy and matplotlib
versions and ``{name: origin}``, where origin is where the bound object is found first
among ``builtins``, ``numpy``, ``numpy.random``, ``numpy.fft``, ``numpy.linalg``,
``matplotlib.pyplot``, ``matplotlib.pylab``; ``module:<name>`` for a module; ``brian2`` for
Brian2's own objects (units, classes, unit-aware NumPy replacements); ``other`` otherwise.
``tests/test_star_import.py`` compares ``from eqsim import *`` with it.
"""
import builtins
import json
import sys
import types
from pathlib import Path

import matplotlib  # noqa: F401  (fail here, clearly, rather than list pylab-less names)
import matplotlib.pylab
import matplotlib.pyplot
import numpy
import numpy.fft
import numpy.linalg
import numpy.random

import brian2

SOURCES = (("builtins", builtins), ("numpy", numpy), ("numpy.random", numpy.random),
           ("numpy.fft", numpy.fft), ("numpy.linalg", numpy.linalg),
           ("matplotlib.pyplot", matplotlib.pyplot), ("matplotlib.pylab", matplotlib.pylab))


def origin(name, value):
    """Where ``value``, bound to ``name`` by the star import, comes from."""
    if isinstance(value, types.ModuleType):
        return f"module:{value.__name__}"
    if str(getattr(value, "__module__", "") or "").startswith("brian2"):
        return "brian2"
    for source_name, source in SOURCES:
        if getattr(source, name, None) is value:
            return source_name
    return "other"


def main():
    namespace = {}
    exec("from brian2 import *", namespace)  # noqa: S102 - the statement being described
    names = {name: origin(name, value) for name, value in sorted(namespace.items())
             if name != "__builtins__"}
    out = Path(__file__).resolve().parent / "brian2_star_names.json"
    out.write_text(json.dumps({"brian2": brian2.__version__, "numpy": numpy.__version__,
                               "matplotlib": matplotlib.__version__,
                               "python": sys.version.split()[0], "names": names},
                              indent=1, sort_keys=True) + "\n")
    print(f"{len(names)} names -> {out}")


if __name__ == "__main__":
    main()
