"""Fixtures of the MPI tests: ``mpi_installed`` and ``mpi_run`` (see mpiexec_helper.py)."""
import pytest

from mpiexec_helper import require_mpi, run_under_mpiexec


@pytest.fixture(scope="session")
def mpi_installed():
    """The ``mpi`` extra (mpi4py, the mpich wheel) is installed: skip otherwise, fail in CI."""
    require_mpi()


@pytest.fixture(scope="session")
def mpi_run(tmp_path_factory, mpi_installed):
    """``mpi_run(script, processes, timeout=30, args=())``: :func:`run_under_mpiexec` in a
    fresh folder; an ``MPIRun`` with each rank's output."""
    def run(script, processes, timeout=30, args=()):
        folder = tmp_path_factory.mktemp(f"mpiexec-{processes}-")
        return run_under_mpiexec(script, processes, folder, timeout, args)
    return run
