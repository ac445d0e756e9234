"""Under ``mpiexec -n 2``: run-time callbacks get every rank's records on rank 0, and a
checkpoint file moves between one and two processes. One launch serves all checks."""
import json
import os
from pathlib import Path

import numpy as np
import pytest

from eqsim import ms
from eqsim.core.checkpoint import read_checkpoint
from eqsim.core.network_state import take_state
from eqsim.groups.partition import local_slice

from checkpoint_network import N, build, independent

SCRIPT = Path(__file__).resolve().parent / "callbacks_checkpoint_script.py"


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    """What one process gives: the callbacks' records, and a stored checkpoint."""
    from eqsim import prefs
    previous, prefs["codegen.target"] = prefs["codegen.target"], "numpy"
    spikes, samples = [], []
    independent(spikes=spikes.append, samples=samples.append).run(10 * ms)
    net = build()
    net.run(4.3 * ms)
    filename = str(tmp_path_factory.mktemp("k1") / "k1.ckpt")
    net.store("warm", filename=filename)
    prefs["codegen.target"] = previous
    return spikes, samples, filename, take_state(net)["objects"]


@pytest.fixture(scope="module")
def two_processes(mpi_run, one_process, tmp_path_factory):
    out = str(tmp_path_factory.mktemp("k2") / "k2.ckpt")
    run = mpi_run(SCRIPT, 2, timeout=120, args=[one_process[2], out])
    assert run.returncode == 0, run.launcher + "".join(run.stderr)
    return [json.loads(text.strip().splitlines()[-1]) for text in run.stdout], out


def test_rank_0_alone_gets_every_ranks_records_as_one_process_does(one_process,
                                                                   two_processes):
    spikes, samples, _, _ = one_process
    outputs, _ = two_processes
    as_lists = lambda calls: [[list(r) for r in call] for call in calls]
    assert outputs[0]["spikes"] == as_lists(spikes) and len(spikes) == 5
    assert outputs[0]["samples"] == as_lists(samples) and len(samples) == 4
    assert outputs[1]["spikes"] == [] and outputs[1]["samples"] == []


def test_two_processes_restore_their_slices_of_a_one_process_file(one_process, two_processes):
    whole = one_process[3]
    outputs, _ = two_processes
    for out in outputs:
        start, stop = local_slice(N, out["rank"], 2)
        assert out["v"] == whole["G"]["v"][start:stop].tolist()
        post = np.array(out["post"])
        assert post.size and ((post >= start) & (post < stop)).all()
    assert sorted(zip(*[sum((o[k] for o in outputs), []) for k in ("pre", "post", "w")])) == \
        sorted(zip(whole["S"]["_synaptic_pre"].tolist(), whole["S"]["_synaptic_post"].tolist(),
                   whole["S"]["w"].tolist()))


def test_the_file_two_processes_write_is_the_file_one_process_wrote(one_process,
                                                                    two_processes):
    _, out = two_processes
    assert os.path.exists(out)
    a, b = read_checkpoint(one_process[2])["warm"], read_checkpoint(out)["warm"]

    def same(x, y, path="state"):
        if isinstance(x, dict):
            assert set(x) == set(y), path
            for key in x:
                same(x[key], y[key], f"{path}.{key}")
        elif isinstance(x, np.ndarray):
            assert x.dtype == y.dtype and np.array_equal(x, y), path
        else:
            assert x == y, path
    same(a, b)
