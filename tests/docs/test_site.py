"""The documentation site builds from docs/ with Sphinx, warnings as errors, and holds every
page it promises: the user guide, the notebooks (rendered as stored, not executed), the API
reference, the error catalogue and the differences list.

One build (module-scoped, ~15 s of CPU) serves every check. Without the `docs` extra the build
is skipped locally and fails under CI (CI=true), so that a CI without the tools cannot pass
silently."""
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GUIDE_PAGES = ["equations", "integration", "synapses", "connectivity", "inputs", "monitors",
               "running", "units", "large_networks", "threads", "mpi", "models", "results"]
BUILD_TIMEOUT_SECONDS = 600


def missing_docs_tools():
    return [name for name in ("sphinx", "myst_nb") if importlib.util.find_spec(name) is None]


def require_docs_tools():
    """Skip without the docs extra, but fail under CI: a CI without it must not pass."""
    missing = missing_docs_tools()
    if missing:
        message = f"the docs extra is not installed (missing {', '.join(missing)}): pip install '.[docs]'"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The folder of the built HTML site (``python -m sphinx -W -b html docs <folder>``)."""
    require_docs_tools()
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, MPLBACKEND="Agg")
    result = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b",
                             "html", "-d", str(out / ".doctrees"), str(DOCS), str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=BUILD_TIMEOUT_SECONDS)
    assert result.returncode == 0, f"sphinx failed:\n{result.stdout}\n{result.stderr}"
    return out


def page_text(site, name):
    path = site / f"{name}.html"
    assert path.is_file(), f"{name}.html was not built"
    return re.sub(r"<[^>]+>", "", path.read_text())


def test_api_reference_page_is_current():
    result = subprocess.run([sys.executable, "docs/make_api_reference.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_site_has_a_user_guide_page_per_capability(site):
    for name in GUIDE_PAGES:
        assert page_text(site, f"guide/{name}").strip()
    assert "mpiexec -n K python script.py" in page_text(site, "guide/mpi")


def test_site_renders_every_notebook_with_its_code_without_outputs(site):
    import nbformat
    for notebook in sorted(DOCS.glob("*.ipynb")):
        text = page_text(site, notebook.stem)
        first_code = next(cell.source for cell in nbformat.read(notebook, as_version=4).cells
                          if cell.cell_type == "code")
        first_line = next(line for line in first_code.splitlines() if line.strip())
        assert first_line.strip().split()[0] in text, notebook.name


def test_api_reference_shows_the_numpydoc_sections_of_public_classes(site):
    text = page_text(site, "api")
    for name in ("NeuronGroup", "Synapses", "SpikeMonitor", "PopulationRateMonitor", "run",
                 "raster", "LifRef"):
        assert f"eqsim.{name}" in text or name in text, name
    assert "Parameters" in text  # napoleon turned numpydoc sections into field lists


def test_site_holds_the_error_catalogue_and_the_differences_list(site):
    assert "EQ201" in page_text(site, "errors")
    readme_section = (ROOT / "README.md").read_text().split("## Differences from Brian2 worth knowing")[1]
    first_words = " ".join(readme_section.split()[1:8])  # after the leading '-'
    shown = " ".join(page_text(site, "differences").split()).replace("\u2019", "'")
    assert first_words.replace("`", "") in shown
    for name in ("brian2_users", "brainpy_users", "examples", "install"):
        assert page_text(site, name).strip()


def test_examples_page_lists_every_example_script():
    listed = (DOCS / "examples.md").read_text()
    scripts = sorted(path.name for path in (ROOT / "examples").glob("*.py")
                     if path.name != "example_args.py")  # the shared command line
    assert len(scripts) >= 12
    assert [name for name in scripts if f"`{name}`" not in listed] == []


def test_missing_docs_tools_fail_under_ci_and_skip_elsewhere(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="docs extra is not installed"):
        require_docs_tools()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match=r"pip install '.\[docs\]'"):
        require_docs_tools()
