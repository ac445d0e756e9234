"""The MPI tests skip only where mpi4py is genuinely missing, never in CI, and a hanging launch
fails its test instead of blocking the suite."""
import importlib.util

import pytest

from mpiexec_helper import require_mpi, run_under_mpiexec


def test_missing_mpi4py_skips_outside_ci_and_fails_in_ci(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(pytest.skip.Exception, match="mpi4py is not installed"):
        require_mpi({})
    with pytest.raises(pytest.fail.Exception, match="CI installs the mpi extra"):
        require_mpi({"CI": "true"})


def test_a_launch_that_hangs_is_killed_at_the_timeout_and_fails(mpi_installed, tmp_path):
    # a plain script that never ends, without MPI collectives: only the timeout can stop it
    with pytest.raises(pytest.fail.Exception, match="did not end within 1.5 s"):
        run_under_mpiexec("import time\ntime.sleep(600)\n", 2, tmp_path, timeout=1.5)
