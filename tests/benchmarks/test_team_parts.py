"""benchmarks/team_parts.py: one thread and a team of two in turns in one process, then each
parallel part's forks per step and shares (prefs.codegen.cython.team_timing). Not a timing
test: the figures are only checked to be times and counts."""
import os
import sys

import pytest

from eqsim import prefs

BENCH = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "benchmarks")


@pytest.fixture
def team_parts():
    sys.path.insert(0, BENCH)
    saved = {k: prefs[k] for k in ("codegen.target", "codegen.cython.num_threads",
                                   "codegen.cython.team_timing")}
    import team_parts
    yield team_parts
    for key, value in saved.items():
        prefs[key] = value
    sys.path.remove(BENCH)


def test_each_part_of_the_team_gets_a_row_of_forks_and_times(team_parts, capsys):
    # coba at a twentieth: its state update (its pathways fork only on steps with spikes)
    assert team_parts.main(["--model", "coba", "--scale", "0.05", "--duration", "0.005",
                            "--rounds", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "speed-up" in lines[0]
    rows = [line.strip("| ").split(" | ") for line in lines[3:]]
    assert len(rows) >= 1
    for part, forks, *times in rows:
        assert 0 < float(forks) <= 1.0
        caller, worker, wait, whole, start = map(float, times)
        assert min(caller, worker, wait) >= 0 and whole >= caller
        assert 0 <= start <= whole  # the worker starts within the fork


def test_the_timing_preference_accepts_only_booleans():
    from eqsim.core.preferences import PreferenceError
    with pytest.raises(PreferenceError):
        prefs["codegen.cython.team_timing"] = "yes"


def test_without_timing_only_the_speed_up_is_printed(team_parts, capsys):
    assert team_parts.main(["--model", "coba", "--scale", "0.05", "--duration", "0.005",
                            "--rounds", "1", "--no-timing"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and "speed-up" in lines[0]


def test_a_team_with_other_parts_per_thread_runs_in_the_same_turns(team_parts, capsys):
    from eqsim.codegen import kinds
    default = kinds.PARTS_PER_THREAD
    assert team_parts.main(["--model", "coba", "--scale", "0.05", "--duration", "0.005",
                            "--rounds", "1", "--no-timing", "--parts-per-thread", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "team of 2, 1 parts per thread" in lines[1]
    assert kinds.PARTS_PER_THREAD == default  # the module's own setting is back
