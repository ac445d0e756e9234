"""The ``mpiexec`` that belongs to this Python's MPI is found without PATH, or named by
EQSIM_MPIEXEC; a missing one is a clear error."""
import os
import sys
from pathlib import Path

import pytest

from eqsim.distributed import find_mpiexec, mpiexec_command
from eqsim.distributed import launch
from eqsim.errors import MPIExecNotFoundError


def test_eqsim_mpiexec_names_the_launcher(monkeypatch, tmp_path):
    program = tmp_path / "my-mpiexec"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setenv("EQSIM_MPIEXEC", str(program))
    assert find_mpiexec() == program
    assert mpiexec_command(3, "net.py", "--fast")[:3] == [str(program), "-n", "3"]
    assert mpiexec_command(3, "net.py", "--fast")[3:] == [sys.executable, "net.py", "--fast"]


def test_eqsim_mpiexec_naming_no_executable_is_an_error_saying_so(monkeypatch, tmp_path):
    monkeypatch.setenv("EQSIM_MPIEXEC", str(tmp_path / "missing"))
    with pytest.raises(MPIExecNotFoundError, match="EQSIM_MPIEXEC=.*missing.* is not an executable"):
        find_mpiexec()


def test_the_mpich_wheels_launcher_is_found_when_not_on_path(monkeypatch, mpi_installed):
    monkeypatch.delenv("EQSIM_MPIEXEC", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    found = find_mpiexec()
    assert found.name == "mpiexec" and os.access(found, os.X_OK)
    assert found == launch._from_wheel("mpich")


def test_no_launcher_anywhere_is_an_error_with_the_install_command(monkeypatch, tmp_path):
    monkeypatch.delenv("EQSIM_MPIEXEC", raising=False)
    monkeypatch.setattr(launch, "_MPI_WHEELS", ())
    monkeypatch.setattr(launch, "_script_folders", lambda: [str(tmp_path)])
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(MPIExecNotFoundError) as raised:
        find_mpiexec()
    assert raised.value.code == "EQ832"
    assert "eqsim[mpi]" in raised.value.hint and sys.executable in raised.value.hint


def test_a_launcher_in_this_pythons_scripts_folder_is_found(monkeypatch, tmp_path):
    program = Path(tmp_path, "mpiexec")
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.delenv("EQSIM_MPIEXEC", raising=False)
    monkeypatch.setattr(launch, "_MPI_WHEELS", ())
    monkeypatch.setattr(launch, "_script_folders", lambda: [str(tmp_path / "none"), str(tmp_path)])
    monkeypatch.setenv("PATH", "/nonexistent")
    assert find_mpiexec() == program


def test_eqsim_info_names_the_mpiexec_to_use(mpi_installed):
    from eqsim.cli.info import facts
    rows = dict(facts(compile_check=False))
    assert rows["MPI"].startswith("mpi4py ") and f"run with {find_mpiexec()} -n K" in rows["MPI"]
