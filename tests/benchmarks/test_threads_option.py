"""``benchmarks/run.py --threads 1,2``: every simulator at each thread count in one run, a
threads column, ratios at the same thread count, and baseline keys that still match.

One real run of eqsim (small, quick) through run.py; the rest is logic on made-up rows
(the peers' and Brian2's venvs are not part of the test environment)."""
import argparse
import importlib.util
import json
import os
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH_DIR = os.path.join(REPO, "benchmarks")
sys.path.insert(0, BENCH_DIR)

import run  # noqa: E402
import table  # noqa: E402
from runners.measure import RESULT_PREFIX  # noqa: E402

# by path and under its own name: tests/compat has a module called compare too
_spec = importlib.util.spec_from_file_location("benchmarks_compare_threads",
                                               os.path.join(BENCH_DIR, "compare.py"))
compare = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare)

ALL = {"eqsim": "/py", "brian2-cython": "/b2", "brian2-standalone": "/b2", "nest": "/n",
       "annarchy": "/a"}


def test_plan_runs_every_simulator_at_each_thread_count_and_brian2_cython_once():
    rows = run.plan(["coba"], [1, 2], ALL)
    assert rows == [("coba", "eqsim", 1), ("coba", "brian2-cython", 1),
                    ("coba", "brian2-standalone", 1), ("coba", "nest", 1), ("coba", "annarchy", 1),
                    ("coba", "eqsim", 2), ("coba", "brian2-standalone", 2), ("coba", "nest", 2),
                    ("coba", "annarchy", 2)]


def test_plan_leaves_out_peers_that_cannot_express_a_row_and_absent_interpreters():
    rows = run.plan(["tian", "stdp"], [1, 2], dict(ALL, **{"brian2-standalone": None}))
    assert {simulator for name, simulator, _ in rows if name == "stdp"} == {
        "eqsim", "brian2-cython"}
    assert {simulator for name, simulator, _ in rows if name == "tian"} == {
        "eqsim", "brian2-cython", "nest", "annarchy"}
    rows = run.plan(["tian"], [1], dict(ALL, **{"brian2-standalone": None, "annarchy": None}))
    assert {simulator for _, simulator, _ in rows} == {"eqsim", "brian2-cython", "nest"}
    rows = run.plan(["tian_procedural"], [1], ALL)
    assert {simulator for _, simulator, _ in rows} == {"eqsim"}  # eqsim's own feature
    assert run.plan(["einet_brainpy_style"], [2], ALL) == [("einet_brainpy_style", "eqsim", 2)]


def test_a_peer_that_cannot_express_a_benchmark_gets_a_row_that_says_so():
    rows = run.untranslated("stdp", ALL)
    assert [(r["simulator"], r["status"]) for r in rows] == [("nest", "untranslated"),
                                                            ("annarchy", "untranslated")]
    assert "not run: no translation yet (event-driven traces" in table.format_table(rows)
    assert run.untranslated("coba", ALL) == [] and run.untranslated("stdp", {}) == []


@pytest.mark.parametrize("text", ["0", "1,1", "two", "", "1,-2"])
def test_bad_thread_lists_are_refused(text):
    with pytest.raises(argparse.ArgumentTypeError, match="positive integers"):
        run.thread_counts(text)


def test_each_threaded_runner_is_given_the_thread_count_and_brian2_cython_is_not():
    class Options:
        scale, quick = 1.0, False
    for simulator in ("eqsim", "brian2-standalone", "nest", "annarchy"):
        command = run.runner_command(simulator, "coba", Options, "/py", "/tmp/c", 2)
        assert command[command.index("--threads") + 1] == "2", simulator
    assert "--threads" not in run.runner_command("brian2-cython", "coba", Options, "/py",
                                                 "/tmp/c", 2)


def result(simulator, threads, run_per_sim_s, rates=None, **extra):
    rates = rates or {"exc": 20.0, "inh": 20.0}
    return dict(simulator=simulator, benchmark="coba", scale=1.0, duration=1.0, status="ok",
                run_s=run_per_sim_s, run_per_sim_s=run_per_sim_s, rates_hz=rates,
                spikes=400, neurons_by_population={"exc": 10, "inh": 10}, synapses=100,
                cold_build_s=1.0, warm_build_s=0.5, peak_rss_mb=100.0, bytes_per_synapse=12,
                load_average=1.5, **({"threads": threads} if threads else {}), **extra)


def test_the_eqsim_ratio_is_taken_at_the_same_thread_count():
    rows = [result("eqsim", 1, 0.1), result("eqsim", 2, 0.06), result("nest", 1, 1.0),
            result("nest", 2, 0.3), result("brian2-cython", 1, 0.5)]
    assert table.eqsim_ratio(rows[2], rows) == pytest.approx(0.1)
    assert table.eqsim_ratio(rows[3], rows) == pytest.approx(0.2)
    assert table.eqsim_ratio(rows[4], rows) == pytest.approx(0.2)  # its 1-thread eqsim row
    assert table.eqsim_ratio(rows[0], rows) is None
    assert table.eqsim_ratio(result("annarchy", 4, 1.0), rows) is None  # no eqsim at 4


