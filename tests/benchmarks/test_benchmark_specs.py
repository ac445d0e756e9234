"""The benchmark specs still build and run on eqsim (not a timing test).

Each benchmark runs through ``benchmarks/runners/run_eqsim.py`` at 1/20 of its size for
20 ms of simulated time, in a subprocess, and must print a
well-formed result with spikes. A benchmark whose required names eqsim does not export yet
must say so, and the names it lists must really be missing.
"""
import json
import os
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH_DIR = os.path.join(REPO, "benchmarks")
sys.path.insert(0, BENCH_DIR)

from models import all_benchmarks, spec_for  # noqa: E402
from runners.measure import RESULT_PREFIX  # noqa: E402

#: one variant per spec module is enough: the scaled coba variants share coba's code
BENCHMARKS = [name for name in all_benchmarks() if name not in ("coba_x4", "coba_x16")]
NUMBER_FIELDS = ("objects_s", "first_run_s", "run_s", "build_s", "fixed_cost_s",
                 "run_per_sim_s", "peak_rss_mb", "bytes_per_synapse", "events_per_s")


def run_eqsim_runner(benchmark):
    # the developer's compiled-code cache (EQSIM_CACHE_DIR or the default) keeps reruns fast
    env = dict(os.environ,
               PYTHONPATH=os.pathsep.join(p for p in (REPO, os.environ.get("PYTHONPATH")) if p))
    done = subprocess.run([sys.executable, os.path.join(BENCH_DIR, "runners", "run_eqsim.py"),
                           "--benchmark", benchmark, "--scale", "0.05", "--duration", "0.02"],
                          env=env, capture_output=True, text=True, timeout=600, cwd=REPO)
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    assert len(lines) == 1, f"no result line; stderr: {done.stderr[-2000:]}"
    return json.loads(lines[0][len(RESULT_PREFIX):]), done.returncode


@pytest.mark.parametrize("benchmark_name", BENCHMARKS)
def test_eqsim_runner_gives_a_well_formed_result_with_spikes(benchmark_name):
    record, returncode = run_eqsim_runner(benchmark_name)
    assert record["benchmark"] == benchmark_name and record["simulator"] == "eqsim"
    if record["status"] == "unavailable":
        import eqsim
        assert record["missing"], "an unavailable benchmark names what is missing"
        assert not any(hasattr(eqsim, name) for name in record["missing"])
        assert returncode == 0
        return
    assert record["status"] == "ok", record.get("traceback") or record.get("message")
    assert returncode == 0
    for name in NUMBER_FIELDS:
        assert isinstance(record[name], (int, float)) and record[name] >= 0, name
    assert record["spikes"] > 0
    assert record["spikes"] == sum(record["spikes_by_population"].values())
    assert record["synapses"] > 0 and record["events"] > 0
    spec, scale = spec_for(benchmark_name)
    assert set(record["rates_hz"]) == set(record["neurons_by_population"])
    assert record["duration"] == pytest.approx(0.02)
    assert record["scale"] == pytest.approx(scale * 0.05)
