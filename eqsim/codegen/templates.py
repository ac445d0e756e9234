"""Locate and load the Jinja2 templates (installed as ``eqsim.templates``)."""
import functools
import os

import jinja2

from .template_code import INSTALLED_FOLDER, TemplateCodeCache, make_environment


def template_root():
    """The folder holding ``cython/`` and ``numpy/`` templates.

    Installed packages carry them as ``eqsim/templates``; in a source checkout
    they sit at the top level next to the package.
    """
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for candidate in (os.path.join(here, "templates"),
                      os.path.join(os.path.dirname(here), "templates")):
        if os.path.isdir(os.path.join(candidate, "cython")):
            return candidate
    raise FileNotFoundError("eqsim templates not found; reinstall eqsim")


def _indent(text, width=4, first=False, blank=False):
    """Jinja2's ``indent``, except that an empty block stays empty: the built-in filter
    turns ``''`` into a line of spaces when ``first`` is set, which pushed the next block
    one level too deep (an IndentationError in NumPy pathway code without loads)."""
    if not text:
        return text
    return jinja2.filters.do_indent(text, width, first, blank)


def _template_code_cache():
    """Compiled templates: the package's own (install time), else the cache folder's."""
    from ..cache_folder import cache_dir
    installed = os.path.join(template_root(), INSTALLED_FOLDER)
    installed = installed if os.path.isdir(installed) else None
    try:
        folder = os.path.join(cache_dir(), "templates")
        os.makedirs(folder, exist_ok=True)
    except Exception:  # no usable cache folder: compiling a library reports it
        return None
    return TemplateCodeCache(folder, installed)


@functools.lru_cache(maxsize=None)
def environment(target):
    """A Jinja2 environment for one target folder (``cython`` or ``numpy``)."""
    filters = {"indent": _indent}
    if target == "cython":
        from .c_types import c_type
        filters["ctype"] = c_type
    return make_environment(os.path.join(template_root(), target), _template_code_cache(),
                            filters)
