"""Compiled templates are kept in the cache folder; an entry that is damaged or written by
something else is compiled again, never an error."""
import os

import jinja2

from eqsim.codegen.templates import _TemplateCodeCache, template_root


def _environment(folder):
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(os.path.join(template_root(), "numpy")),
        bytecode_cache=_TemplateCodeCache(str(folder)))
    env.filters["indent"] = lambda text, *args, **kwargs: text
    return env


def test_templates_compile_once_and_load_from_the_cache_folder(tmp_path):
    name = sorted(n for n in os.listdir(os.path.join(template_root(), "numpy"))
                  if n.endswith(".j2"))[0]
    _environment(tmp_path).get_template(name)
    entries = os.listdir(tmp_path)
    assert len(entries) == 1
    loaded = _environment(tmp_path).get_template(name)  # from the entry, not the source
    assert loaded is not None and os.listdir(tmp_path) == entries


def test_a_damaged_template_entry_is_compiled_again(tmp_path):
    name = sorted(n for n in os.listdir(os.path.join(template_root(), "numpy"))
                  if n.endswith(".j2"))[0]
    _environment(tmp_path).get_template(name)
    (entry,) = os.listdir(tmp_path)
    with open(tmp_path / entry, "rb") as handle:
        data = handle.read()
    magic = len(jinja2.bccache.bc_magic)  # then a pickled checksum, then marshalled code
    for damaged in (data[:len(data) // 2], data[:magic] + b"\x80\x04garbage", b""):
        with open(tmp_path / entry, "wb") as handle:
            handle.write(damaged)
        template = _environment(tmp_path).get_template(name)
        assert template.render is not None
