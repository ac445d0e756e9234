"""The tutorials in docs/ are executable documentation: each notebook must run from top to
bottom in a fresh Jupyter kernel without an error, and is stored without outputs."""
import importlib.util
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO_ROOT / "docs").glob("*.ipynb"))
# A cold run compiles one module per network (a few seconds each); leave room for a busy machine.
CELL_TIMEOUT_SECONDS = 600
# notebooks that need a package of the docs extra (Elephant brings SciPy, ~150 MB): skipped
# where it is not installed, but never under CI, whose install includes the docs extra
NEEDS = {"07_elephant.ipynb": "elephant"}
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def kernel_environment():
    """The environment of the notebook kernel.

    The checkout comes first on PYTHONPATH so that the notebooks document the code under test,
    whether or not eqsim is also pip-installed. EQSIM_CACHE_DIR (set by conftest.py or by CI)
    passes through, so the kernel never builds into the user's cache, and plots go to the
    headless Agg backend.
    """
    env = dict(os.environ)
    paths = [str(REPO_ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["MPLBACKEND"] = "Agg"
    return env


def test_docs_folder_has_tutorial_notebooks():
    assert len(NOTEBOOKS) >= 3, f"expected the tutorial notebooks in {REPO_ROOT / 'docs'}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_without_error(path, tmp_path):
    needed = NEEDS.get(path.name)
    if needed and importlib.util.find_spec(needed) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{path.name} needs {needed}: CI must install the docs extra")
        pytest.skip(f"{path.name} needs {needed} (pip install 'eqsim[docs]')")
    # The notebooks run in a scratch folder holding the data files they read (brian.png).
    for data in path.parent.iterdir():
        if data.is_file() and data.suffix not in (".ipynb", ".md"):
            shutil.copy(data, tmp_path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, kernel_name="python3", timeout=CELL_TIMEOUT_SECONDS,
                            allow_errors=False,
                            resources={"metadata": {"path": str(tmp_path)}})
    try:
        client.execute(env=kernel_environment())
    except CellExecutionError as error:
        # The message quotes the failing cell and its traceback; IPython colours it for a terminal.
        pytest.fail(f"{path.name}: {ANSI_ESCAPE.sub('', str(error))}", pytrace=False)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code_cells and all(cell.execution_count for cell in code_cells), \
        "not every code cell was executed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    with_outputs = [index for index, cell in enumerate(notebook.cells)
                    if cell.cell_type == "code" and (cell.outputs or cell.execution_count)]
    assert not with_outputs, f"clear the outputs of cells {with_outputs} before committing"
