"""Sphinx configuration of eqsim's documentation site.

Build it with ``python -m sphinx -W -b html docs docs/_build/html`` (``pip install ".[docs]"``).
Sphinx with myst-nb: Markdown pages and the tutorial notebooks are read by the same parser
(MyST), notebooks are rendered as stored, never executed (tests/docs executes them), and no
pandoc binary is needed. The API reference is autodoc with napoleon (part of Sphinx) reading
the numpydoc docstrings.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # document the checkout, whether or not eqsim is installed

project = "eqsim"
author = "the eqsim developers"
copyright = "the eqsim developers"  # noqa: A001 (Sphinx's name)
from eqsim import __version__ as release  # noqa: E402
version = release

extensions = ["myst_nb", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]

# notebooks: shown as committed (without outputs); tests/docs/test_notebooks.py runs them
nb_execution_mode = "off"
myst_enable_extensions = ["colon_fence", "dollarmath"]
myst_heading_anchors = 3

exclude_patterns = ["_build", "**.ipynb_checkpoints"]

napoleon_google_docstring = False
napoleon_numpy_docstring = True
autodoc_member_order = "bysource"
autodoc_default_options = {"members": False, "show-inheritance": False}
autodoc_typehints = "none"  # the docstrings give types with units

html_theme = "alabaster"  # ships with Sphinx: no theme dependency
html_title = f"eqsim {release}"
html_static_path = []