def test_the_table_has_a_threads_column_and_peers_show_their_rates_against_eqsim():
    rows = [result("eqsim", 1, 0.1), result("eqsim", 2, 0.06),
            result("annarchy", 2, 0.3, rates={"exc": 22.0, "inh": 19.0})]
    text = table.format_table(rows).splitlines()
    header = [cell.strip() for cell in text[0].strip("|").split("|")]
    assert header[:3] == ["benchmark", "simulator", "threads"]
    last = [cell.strip() for cell in text[-1].strip("|").split("|")]
    assert last[:3] == ["coba", "annarchy", "2"]
    assert last[header.index("eqsim/this run")] == "0.20"
    assert last[header.index("load")] == "1.5"
    assert last[-1] == "rates vs eqsim: exc +10 %, inh -5 %"
    assert "RATE MISMATCH" not in text[-1]  # within 10 %


def test_brian2_rate_check_compares_eqsim_with_brian2_at_the_same_thread_count_only():
    rows = [result("eqsim", 1, 0.1), result("brian2-standalone", 1, 0.2),
            result("brian2-standalone", 2, 0.2, rates={"exc": 30.0, "inh": 20.0})]
    assert table.rate_mismatch(rows[0], rows) is None
    assert "RATE MISMATCH: exc 30 vs 20 Hz" in table.rate_mismatch(rows[2],
                                                                   rows + [result("eqsim", 2, .1)])


def test_baseline_keys_without_threads_still_match_and_other_thread_counts_get_their_own():
    with open(os.path.join(BENCH_DIR, "baseline.json")) as f:
        stored = json.load(f)["rows"]
    key = next(k for k in stored if not k.endswith("threads"))
    simulator, benchmark, scale, duration = key.split("/")
    old = dict(simulator=simulator, benchmark=benchmark, scale=float(scale[1:]),
               duration=float(duration[:-1]))
    assert compare.row_key(old) == key == compare.row_key(dict(old, threads=1))
    assert compare.row_key(dict(old, threads=2)) == key + "/2threads"
    one_thread = {k: v for k, v in stored.items() if not k.endswith("threads")}
    rows = compare.compare({key + "/2threads": {"run_per_sim_s": 1e9}}, one_thread, 0.05)
    assert not rows[0][2]  # a 2-thread row is new, not a slowdown of the 1-thread row
    rows = compare.compare({key + "/3threads": {"run_per_sim_s": 1e9}}, stored, 0.05)
    assert not rows[0][2]


def test_run_py_gives_every_row_its_thread_count_in_the_command_json_and_table(
        tmp_path, monkeypatch, capsys):
    commands = []

    def fake_child(command, env, log):  # what the runners print, without simulating
        commands.append(command)
        threads = int(command[command.index("--threads") + 1])
        return dict(result("eqsim", None, 0.1 / threads), threads=threads, build_s=0.3)
    monkeypatch.setattr(run, "run_child", fake_child)
    monkeypatch.setattr(run, "add_eqsim_glue", lambda cache, env, log: None)
    out = tmp_path / "threads.json"
    assert run.main(["--no-brian2", "--only", "coba", "--quick", "--threads", "1,2",
                     "--json", str(out)]) == 0
    # both cold builds, then the warm runs of the rows in turn
    assert [c[c.index("--threads") + 1] for c in commands] == ["1", "2", "1", "2"]
    rows = json.loads(out.read_text())["results"]
    assert [(r["simulator"], r["threads"]) for r in rows] == [("eqsim", 1), ("eqsim", 2)]
    assert all(isinstance(r["load_average"], float) for r in rows)
    assert "| threads |" in capsys.readouterr().out
    assert table.main([str(out), str(out)]) == 0  # two files: one table of four rows
    assert len(capsys.readouterr().out.strip().splitlines()) == 2 + 4


def test_the_eqsim_runner_builds_the_network_with_the_threads_asked_for():
    env = dict(os.environ,
               PYTHONPATH=os.pathsep.join(p for p in (REPO, os.environ.get("PYTHONPATH")) if p))
    env.pop("EQSIM_NUM_THREADS", None)
    done = subprocess.run([sys.executable, os.path.join(BENCH_DIR, "runners", "run_eqsim.py"),
                           "--benchmark", "coba", "--scale", "0.05", "--duration", "0.01",
                           "--threads", "2"], env=env, capture_output=True, text=True,
                          timeout=600, cwd=REPO)
    line = [line for line in done.stdout.splitlines() if line.startswith(RESULT_PREFIX)][-1]
    record = json.loads(line[len(RESULT_PREFIX):])
    assert record["status"] == "ok", record.get("traceback")
    assert (record["threads"], record["threads_built"]) == (2, 2) and record["spikes"] > 0


def test_a_row_whose_cold_run_fails_says_so_and_the_other_rows_still_take_their_turns(
        tmp_path, monkeypatch):
    commands = []

    def fake_child(command, env, log):
        commands.append(command)
        threads = int(command[command.index("--threads") + 1])
        if threads == 2:
            return dict(status="error", message="no second core today")
        return dict(result("eqsim", None, 0.1), threads=threads, build_s=0.3)
    monkeypatch.setattr(run, "run_child", fake_child)
    monkeypatch.setattr(run, "add_eqsim_glue", lambda cache, env, log: None)
    out = tmp_path / "failed.json"
    assert run.main(["--no-brian2", "--only", "coba", "--quick", "--threads", "1,2",
                     "--repeat", "2", "--json", str(out)]) == 1
    assert [c[c.index("--threads") + 1] for c in commands] == ["1", "2", "1", "1"]
    rows = json.loads(out.read_text())["results"]
    assert [(r["simulator"], r["threads"], r["status"]) for r in rows] == [
        ("eqsim", 1, "ok"), ("eqsim", 2, "error")]
    assert rows[1]["message"] == "no second core today"
