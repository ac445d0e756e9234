"""The templates' compiled code: made when eqsim is installed, else on first use.

Jinja2 compiles each template into Python code before it renders it (~0.2 s for all of
them), which would come on top of a user's first network build. ``setup.py`` compiles them
once into the installed package (``eqsim/templates/_code``, :func:`compile_all`); at run
time they are looked up there, then in the cache folder, where templates compiled on first
use are kept (a source checkout, a changed template). An entry whose template changed, or
made by another Jinja2 or Python, is not used.

This module imports nothing of eqsim: ``setup.py`` loads it by path, without eqsim's
dependencies.
"""
import hashlib
import os

import jinja2
import jinja2.filters

#: the folder of compiled templates in an installed package, beside ``cython/`` and ``numpy/``
INSTALLED_FOLDER = "_code"
TARGETS = ("cython", "numpy")
#: filters the templates use (the compiler checks their names; eqsim.codegen.templates gives
#: the functions)
FILTERS = ("indent", "ctype")


class TemplateCodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates read from the installed folder, else from (and written to) the
    cache folder. Entries are named by the target folder, the template and the Jinja2
    version, not by the template's path, which differs between the build and the install."""

    def __init__(self, folder, installed=None):
        super().__init__(folder)
        self.installed = None if installed is None else jinja2.FileSystemBytecodeCache(installed)

    def get_cache_key(self, name, filename=None):
        target = os.path.basename(os.path.dirname(filename)) if filename else ""
        return hashlib.sha1(f"{jinja2.__version__}|{target}|{name}".encode()).hexdigest()

    def load_bytecode(self, bucket):
        # each cache checks the entry's magic and the template's checksum: a stale or
        # foreign entry leaves the bucket empty
        for cache in (self.installed, super()):
            if cache is None:
                continue
            try:
                cache.load_bytecode(bucket)
            except Exception:  # a truncated or foreign file: Jinja2 lets pickle errors through
                bucket.reset()
            if bucket.code is not None:
                return


def make_environment(folder, code_cache, filters):
    """A Jinja2 environment for the templates in ``folder`` (one target) with eqsim's
    settings and ``filters`` (name -> function)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True, trim_blocks=False, lstrip_blocks=False,
        bytecode_cache=code_cache)
    env.filters.update(filters)
    return env


def compile_all(template_root, out_folder):
    """Compile every template under ``template_root`` into ``out_folder`` (install time)."""
    os.makedirs(out_folder, exist_ok=True)
    cache = TemplateCodeCache(out_folder)
    # compiling checks only that a filter of each name exists
    placeholders = {name: jinja2.filters.do_indent for name in FILTERS}
    for target in TARGETS:
        folder = os.path.join(template_root, target)
        env = make_environment(folder, cache, placeholders)
        for name in sorted(os.listdir(folder)):
            if name.endswith(".j2"):
                env.get_template(name)
