"""benchmarks/machine_contention.c builds with the flags its header gives and prints, for each
cache size, the times alone on each CPU and together (not a timing test: only checked to
be times)."""
import os
import shutil
import subprocess

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two CPUs to compare")
def test_the_contention_check_prints_a_row_of_times_per_cache_size(tmp_path):
    assert shutil.which("gcc"), "gcc is part of the machines eqsim supports"
    binary = tmp_path / "mc"
    subprocess.run(["gcc", "-O3", "-march=native", "-fopenmp-simd", "-pthread",
                    os.path.join(REPO, "benchmarks", "machine_contention.c"), "-o", str(binary)],
                   check=True, capture_output=True, timeout=120)
    done = subprocess.run([str(binary)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = [line.strip("| ").split(" | ") for line in done.stdout.splitlines()[2:]]
    assert [row[0] for row in rows] == ["L1 (24 kB)", "L2 (120 kB)", "L3 (2 MB)"]
    for _, alone0, alone1, both, slowdown in rows:
        assert min(float(alone0), float(alone1), float(both)) > 0 and float(slowdown) > 0
