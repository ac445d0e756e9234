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
