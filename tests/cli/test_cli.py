"""``python -m eqsim``: info, cache and run commands."""
import os
import subprocess
import sys

import pytest

from eqsim import prefs
from eqsim.cli import main
from eqsim.cli.cache_command import folder_size
from eqsim.cli.info import cpu_vector_features, facts
from eqsim.cli.run_script import ScriptNotFoundError
from eqsim.errors import EqsimError

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_info_names_version_compiler_thread_team_mpi_and_cache_folder(capsys):
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    labels = [line.split("  ")[0].strip() for line in out.splitlines()]
    for label in ("eqsim", "compiler", "compile flags", "thread team", "MPI", "cache folder",
                  "CPU vector features", "threads", "default target"):
        assert label in labels
    assert os.environ["EQSIM_CACHE_DIR"] in out
    assert "works" in dict(facts())["thread team"]  # gcc and pthreads are what CI has


def test_info_reports_a_missing_compiler_instead_of_failing(monkeypatch):
    monkeypatch.setattr("eqsim.codegen.compiler.COMPILER", "no-such-compiler-eqsim")
    rows = dict(facts())
    assert "NOT FOUND" in rows["compiler"] and "numpy" in rows["compiler"]
    assert "thread team" not in rows


def test_cpu_vector_features_are_read_from_cpuinfo():
    if os.path.exists("/proc/cpuinfo"):
        assert "sse2" in cpu_vector_features() or "asimd" in cpu_vector_features() \
            or "neon" in cpu_vector_features()


def test_cache_info_and_clear_empty_the_cache_folder(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("EQSIM_CACHE_DIR", str(tmp_path))
    (tmp_path / "module_x").mkdir()
    (tmp_path / "module_x" / "lib.so").write_bytes(b"0" * 1500)
    assert main(["cache"]) == 0
    assert "1.5 KiB in 1 files" in capsys.readouterr().out
    assert main(["cache", "clear"]) == 0
    assert "cleared" in capsys.readouterr().out
    assert folder_size(tmp_path) == (0, 0)


def test_run_sets_target_and_threads_before_the_script_and_passes_its_arguments(tmp_path):
    script = tmp_path / "model.py"
    script.write_text("import sys\nfrom eqsim import prefs\n"
                      "RESULT = (prefs.codegen.target, prefs.codegen.cython.num_threads, sys.argv[1:])\n"
                      "open(sys.argv[1], 'w').write(repr(RESULT))\n")
    out = tmp_path / "out.txt"
    previous = prefs.codegen.target, prefs["codegen.cython.num_threads"]
    try:
        assert main(["run", str(script), "--target", "numpy", "--threads", "2", str(out), "x"]) == 0
        assert out.read_text() == repr(("numpy", 2, [str(out), "x"]))
        prefs.codegen.target = "cython"
        assert main(["run", "--target", "numpy", str(script), str(out), "--", "--threads"]) == 0
    finally:
        prefs.codegen.target, prefs["codegen.cython.num_threads"] = previous
    assert out.read_text() == repr(("numpy", 2, [str(out), "--threads"]))


def test_run_of_a_missing_script_raises_a_clear_error():
    with pytest.raises(ScriptNotFoundError, match="no script") as caught:
        main(["run", "no_such_model.py"])
    assert isinstance(caught.value, EqsimError) and "python -m eqsim run" in caught.value.hint


def test_python_dash_m_eqsim_runs_as_a_program():
    result = subprocess.run([sys.executable, "-m", "eqsim", "cache"], capture_output=True,
                            text=True, cwd=REPO, check=False)
    assert result.returncode == 0 and "cache folder" in result.stdout
