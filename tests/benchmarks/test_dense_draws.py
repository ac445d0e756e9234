"""benchmarks/dense_draws.c builds with the flags its header gives and prints, for each p, a
time per candidate and the fraction of positions kept, which is p (200 M draws: within 6
standard deviations). Not a timing test: the time is only checked to be a time."""
import os
import shutil
import subprocess

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_the_dense_draw_benchmark_keeps_a_fraction_p_of_the_positions(tmp_path):
    assert shutil.which("gcc"), "gcc is part of the machines eqsim supports"
    binary = tmp_path / "dd"
    subprocess.run(["gcc", "-O3", "-march=native", "-I" + os.path.join(REPO, "eqsim", "runtime"),
                    os.path.join(REPO, "benchmarks", "dense_draws.c"), "-o", str(binary), "-lm"],
                   check=True, capture_output=True, timeout=120)
    done = subprocess.run([str(binary)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = [line.strip("| ").split(" | ") for line in done.stdout.splitlines()[2:]]
    assert [float(row[0]) for row in rows] == [0.04, 0.1, 0.25, 0.999]
    n = 20_000 * 10_000
    for p, nanoseconds, kept in ((float(a), float(b), float(c)) for a, b, c in rows):
        assert nanoseconds > 0
        assert abs(kept - p) < 6 * (p * (1 - p) / n) ** 0.5 + 1e-5  # printed to 5 decimals
