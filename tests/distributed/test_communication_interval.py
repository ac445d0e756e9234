"""Exchanging spikes once per communication interval (the shortest synaptic delay, or half
of it when each exchange is collected an interval late) gives the one-process results bit
for bit, also when runs end or stop mid-interval; a stop() called on one process only ends
the run on every process after that step."""
import json
from pathlib import Path

import pytest

from mpiexec_helper import run_alone

SCRIPT = Path(__file__).with_name("interval_script.py")


@pytest.fixture(scope="module")
def alone():
    return json.loads(run_alone(SCRIPT).splitlines()[0])


@pytest.mark.parametrize("processes, overlap", [(2, "overlap"), (3, "overlap"), (4, "overlap"),
                                                (2, "no-overlap")])
def test_exchanging_once_per_interval_gives_the_one_process_results_bit_for_bit(
        mpi_run, alone, processes, overlap):
    assert len(alone["i"]) > 100 and sum(w != 0.05 for w in alone["w"]) > 10  # STDP acts
    # stopped at 7.4, 17.1 and 19.1 ms (after the steps at 7.3, 17.0 and 19.0 ms)
    assert alone["t_end"] == pytest.approx(19.1 + 1)
    run = mpi_run(SCRIPT, processes, timeout=300, args=["cython", overlap])
    assert run.returncode == 0, run.launcher + "".join(run.stderr)
    for text in run.stdout:
        lines = text.splitlines()
        assert json.loads(lines[0]) == alone
        # the shortest delay is 5 steps (SI): collected an interval late, every 3 steps
        # (events up to 5 steps old); else every 5; with a network operation: every step
        first = [3, True] if overlap == "overlap" else [5, False]
        assert json.loads(lines[1]) == [[first], [[1, False]], [[1, False]]]


def test_a_stop_called_on_one_process_stops_every_process_on_the_numpy_target(mpi_run,
                                                                              alone):
    run = mpi_run(SCRIPT, 2, timeout=300, args=["numpy"])
    assert run.returncode == 0, run.launcher + "".join(run.stderr)
    for text in run.stdout:
        result = json.loads(text.splitlines()[0])
        assert result["t_end"] == alone["t_end"]
        assert result["i"] == alone["i"] and result["t"] == alone["t"]


@pytest.mark.parametrize("target", ["cython", "numpy"])
def test_custom_event_pathways_and_several_clocks_give_the_one_process_results(mpi_run,
                                                                               target):
    script = SCRIPT.with_name("clocks_events_script.py")
    alone = json.loads(run_alone(script, target).splitlines()[0])
    assert len(alone["i"]) > 50 and len(alone["ei"]) > 100 and len(alone["si"]) > 20
    run = mpi_run(script, 2, timeout=300, args=[target])
    assert run.returncode == 0, run.launcher + "".join(run.stderr)
    for text in run.stdout:
        assert json.loads(text.splitlines()[0]) == alone
