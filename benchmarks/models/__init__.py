"""Benchmark specifications: each model defined once, as equation strings and parameters.

A spec module never imports a simulator. Its ``build(b, scale)`` receives the simulator's
namespace ``b`` (the ``eqsim`` or the ``brian2`` module) and creates the same objects from
the same strings on either side; only the import in the runner differs.

Every spec module provides:

``VARIANTS``
    ``{benchmark name: scale}`` (``coba`` has ``coba``, ``coba_x4``, ``coba_x16``).
``DURATION`` / ``QUICK_DURATION``
    Simulated seconds of the timed run, in full and ``--quick`` mode.
``REQUIRES``
    Names the simulator must export (e.g. ``PoissonGroup``); a simulator without them
    reports the benchmark as not available.
``DESCRIPTION``
    One line for the README and the table.
``PEERS`` (optional)
    ``{peer: benchmark names}``: the variants NEST / ANNarchy run (``run.py --peers``); the
    peer's runner holds the translation of the model.
``NOT_ON_PEERS`` (optional)
    Why NEST and ANNarchy do not run it (the table's ``not run`` rows say so).
``SIMULATORS`` (optional)
    The simulators that can run it (default: all).
``build(b, scale=1.0)``
    Returns a :class:`Model`.
"""
from dataclasses import dataclass, field
import importlib

SPEC_MODULES = ("coba", "cuba", "tian", "tian_procedural", "stdp", "brunel", "einet_brainpy_style")


@dataclass
class Model:
    """What a spec's ``build`` hands to a runner.

    Attributes
    ----------
    objects : list
        Everything to put into the ``Network``.
    populations : dict
        ``{name: (spike monitor, number of neurons)}``; spike counts and rates are
        reported per population.
    pathways : list
        ``(synapses, population name of their source)``: a spike of the source reaches
        ``len(synapses) / n_source`` synapses on average (the synaptic events).
    """
    objects: list
    populations: dict
    pathways: list = field(default_factory=list)


def spec_for(benchmark):
    """The spec module and scale of a benchmark name (``'coba_x4'`` -> coba, 4)."""
    for module_name in SPEC_MODULES:
        module = importlib.import_module(f"{__name__}.{module_name}")
        if benchmark in module.VARIANTS:
            return module, module.VARIANTS[benchmark]
    raise KeyError(f"unknown benchmark '{benchmark}'; known: {all_benchmarks()}")


def all_benchmarks():
    """Every benchmark name, in suite order."""
    names = []
    for module_name in SPEC_MODULES:
        names.extend(importlib.import_module(f"{__name__}.{module_name}").VARIANTS)
    return names
