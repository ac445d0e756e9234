"""The NEST and ANNarchy rows of benchmarks/run.py are wired consistently (logic only: the
peers' own venvs are not part of the test environment, so nothing is simulated here)."""
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "benchmarks"))

import run  # noqa: E402
from models import SPEC_MODULES, spec_for  # noqa: E402
from runners import run_annarchy, run_nest  # noqa: E402
from runners.measure import model_of  # noqa: E402


def specs():
    import importlib
    return [importlib.import_module(f"models.{name}") for name in SPEC_MODULES]


def test_every_benchmark_a_peer_claims_is_one_of_the_spec_variants_and_translated():
    claimed = 0
    for spec in specs():
        for peer, names in getattr(spec, "PEERS", {}).items():
            assert set(names) <= set(spec.VARIANTS), spec.__name__
            translated = run_nest.TRANSLATIONS if peer == "nest" else run_annarchy.TRANSLATED
            assert model_of(spec) in translated
            claimed += len(names)
    assert claimed >= 2 * 3  # coba, cuba and brunel on both peers at least


def test_scaled_variants_share_their_spec_translation():
    assert model_of(spec_for("coba_x16")[0]) == "coba"


def test_peer_runners_are_called_with_their_scripts_and_annarchy_builds_in_the_cache():
    class Options:
        scale, quick = 1.0, True
    nest = run.runner_command("nest", "coba", Options, "/venv/bin/python", "/tmp/c")
    assert nest[:2] == ["/venv/bin/python", os.path.join(run.BENCH_DIR, "runners", "run_nest.py")]
    annarchy = run.runner_command("annarchy", "brunel", Options, "/v/bin/python", "/tmp/c")
    assert annarchy[-2:] == ["--build-dir", "/tmp/c"] and "--quick" in annarchy


def test_a_peer_runs_with_its_venv_first_on_the_path_and_without_the_checkout():
    env = run.child_environment("nest", "/tmp/c")
    assert "PYTHONPATH" not in env
    assert run.peer_environment(dict(PATH="/usr/bin"), "/work/x-venv/bin/python")["PATH"] \
        .startswith("/work/x-venv/bin" + os.pathsep)


def test_a_missing_peer_interpreter_is_none_not_an_error(monkeypatch):
    monkeypatch.setenv("NEST_PYTHON", "/nonexistent/python")
    assert run.simulator_python("nest", None) is None
