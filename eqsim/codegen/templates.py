"""Locate and load the Jinja2 templates (installed as ``eqsim.templates``)."""
import functools
import os

import jinja2


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


class _TemplateCodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates in the cache folder (next to the libraries eqsim loads, so no new
    trust): a process's first network then renders without compiling the templates again
    (~0.15 s of every cold and warm build). A damaged entry is compiled again."""

    def load_bytecode(self, bucket):
        try:
            super().load_bytecode(bucket)
        except Exception:  # a truncated or foreign file: Jinja2 lets pickle errors through
            bucket.reset()


def _template_code_cache():
    from ..cache_folder import cache_dir
    try:
        folder = os.path.join(cache_dir(), "templates")
        os.makedirs(folder, exist_ok=True)
    except Exception:  # no usable cache folder: compiling a library reports it
        return None
    return _TemplateCodeCache(folder)


@functools.lru_cache(maxsize=None)
def environment(target):
    """A Jinja2 environment for one target folder (``cython`` or ``numpy``)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(os.path.join(template_root(), target)),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        trim_blocks=False, lstrip_blocks=False, bytecode_cache=_template_code_cache())
    env.filters["indent"] = _indent
    if target == "cython":
        from .c_types import c_type
        env.filters["ctype"] = c_type
    return env
