"""benchmarks/fixed_cost.py measures a run() call's fixed cost and prints one row per model
(not a timing test: the figures are only checked to be times)."""
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_fixed_cost_prints_a_row_of_times_for_each_model():
    env = dict(os.environ,
               PYTHONPATH=os.pathsep.join(p for p in (REPO, os.environ.get("PYTHONPATH")) if p))
    done = subprocess.run([sys.executable, os.path.join(REPO, "benchmarks", "fixed_cost.py"),
                           "--models", "cuba,stdp", "--scale", "0.05", "--calls", "3"],
                          env=env, capture_output=True, text=True, timeout=600, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines()[1:]}
    assert set(rows) == {"cuba", "stdp"}
    for median, fastest, slowest, with_gc in (map(float, v) for v in rows.values()):
        assert 0 < fastest <= median <= slowest and with_gc > 0


def test_fixed_cost_phases_are_times_that_add_up_below_the_call_and_the_module_is_kept():
    # without the test suite's check of kept modules (which builds them anyway)
    env = dict(os.environ, EQSIM_CHECK_MODULE_REUSE="0",
               PYTHONPATH=os.pathsep.join(p for p in (REPO, os.environ.get("PYTHONPATH")) if p))
    done = subprocess.run([sys.executable, os.path.join(REPO, "benchmarks", "fixed_cost.py"),
                           "--models", "cuba", "--scale", "0.05", "--calls", "3", "--phases"],
                          env=env, capture_output=True, text=True, timeout=600, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()[1:]
    call = [float(x) for x in lines[0].split()[1:]]
    phases = {line.rsplit(None, 1)[0].strip(): float(line.rsplit(None, 1)[1])
              for line in lines[1:]}
    assert list(phases) == ["build (all below)", "operations()", "module fingerprint",
                            "network module", "kernel contexts", "render key", "library load",
                            "bind"]
    assert all(phases[p] > 0 for p in ("build (all below)", "operations()",
                                       "module fingerprint", "bind"))
    # run(dt) again and again builds what it built: the module of the first run is kept
    assert phases["network module"] == 0
    # the parts of the build take less than it, and it less than the slowest call
    assert phases["operations()"] + phases["module fingerprint"] <= phases["build (all below)"]
    assert phases["build (all below)"] <= call[2]


def test_a_parameter_sweep_keeps_the_module_of_its_first_run():
    env = dict(os.environ, EQSIM_CHECK_MODULE_REUSE="0",
               PYTHONPATH=os.pathsep.join(p for p in (REPO, os.environ.get("PYTHONPATH")) if p))
    done = subprocess.run([sys.executable, os.path.join(REPO, "benchmarks", "fixed_cost.py"),
                           "--models", "cuba", "--scale", "0.05", "--calls", "3", "--phases",
                           "--sweep"],
                          env=env, capture_output=True, text=True, timeout=600, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    phases = {line.rsplit(None, 1)[0].strip(): float(line.rsplit(None, 1)[1])
              for line in done.stdout.splitlines()[2:]}
    assert phases["operations()"] > 0 and phases["network module"] == 0
