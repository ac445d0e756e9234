"""One process (K = 1) has the same collectives as K processes, each local; the MPI world is
chosen only under a launcher, and refuses a launcher of another MPI or a missing mpi4py."""
import sys

import numpy as np
import pytest

from eqsim.distributed import process_world
from eqsim.distributed.communicator import SingleProcess
from eqsim.distributed.mpi_communicator import check_world_size, connect
from eqsim.errors import MPINotInstalledError, MPIWorldMismatchError


def test_one_process_exchange_returns_its_own_spikes_step_by_step():
    spikes = SingleProcess().exchange_spikes([[1, 4], [], np.array([2], dtype=np.int64)])
    assert [s.tolist() for s in spikes] == [[1, 4], [], [2]]
    assert all(s.dtype == np.int32 for s in spikes)


def test_one_process_gathers_are_copies_and_broadcast_is_the_value():
    comm = SingleProcess()
    data = np.arange(6.0).reshape(2, 3)
    for joined in (comm.allgather_array(data, axis=1), comm.gather_array(data, root=0)):
        assert np.array_equal(joined, data) and joined is not data
    assert comm.broadcast({"seed": 7}) == {"seed": 7}
    assert (comm.rank, comm.size) == (0, 1)


def test_one_process_failure_at_a_safe_point_is_the_original_exception():
    failure = KeyError("v")
    with pytest.raises(KeyError) as raised:
        SingleProcess().exchange_spikes([[1]], failure=failure)
    assert raised.value is failure
    SingleProcess().check_failures(None)


def test_without_a_launcher_the_world_is_one_process(monkeypatch):
    monkeypatch.setattr(process_world, "_world", None)
    monkeypatch.setattr(process_world, "launcher_world", lambda: None)
    assert isinstance(process_world.world(), SingleProcess)
    assert (process_world.rank(), process_world.num_processes()) == (0, 1)
    assert process_world.world() is process_world.world()


def test_a_launcher_without_mpi4py_is_an_error_naming_the_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "mpi4py", None)  # makes `from mpi4py import MPI` fail
    with pytest.raises(MPINotInstalledError) as raised:
        connect(2)
    assert raised.value.code == "EQ831" and "eqsim[mpi]" in raised.value.hint


def test_a_world_smaller_than_the_launcher_started_is_refused():
    # mpiexec of one MPI, mpi4py of another: each process would be rank 0 of 1
    with pytest.raises(MPIWorldMismatchError, match="started 2 processes but MPI sees 1"):
        check_world_size(2, 1)
    check_world_size(2, 2)
    check_world_size(None, 1)
