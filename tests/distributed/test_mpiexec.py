"""The MPI communicator under a real ``mpiexec -n 2`` and ``-n 3``: each collective gives every
process what one process has, a failure on rank 1 reaches every rank, and an uncaught one ends
the run fast instead of hanging."""
import json
from pathlib import Path

import numpy as np
import pytest

SCRIPT = Path(__file__).resolve().parent / "collectives_script.py"
NEURONS = 30


# each launch costs every rank an `import eqsim`: two launches serve all tests
@pytest.fixture(scope="module")
def two_processes(mpi_run):
    return mpi_run(SCRIPT, 2, timeout=120, args=["--then-fail-uncaught"])


@pytest.fixture(scope="module")
def three_processes(mpi_run):
    run = mpi_run(SCRIPT, 3, timeout=120)
    assert run.returncode == 0, run.launcher + "".join(run.stderr)
    return run


@pytest.fixture(params=[2, 3], ids=["mpiexec-n2", "mpiexec-n3"])
def collectives(request):
    run = request.getfixturevalue({2: "two_processes", 3: "three_processes"}[request.param])
    return request.param, [json.loads(text.strip().splitlines()[0]) for text in run.stdout]


def test_every_process_knows_its_rank_and_the_world_size_from_mpi(collectives):
    size, outputs = collectives
    assert [(o["rank"], o["size"], o["type"]) for o in outputs] == \
        [(rank, size, "MPICommunicator") for rank in range(size)]


def test_spike_exchange_gives_every_process_each_steps_spikes_in_one_process_order(collectives):
    size, outputs = collectives
    # the last interval (20 steps of every neuron spiking) outgrows the first slot capacity
    expected = [[[n for n in range(NEURONS) if (n * 7 + s) % 5 == 0 or per_step > 5]
                 for s in range(steps)] for steps, per_step in ((1, 1), (4, 1), (0, 1), (20, 10))]
    assert all(o["spikes"] == expected for o in outputs)


def test_a_one_step_exchange_grows_its_slots_and_carries_a_failure_with_the_others(
        collectives):
    size, outputs = collectives
    expected = [n for rank in range(size)
                for n in range(1000 * rank, 1000 * rank + (600 if rank == size - 1 else 3))]
    for o in outputs:
        assert o["one_step_burst"] == expected
        assert o["one_step_failure"] == ("broke" if o["rank"] == 0 else [[0, "ValueError: broke"]])


def test_arrays_gathered_to_all_or_to_root_are_joined_in_rank_order(collectives):
    size, outputs = collectives
    matrix = np.arange(NEURONS, dtype=float)[:, None] * [1.0, -1.0]
    for o in outputs:
        assert o["allgather_rows"] == matrix.tolist()
        assert o["allgather_columns"] == matrix.T.tolist()
        assert o["allgather_bool"] == (np.arange(NEURONS) % 2 == 0).tolist()
        assert o["gather_root"] == (list(range(NEURONS)) if o["rank"] == 0 else None)
        assert o["broadcast"] == {"seed": 1234 + size - 1, "dt": 0.1 * size}


def test_monitor_data_gathered_after_a_run_read_on_rank_0_alone_match_one_process(collectives):
    size, outputs = collectives
    neurons = np.arange(NEURONS)
    order = np.lexsort((neurons, neurons % 3))  # by step, then index: what K = 1 records
    first = outputs[0]
    assert first["events"] == {"step": (neurons % 3)[order].tolist(), "i": order.tolist(),
                               "v": (order * 0.5).tolist()}
    assert first["samples"] == [[7.0, 2.0, 29.0, 11.0], [107.0, 102.0, 129.0, 111.0]]
    assert first["root_holds"] == order.tolist()
    # gathered to rank 0 only: the others get an error at once, not a wait
    assert [o.get("not_here") for o in outputs[1:]] == ["EQ835"] * (size - 1)


@pytest.mark.parametrize("where,when", [("check", 5), ("exchange", 6)])
def test_a_failure_on_rank_1_at_a_safe_point_raises_on_every_rank_naming_rank_and_message(
        collectives, where, when):
    size, outputs = collectives
    message = f"netop broke at t={when} ms"
    for o in outputs:
        if o["rank"] == 1:
            assert o[where] == ["own", message]
        else:
            code, failures, text = o[where]
            assert (code, failures) == ("EQ834", [[1, f"ValueError: {message}"]])
            assert f"process 1 failed with ValueError: {message}" in text


def test_uncaught_exception_on_rank_1_ends_every_rank_fast_with_rank_and_message(two_processes):
    # rank 0 waits in a spike exchange that rank 1 never reaches: without the abort hook the
    # launch would hang until the fixture's timeout, which fails the test
    run = two_processes
    assert run.returncode != 0
    assert "eqsim: process 1 of 2 failed: RuntimeError: netop failed at t=0 ms" in run.stderr[1]
    assert "Traceback" in run.stderr[1]
    assert not any("not reached" in text for text in run.stdout)
