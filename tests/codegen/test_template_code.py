"""Compiled templates: made at install time into the package, else on first use into the
cache folder. An entry that is damaged, stale (its template changed) or made by another
Jinja2 is compiled again, never an error and never used."""
import os

import jinja2
import pytest

from eqsim.codegen import template_code
from eqsim.codegen.template_code import (TARGETS, TemplateCodeCache, compile_all,
                                         make_environment)
from eqsim.codegen.templates import template_root

FILTERS = {"indent": lambda text, *args, **kwargs: text, "ctype": str}


def _environment(folder, installed=None, root=None, target="numpy"):
    os.makedirs(folder, exist_ok=True)
    return make_environment(os.path.join(root or template_root(), target),
                            TemplateCodeCache(str(folder), installed and str(installed)),
                            FILTERS)


def _first_template(target="numpy"):
    return sorted(n for n in os.listdir(os.path.join(template_root(), target))
                  if n.endswith(".j2"))[0]


def _refuse(*args, **kwargs):
    raise AssertionError("a template was compiled")


@pytest.fixture
def tiny_root(tmp_path):
    root = tmp_path / "templates"
    for target in TARGETS:
        (root / target).mkdir(parents=True)
        (root / target / "a.j2").write_text("old {{ x }}")
    return root


def test_templates_compile_once_and_load_from_the_cache_folder(tmp_path):
    name = _first_template()
    _environment(tmp_path).get_template(name)
    entries = os.listdir(tmp_path)
    assert len(entries) == 1
    loaded = _environment(tmp_path).get_template(name)  # from the entry, not the source
    assert loaded is not None and os.listdir(tmp_path) == entries


def test_a_damaged_template_entry_is_compiled_again(tmp_path):
    name = _first_template()
    _environment(tmp_path).get_template(name)
    (entry,) = os.listdir(tmp_path)
    data = (tmp_path / entry).read_bytes()
    magic = len(jinja2.bccache.bc_magic)  # then a pickled checksum, then marshalled code
    for damaged in (data[:len(data) // 2], data[:magic] + b"\x80\x04garbage", b""):
        (tmp_path / entry).write_bytes(damaged)
        template = _environment(tmp_path).get_template(name)
        assert template.render is not None


def test_every_template_of_both_targets_loads_from_the_install_time_code(
        tmp_path, monkeypatch):
    installed = tmp_path / "installed"
    compile_all(template_root(), str(installed))
    monkeypatch.setattr(jinja2.Environment, "compile", _refuse)
    for target in TARGETS:
        env = _environment(tmp_path / "cache", installed, target=target)
        names = [n for n in os.listdir(os.path.join(template_root(), target)) if n.endswith(".j2")]
        assert names
        for name in names:
            assert env.get_template(name) is not None


def test_install_time_code_is_used_without_compiling(tmp_path, tiny_root, monkeypatch):
    installed, cache = tmp_path / "installed", tmp_path / "cache"
    compile_all(str(tiny_root), str(installed))
    assert len(os.listdir(installed)) == len(TARGETS)
    compiled = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda self, *a, **k: compiled.append(a) or real(self, *a, **k))
    for target in TARGETS:
        env = _environment(cache, installed, tiny_root, target)
        assert env.get_template("a.j2").render(x=1) == "old 1"
    assert compiled == [] and not os.listdir(cache)


def test_a_template_changed_after_the_install_is_compiled_again(tmp_path, tiny_root):
    installed, cache = tmp_path / "installed", tmp_path / "cache"
    compile_all(str(tiny_root), str(installed))
    (tiny_root / "cython" / "a.j2").write_text("new {{ x }}")
    env = _environment(cache, installed, tiny_root, "cython")
    assert env.get_template("a.j2").render(x=2) == "new 2"
    assert len(os.listdir(cache)) == 1  # the new code, kept in the cache folder


def test_code_made_by_another_jinja2_is_not_used(tmp_path, tiny_root, monkeypatch):
    installed, cache = tmp_path / "installed", tmp_path / "cache"
    compile_all(str(tiny_root), str(installed))
    monkeypatch.setattr(jinja2, "__version__", "0.0-other")
    env = _environment(cache, installed, tiny_root, "numpy")
    assert env.get_template("a.j2").render(x=3) == "old 3"
    assert len(os.listdir(cache)) == 1  # compiled here: the installed entry has another key
