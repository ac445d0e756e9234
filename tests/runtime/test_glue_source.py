"""The installed network glue is used only while it was compiled from the source beside it
(eqsim/runtime/glue_source.py): an editable install's glue, compiled at ``pip install``,
must not drive libraries rendered from a checkout that has moved on since."""
import importlib
import os
import shutil

from eqsim.codegen import module
from eqsim.runtime import glue_source


def _installed_glue():
    try:
        return importlib.import_module("eqsim.runtime.network_glue")
    except ImportError:  # a source checkout: nothing compiled at install
        return None


def test_the_glue_in_use_was_compiled_from_the_source_beside_it():
    installed = _installed_glue()
    if installed is None:
        assert module.network_glue().__name__.startswith("eqsim_network_glue")
    else:
        assert installed.SOURCE_DIGEST == glue_source.source_digest()
        assert glue_source.current_installed_glue() is installed
        assert module.network_glue() is installed


def test_the_digest_follows_every_header_and_the_glue_source_only(tmp_path):
    folder = tmp_path / "runtime"
    shutil.copytree(glue_source.FOLDER, folder,
                    ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.c"))
    first = glue_source.source_digest(str(folder))
    assert first == glue_source.source_digest()
    (folder / "random.py").write_text("# not compiled into the glue\n")
    assert glue_source.source_digest(str(folder)) == first
    with open(folder / "eqsim_team_threads.h", "a") as handle:
        handle.write("\n/* changed */\n")
    changed = glue_source.source_digest(str(folder))
    assert changed != first
    (folder / "eqsim_new.h").write_text("/* a new header */\n")
    assert glue_source.source_digest(str(folder)) not in (first, changed)
    with open(folder / "network_glue.pyx", "a") as handle:
        handle.write("\n# changed\n")
    assert len({first, changed, glue_source.source_digest(str(folder))}) == 3


def test_a_glue_compiled_from_other_source_gives_way_to_the_checkout_s(monkeypatch):
    # as after `git pull` in an editable install without `pip install -e .` again
    monkeypatch.setattr(glue_source, "source_digest", lambda folder=None: "0" * 32)
    assert glue_source.current_installed_glue() is None
    monkeypatch.setattr(module, "_GLUE", None)
    glue = module.network_glue()
    assert glue.__name__.startswith("eqsim_network_glue")
    assert os.path.dirname(os.path.abspath(glue.__file__)) != glue_source.FOLDER
    assert hasattr(glue, "NetworkLibrary")
