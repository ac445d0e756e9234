"""Which files of brian2_examples/ are examples, and which of them CI runs.

Imports neither simulator: the generator (Brian2 environment) and the tests both use it.
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE / "brian2_examples"
RESULTS = HERE / "brian2_results"
STATUS = HERE / "status.json"
# Modules that examples next to them import; not examples themselves.
HELPERS = {"frompapers/Brette_2012/params.py", "frompapers/Stimberg_et_al_2018/plot_utils.py"}
# SpatialNeuron is a later issue: these are sorted as known-unsupported without being run.
COMPARTMENTAL = "compartmental/"


def all_examples():
    """Every example script, as a path relative to brian2_examples/, sorted."""
    paths = (p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.rglob("*.py"))
    return sorted(p for p in paths if p not in HELPERS)


def runnable_examples():
    """The examples that are run (all but the compartmental ones)."""
    return [p for p in all_examples() if not p.startswith(COMPARTMENTAL)]


def slug(example):
    """The file-name stem for an example's stored results: ``frompapers/Brette_2012/Fig1.py``
    -> ``frompapers__Brette_2012__Fig1``."""
    return example[:-len(".py")].replace("/", "__")
