"""benchmarks/compare.py flags rows that got slower than the stored baseline (logic only,
on made-up result files: no timing happens here)."""
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "benchmarks"))

import compare  # noqa: E402


def results(run_per_sim_s, warm_build_s=0.2, status="ok", load=0.5):
    return dict(command="python benchmarks/run.py --quick", started="2026-12-01T20:00:00",
                machine=dict(cpus=2, load_average_at_start=[load, 0, 0]),
                results=[dict(simulator="eqsim", benchmark="coba", scale=1.0, duration=0.5,
                              status=status, run_per_sim_s=run_per_sim_s,
                              warm_build_s=warm_build_s, cold_build_s=0.8, peak_rss_mb=110.0)])


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


def test_update_then_a_run_six_percent_slower_exits_one_and_says_slower(tmp_path, capsys):
    baseline = str(tmp_path / "baseline.json")
    assert compare.main([write(tmp_path, "a.json", results(0.100)), "--baseline", baseline,
                         "--update"]) == 0
    capsys.readouterr()
    assert compare.main([write(tmp_path, "b.json", results(0.106)), "--baseline", baseline]) == 1
    out = capsys.readouterr().out
    assert "SLOWER eqsim/coba/x1/0.5s" in out and "1.06x of 0.1" in out


def test_a_run_within_tolerance_or_faster_exits_zero(tmp_path, capsys):
    baseline = str(tmp_path / "baseline.json")
    compare.main([write(tmp_path, "a.json", results(0.100)), "--baseline", baseline, "--update"])
    assert compare.main([write(tmp_path, "b.json", results(0.104)), "--baseline", baseline]) == 0
    assert compare.main([write(tmp_path, "c.json", results(0.050)), "--baseline", baseline]) == 0
    assert "SLOWER" not in capsys.readouterr().out


def test_slower_warm_build_counts_but_more_memory_alone_does_not(tmp_path):
    before = compare.figures_of(results(0.1, warm_build_s=0.2))
    assert compare.compare(compare.figures_of(results(0.1, warm_build_s=0.3)), before, 0.05)[0][2]
    more_memory = results(0.1)
    more_memory["results"][0]["peak_rss_mb"] = 500.0
    assert not compare.compare(compare.figures_of(more_memory), before, 0.05)[0][2]


def test_failed_rows_are_left_out_and_new_rows_are_marked_new(tmp_path):
    assert compare.figures_of(results(0.1, status="error")) == {}
    rows = compare.compare(compare.figures_of(results(0.1)), {}, 0.05)
    assert "(new)" in compare.format_rows(rows) and not rows[0][2]


def test_a_busy_machine_is_named_in_the_output(tmp_path, capsys):
    baseline = str(tmp_path / "baseline.json")
    compare.main([write(tmp_path, "a.json", results(0.1, load=6.0)), "--baseline", baseline])
    assert "not comparable" in capsys.readouterr().out
