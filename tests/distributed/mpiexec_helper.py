"""Running a script under ``mpiexec -n K`` for the tests, with a timeout; each process's output.

Not a test module: conftest.py makes fixtures of it. A test skips only when mpi4py is not
installed in this Python, and fails instead when the ``CI`` environment variable is set (CI
installs the ``mpi`` extra, so a skip there would hide a broken installation).
"""
import importlib.util
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


@dataclass
class MPIRun:
    """What one ``mpiexec`` launch gave: exit status, seconds, each rank's stdout and stderr
    (lists in rank order), and the launcher's own output."""
    returncode: int
    seconds: float
    stdout: list
    stderr: list
    launcher: str


def run_alone(script, *args):
    """``python script args`` as one plain process (no launcher), importing this checkout's
    eqsim; its stdout."""
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, str(script), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, check=True, env=environment).stdout


def require_mpi(environ=None):
    """Skip the calling test when mpi4py is not installed; fail it instead under CI."""
    environ = os.environ if environ is None else environ
    if importlib.util.find_spec("mpi4py") is not None:
        return
    message = f"mpi4py is not installed in {sys.executable} (pip install '.[mpi]')"
    if environ.get("CI"):
        pytest.fail(message + ": CI installs the mpi extra, so this is a broken installation")
    pytest.skip(message)


def run_under_mpiexec(script, processes, folder, timeout=30, args=()):
    """Run ``script`` (a path, or Python source) as ``mpiexec -n processes python script args``
    in ``folder``; a launch that outlives ``timeout`` seconds is killed and the test fails."""
    from eqsim.distributed import mpiexec_command
    folder = Path(folder)
    if not Path(str(script)).is_file():
        path = folder / "script.py"
        path.write_text(script)
        script = path
    command = mpiexec_command(processes, HERE / "rank_output.py", folder, script, *args)
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT), os.environ.get("PYTHONPATH", "")]))
    start = time.monotonic()
    # a session of its own: on a hang the whole launch (mpiexec, proxies, ranks) is killed
    launch = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, env=environment, cwd=folder, start_new_session=True)
    try:
        launcher, _ = launch.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(launch.pid, signal.SIGKILL)
        launch.communicate()
        pytest.fail(f"mpiexec -n {processes} did not end within {timeout} s (a hang)")
    seconds = time.monotonic() - start

    def read(rank, suffix):
        path = folder / f"{rank}.{suffix}"
        return path.read_text() if path.exists() else ""
    return MPIRun(launch.returncode, seconds, [read(r, "out") for r in range(processes)],
                  [read(r, "err") for r in range(processes)], launcher)
