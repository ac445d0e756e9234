"""load_recording() joins a monitor's per-process files (mpiexec runs: test_distributed_run.py)
and reads a one-process recording the same way; incomplete folders are refused."""
import os

import numpy as np
import pytest

from eqsim import Network, NeuronGroup, SpikeMonitor, StateMonitor, ms
from eqsim.distributed import load_recording
from eqsim.errors import ProcessFilesError


def test_a_one_process_recording_loads_as_the_monitor_reads_it(tmp_path):
    H = NeuronGroup(10, "dv/dt = (1.2 + 0.02*i - v)/(10*ms) : 1", threshold="v > 1",
                    reset="v = 0")
    spikes = SpikeMonitor(H, to_file=tmp_path / "spikes")
    v = StateMonitor(H, "v", record=[9, 2], to_file=tmp_path / "v")
    Network(H, spikes, v).run(30 * ms)
    loaded = load_recording(tmp_path / "spikes")
    assert len(loaded["i"]) > 10
    assert np.array_equal(loaded["i"], spikes.i) and np.array_equal(loaded["t"], spikes.t_)
    samples = load_recording(tmp_path / "v")
    assert samples["v"].shape == (300, 2) and np.array_equal(samples["v"].T, v.v_)


def test_a_recording_missing_a_process_is_refused_naming_it(tmp_path):
    for rank in (0, 2):
        os.makedirs(tmp_path / f"process-{rank}-of-3")
    with pytest.raises(ProcessFilesError, match=r"lacks the files of process\(es\) \[1\] of 3"):
        load_recording(tmp_path)


def test_recordings_of_runs_on_different_numbers_of_processes_are_refused(tmp_path):
    os.makedirs(tmp_path / "process-0-of-1")
    os.makedirs(tmp_path / "process-0-of-2")
    with pytest.raises(ProcessFilesError, match="runs on"):
        load_recording(tmp_path)
