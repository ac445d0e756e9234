"""A process knows from its environment alone whether an MPI launcher started it; a plain
``python script.py`` runs on one process and never imports mpi4py."""
import subprocess
import sys
from pathlib import Path

import pytest

from eqsim.distributed.detect import LAUNCHER_VARIABLES, launcher_world, started_under_mpiexec

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("environ,world", [
    ({"PMI_RANK": "1", "PMI_SIZE": "3", "HYDI_CONTROL_FD": "7"}, (1, 3)),          # MPICH hydra
    ({"OMPI_COMM_WORLD_RANK": "0", "OMPI_COMM_WORLD_SIZE": "2"}, (0, 2)),          # Open MPI
    ({"PMIX_RANK": "2"}, (2, None)),                                               # PMIx, srun
    ({"MV2_COMM_WORLD_RANK": "1", "MV2_COMM_WORLD_SIZE": "4"}, (1, 4)),            # MVAPICH2
])
def test_each_launchers_environment_gives_rank_and_size(environ, world):
    assert launcher_world(environ) == world
    assert started_under_mpiexec(environ)


@pytest.mark.parametrize("environ", [{}, {"PATH": "/usr/bin", "SLURM_PROCID": "0"},
                                     {"PMI_RANK": "", "PMI_SIZE": "two"}])
def test_no_launcher_variables_means_not_started_under_mpiexec(environ):
    assert launcher_world(environ) is None
    assert not started_under_mpiexec(environ)


def test_plain_python_runs_on_one_process_without_importing_mpi4py():
    script = (
        "import sys, eqsim\n"
        "from eqsim.distributed import num_processes, rank, world\n"
        "comm = world()\n"
        "spikes = comm.exchange_spikes([[3, 5], []])\n"
        "print(type(comm).__name__, rank(), num_processes(), [s.tolist() for s in spikes],\n"
        "      comm.allgather_array([1.5]).tolist(), comm.broadcast('x'),\n"
        "      sorted(m for m in sys.modules if m.startswith('mpi4py')))\n")
    launcher = {name for pair in LAUNCHER_VARIABLES for name in pair}
    environment = {k: v for k, v in __import__("os").environ.items() if k not in launcher}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT, env=environment, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == "SingleProcess 0 1 [[3, 5], []] [1.5] x []"
