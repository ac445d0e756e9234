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
# Examples too slow to run here even in Brian2, shortened by the harness in both simulators
# alike (never in eqsim): each (old, new) replaces one exact line of the script, which must
# occur exactly once. The repetitions they cut are parameter sweeps whose results the
# script only plots, so the simulation itself stays the one Brian2 ships.
SHORTENED = {
    # 36 runs of 1 s (CUBA/COBA x 3 targets x 2 precisions x 3 repeats): 12 runs of 0.1 s
    "advanced/float_32_64_benchmark.py": (
        ("results = generate_results(3)", "results = generate_results(1)"),
        ("    run(1 * second, profile=True)", "    run(0.1 * second, profile=True)"),
    ),
    # 41 noisy runs of 60 s with 2,000 synapses each: 5 runs of 6 s with 200 synapses
    "frompapers/Graupner_Brunel_2012.py": (
        ("POINTS = 41", "POINTS = 5"),
        ("REPETITIONS = 1000", "REPETITIONS = 100"),
        ("    run(60 * second, report=report_callback)",
         "    run(6 * second, report=report_callback)"),
    ),
    # 1,600 runs of 500 ms (200 stimulus pairs x 4 distances x 2): 40 runs
    "frompapers/Maass_Natschlaeger_Markram_2002.py": (
        ("N_PAIRS = 200", "N_PAIRS = 5"),
    ),
}

# Examples whose only results are timings, which no two runs (nor simulators) share: sorted as
# "runs" with the reason, whatever they leave behind.
TIMINGS = {
    "advanced/float_32_64_benchmark.py": "what it computes are run times (the profiled "
    "duration of each benchmark run), not simulation results, so there is nothing to compare",
}


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


def shorten(example, source):
    """``source`` of ``example`` with the replacements of :data:`SHORTENED` made (each
    line must occur exactly once, so that a changed script fails loudly)."""
    lines = source.split("\n")
    for old, new in SHORTENED.get(example, ()):
        found = [k for k, line in enumerate(lines) if line == old]
        if len(found) != 1:
            raise ValueError(f"{example}: the line {old!r} to shorten occurs {len(found)} times")
        lines[found[0]] = new
    return "\n".join(lines)
