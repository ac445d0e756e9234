"""Whether this process was started by an MPI launcher, read from the environment only.

Nothing here imports mpi4py: a plain ``python script.py`` must not start an MPI runtime
(K = 1 is the serial simulator as it always was). Every launcher tells its processes their
rank and the world size in environment variables before Python starts; those are read here.
"""
import os

# (size variable, rank variable) of each launcher family
LAUNCHER_VARIABLES = (
    ("PMI_SIZE", "PMI_RANK"),                          # MPICH's hydra, Intel MPI, PMI-1/PMI-2
    ("OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_RANK"),  # Open MPI's mpirun
    ("PMIX_SIZE", "PMIX_RANK"),                        # PMIx launchers (Open MPI 5, srun --mpi=pmix)
    ("MV2_COMM_WORLD_SIZE", "MV2_COMM_WORLD_RANK"),    # MVAPICH2
)


def launcher_world(environ=None):
    """The ``(rank, size)`` an MPI launcher gave this process, or None when none started it.

    Parameters
    ----------
    environ : mapping, optional
        The environment to read (default: ``os.environ``).

    Returns
    -------
    tuple of (int, int) or None
        ``rank`` (None when the launcher names no rank) and ``size``.
    """
    environ = os.environ if environ is None else environ
    for size_name, rank_name in LAUNCHER_VARIABLES:
        size = _integer(environ.get(size_name))
        rank = _integer(environ.get(rank_name))
        if size is not None or rank is not None:
            return rank, size
    return None


def started_under_mpiexec(environ=None):
    """Whether an MPI launcher (``mpiexec``, ``mpirun``, ``srun``) started this process
    (:func:`launcher_world` of the same ``environ`` is not None)."""
    return launcher_world(environ) is not None


def _integer(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None
