"""Exchanging spikes once per communication interval (the shortest synaptic delay) gives
the one-process results bit for bit, also when runs end or stop mid-interval."""
import json
from pathlib import Path

import pytest

from mpiexec_helper import run_alone

SCRIPT = Path(__file__).with_name("interval_script.py")


@pytest.fixture(scope="module")
def alone():
    return json.loads(run_alone(SCRIPT).splitlines()[0])


@pytest.mark.parametrize("processes", [2, 3])
def test_exchanging_every_five_steps_gives_the_one_process_results_bit_for_bit(
        mpi_run, alone, processes):
    assert len(alone["i"]) > 100 and sum(w != 0.05 for w in alone["w"]) > 10  # STDP acts
    assert alone["t_end"] == pytest.approx(7.4 + 6 + 2)  # stopped in the step at 7.3 ms
    run = mpi_run(SCRIPT, processes, timeout=300)
    assert run.returncode == 0, run.launcher + "".join(run.stderr)
    for text in run.stdout:
        lines = text.splitlines()
        assert json.loads(lines[0]) == alone
        # the shortest delay is 5 steps (SI); a network operation after the exchange: 1
        assert json.loads(lines[1]) == [[5], [5], [1]]
