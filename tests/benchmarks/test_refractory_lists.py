"""benchmarks/refractory_lists.py prints microseconds per step for its three cases (not a
timing test: the figures are only checked to be times)."""
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_refractory_lists_prints_a_time_per_step_for_each_case():
    env = dict(os.environ,
               PYTHONPATH=os.pathsep.join(p for p in (REPO, os.environ.get("PYTHONPATH")) if p))
    done = subprocess.run([sys.executable, os.path.join(REPO, "benchmarks", "refractory_lists.py"),
                           "--neurons", "2000", "--rounds", "1"],
                          env=env, capture_output=True, text=True, timeout=600, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [line.rsplit(None, 1) for line in done.stdout.splitlines()[1:]]
    assert [label.strip() for label, _ in rows] == ["plain", "network operation",
                                                    "behind lastspike"]
    assert all(float(value) > 0 for _, value in rows)
