"""The communicator of this process, chosen once from how the process was started.

Plain ``python script.py``: :class:`~eqsim.distributed.communicator.SingleProcess`, and mpi4py
is never imported. Started by ``mpiexec``/``mpirun``/``srun``: the MPI world, with the abort
hook installed so that an uncaught exception on one process ends all of them. MPI can be
initialised only once per process, so the world is made once and kept.
"""
from .communicator import SingleProcess
from .detect import launcher_world
from .failure import install_abort_hook

_world = None


def world():
    """The :class:`~eqsim.distributed.communicator.Communicator` of this run.

    Raises
    ------
    MPINotInstalledError
        Started by an MPI launcher without mpi4py installed.
    MPIWorldMismatchError
        Started by the ``mpiexec`` of another MPI than mpi4py's.
    """
    global _world
    if _world is None:
        launched = launcher_world()
        if launched is None:
            _world = SingleProcess()
        else:
            from .mpi_communicator import connect  # the only path that imports mpi4py
            communicator = connect(launched[1])
            install_abort_hook(communicator)
            _world = communicator
    return _world


def rank():
    """This process's rank, 0 to ``num_processes() - 1`` (0 without MPI); NEST's ``Rank()``."""
    return world().rank


def num_processes():
    """The number of processes of the run (1 without MPI); NEST's ``NumProcesses()``."""
    return world().size
