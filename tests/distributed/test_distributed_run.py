"""One network run on K = 1, 2, 3 and 4 processes (``mpiexec -n K``) gives the same numbers bit
for bit: spikes, monitors, neuron state and synaptic weights after STDP read after the run
(in one-process order), on every process; a failure in a
network operation on rank 1 ends every process with its message; code that reads a
presynaptic neuron variable of a split group is refused (EQ836)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mpiexec_helper import run_alone

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "network_script.py"
ROOT = HERE.parents[1]


def _one_process(target):
    return json.loads(run_alone(SCRIPT, target).splitlines()[0])


STDERR = {}  # (processes, target): each rank's stderr


def _outputs(mpi_run, processes, target):
    run = mpi_run(SCRIPT, processes, timeout=300, args=[target])
    assert run.returncode == 0, run.launcher + "".join(run.stderr)
    STDERR[processes, target] = run.stderr
    return [[json.loads(line) for line in text.splitlines()] for text in run.stdout]


@pytest.fixture(scope="module")
def numpy_runs(mpi_run):
    return _one_process("numpy"), {k: _outputs(mpi_run, k, "numpy") for k in (2, 3, 4)}


@pytest.fixture(scope="module")
def cython_runs(mpi_run):
    return _one_process("cython"), _outputs(mpi_run, 2, "cython")


@pytest.mark.parametrize("processes", [2, 3, 4])
def test_every_process_reads_the_one_process_results_bit_for_bit(numpy_runs, processes):
    whole, runs = numpy_runs
    assert whole["num_spikes"] > 100 and whole["poisson_i"]  # the network is active
    assert sum(w != 0.1 for w in whole["w_plastic"]) > 20  # STDP changed weights
    assert len(whole["w_excitatory"]) > 2000 and len(whole["w_rows"]) == 45
    assert whole["lengths"] == [200, 160, 40, 200, 50]
    for lines in runs[processes]:
        assert lines[0] == whole


@pytest.mark.parametrize("processes", [2, 3])
def test_process_0_alone_prints_the_progress_of_a_run(numpy_runs, processes):
    stderr = STDERR[processes, "numpy"]
    assert "(100%) simulated" in stderr[0]
    assert all("simulated" not in text for text in stderr[1:])


@pytest.mark.parametrize("processes", [2, 3])
def test_monitors_read_on_rank_0_alone_do_not_wait(numpy_runs, processes):
    whole, runs = numpy_runs
    assert runs[processes][0][1] == [whole["i"][:5], whole["sv"][0][:3]]


def test_compiled_kernels_on_two_processes_give_the_one_process_numbers_bit_for_bit(
        cython_runs):
    whole, lines = cython_runs
    for output in lines:
        assert output[0] == whole


def test_threaded_libraries_on_two_processes_give_the_one_process_numbers_bit_for_bit(
        cython_runs, mpi_run, monkeypatch):
    # each rank's library is built for a team of two, whose forks, joins and deferred
    # parts the network glue lends it (eqsim_team_threads.h)
    monkeypatch.setenv("EQSIM_NUM_THREADS", "2")
    run = mpi_run(SCRIPT, 2, timeout=300, args=["cython"])
    assert run.returncode == 0, run.launcher + "".join(run.stderr)
    for text in run.stdout:
        assert json.loads(text.splitlines()[0]) == cython_runs[0]


def test_the_compiled_population_rate_has_the_bits_of_the_numpy_target(cython_runs,
                                                                         numpy_runs):
    assert cython_runs[0]["rate"] == numpy_runs[0]["rate"]


def test_compiled_code_exchanges_spikes_in_its_step_loop_and_grows_the_slots_there(
        cython_runs, numpy_runs):
    for lines in cython_runs[1]:
        exchanges = lines[-1]["exchanges"]
        assert exchanges["python"] == 0 and exchanges["capacity"] > 4
    for outputs in numpy_runs[1].values():  # the NumPy target exchanges in Python
        for lines in outputs:
            exchanges = lines[-1]["exchanges"]
            assert exchanges["python"] == 300 and exchanges["capacity"] > 4


@pytest.mark.parametrize("target", ["numpy", "cython"])
def test_a_network_operation_failing_on_rank_1_ends_every_process_with_its_message(
        numpy_runs, cython_runs, target):
    runs = numpy_runs[1] if target == "numpy" else {2: cython_runs[1]}
    for processes, outputs in runs.items():
        for me, lines in enumerate(outputs):
            for key in ("failure", "failure_late"):  # netop before / after the exchange
                code, kind, text = lines[-1][key]
                if me == 1:
                    assert (kind, text) == ("ValueError", "netop broke at t=1 ms")
                else:
                    assert (code, kind) == ("EQ834", "RankFailedError")
                    assert "process 1 failed with ValueError: netop broke at t=1 ms" in text


@pytest.mark.parametrize("target", ["numpy", "cython"])
def test_per_process_recording_files_load_as_the_in_memory_monitors_of_the_run(
        numpy_runs, cython_runs, target):
    runs = numpy_runs[1] if target == "numpy" else {2: cython_runs[1]}
    for outputs in runs.values():
        for lines in outputs:
            files = lines[-1]["files"]
            assert files["same"] == [True] * 4 and files["events"] > 20
            assert files["len"] == files["events"] and files["refused"] == "EQ839"


def test_monitors_of_synapses_are_refused_with_several_processes_store_to_a_file_is_not(
        numpy_runs):
    _, runs = numpy_runs
    assert all(lines[-1]["not_yet"] == ["EQ837", None, "EQ837"]
               for outputs in runs.values() for lines in outputs)


def test_synaptic_code_reading_a_presynaptic_neuron_variable_is_refused(numpy_runs):
    _, runs = numpy_runs
    for processes, outputs in runs.items():
        for lines in outputs:
            code, text = lines[-1]["remote_read"]
            assert code == "EQ836" and "v_pre" in text and f"{processes} processes" in text


def test_the_ei_network_example_gives_the_one_process_spikes_under_mpiexec_n_2(mpi_run):
    example = ROOT / "examples" / "ei_network.py"
    alone = run_alone(example, "100")
    run = mpi_run(example, 2, timeout=300, args=["100"])
    assert run.returncode == 0, run.launcher + "".join(run.stderr)
    counts = [line.split(" in ")[0] if line.startswith("E/I") else line
              for line in alone.splitlines()]
    assert "excitatory: 0 spikes" not in alone
    assert [line.split(" in ")[0] if line.startswith("E/I") else line
            for line in run.stdout[0].splitlines()] == counts
    assert run.stdout[1] == ""  # process 1 neither prints nor plots
