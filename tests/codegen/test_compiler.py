"""Compile-and-cache: building, reusing, concurrent builds, errors."""
import os
import subprocess
import sys
import textwrap
import uuid

import pytest

import eqsim
from eqsim.codegen import compiler
from eqsim.errors import CompilationError

REPO_ROOT = os.path.dirname(os.path.abspath(list(eqsim.__path__)[0]))

SMALL_SOURCE = '''
from libc.math cimport isnan

def add(double a, double b):
    return a + b

def is_nan(double x):
    return bool(isnan(x))

def scale(size_t addr, Py_ssize_t n, double factor):
    cdef double* values = <double*>addr
    cdef Py_ssize_t i
    for i in range(n):
        values[i] *= factor
'''

# Loads a module in a fresh process; refuses to build when asked to prove a cache hit.
LOADER = textwrap.dedent('''
    import sys, time
    from eqsim.codegen import compiler
    source, mode, marker_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    real_build = compiler._build
    def watched_build(*args):
        if mode == "no-build":
            raise AssertionError("rebuilt a cached module")
        import os, uuid
        open(os.path.join(marker_dir, uuid.uuid4().hex), "w").close()
        return real_build(*args)
    compiler._build = watched_build
    start = time.perf_counter()
    module = compiler.load_module(source, name_hint="subprocess_test")
    print(module.add(2.0, 3.0), time.perf_counter() - start)
''')


@pytest.fixture
def cache(tmp_path, monkeypatch):
    path = tmp_path / "cache"
    monkeypatch.setenv("EQSIM_CACHE_DIR", str(path))
    return path


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("shared_cache")


@pytest.fixture
def small_module(shared_cache, monkeypatch):
    monkeypatch.setenv("EQSIM_CACHE_DIR", str(shared_cache))
    return compiler.load_module(SMALL_SOURCE, name_hint="small")


def run_loader(source, mode, marker_dir, cache_path):
    env = dict(os.environ, EQSIM_CACHE_DIR=str(cache_path),
               PYTHONPATH=REPO_ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-c", LOADER, source, mode, str(marker_dir)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_built_module_runs_and_is_named_after_the_hint(small_module):
    import numpy as np
    assert small_module.add(1.5, 2.25) == 3.75
    values = np.arange(4.0)
    small_module.scale(values.ctypes.data, values.size, 2.0)
    assert values.tolist() == [0.0, 2.0, 4.0, 6.0]
    assert small_module.__name__.startswith("small_")
    assert len(small_module.__name__) == len("small_") + 16


def test_nan_checks_survive_the_fast_math_flags(small_module):
    assert small_module.is_nan(float("nan"))
    assert not small_module.is_nan(1.0)


def test_loading_a_module_keeps_subnormal_floats_in_the_process(small_module):
    # -ffast-math on the link line would set flush-to-zero for the whole process.
    smallest_normal = 2.2250738585072014e-308
    assert smallest_normal / 4 > 0.0


def test_second_load_in_process_returns_the_same_module(small_module):
    assert compiler.load_module(SMALL_SOURCE, name_hint="small") is small_module


def test_cached_module_loads_in_a_new_process_without_rebuilding(shared_cache, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setenv("EQSIM_CACHE_DIR", str(shared_cache))
    compiler.load_module(SMALL_SOURCE, name_hint="subprocess_test")
    built = [f for f in os.listdir(shared_cache)
             if f.startswith("subprocess_test_") and f.endswith(".so")]
    assert len(built) == 1
    mtime = os.path.getmtime(shared_cache / built[0])
    second = run_loader(SMALL_SOURCE, "no-build", tmp_path, shared_cache)
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    result, _ = out.split()
    assert float(result) == 5.0  # no rebuild: the mtime below; load time is not a test's job
    assert os.path.getmtime(shared_cache / built[0]) == mtime


def test_two_processes_building_the_same_source_both_succeed_with_one_build(cache, tmp_path):
    source = SMALL_SOURCE + f"\n# unique {uuid.uuid4().hex}\n"
    markers = tmp_path / "builds"
    markers.mkdir()
    processes = [run_loader(source, "build", markers, cache) for _ in range(2)]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert float(out.split()[0]) == 5.0
    assert len(os.listdir(markers)) == 1
    assert not [entry for entry in os.listdir(cache) if entry.startswith(".build-")]


def test_cython_syntax_error_raises_compilation_error_and_keeps_source(cache):
    with pytest.raises(CompilationError) as info:
        compiler.load_module("def broken(:\n    pass\n", name_hint="broken")
    error = info.value
    assert error.code == "EQ410"
    assert "Cython rejected" in error.message
    assert "Expected" in error.message or "Syntax" in error.message
    kept = os.listdir(cache / "failed")
    assert len(kept) == 1 and kept[0].endswith(".pyx")
    assert str(cache / "failed" / kept[0]) in str(error)
    assert not [f for f in os.listdir(cache) if f.endswith(".so")]
    assert not [f for f in os.listdir(cache) if f.startswith(".build-")]


def test_c_compiler_error_names_the_missing_header(cache):
    source = ('cdef extern from "no_such_header_eqsim.h":\n    int value\n\n'
              'def f():\n    return value\n')
    with pytest.raises(CompilationError) as info:
        compiler.load_module(source, name_hint="missing_header")
    assert "gcc failed" in info.value.message
    assert "no_such_header_eqsim.h" in info.value.message
    assert {os.path.splitext(f)[1] for f in os.listdir(cache / "failed")} == {".pyx", ".c"}


def test_included_header_contents_are_part_of_the_cache_key(cache, tmp_path):
    include = tmp_path / "include"
    include.mkdir()
    source = 'cdef extern from "answer.h":\n    int ANSWER\n\ndef answer():\n    return ANSWER\n'
    (include / "answer.h").write_text("#define ANSWER 41\n")
    first = compiler.load_module(source, name_hint="answer", include_dirs=[str(include)])
    (include / "answer.h").write_text("#define ANSWER 42\n")
    second = compiler.load_module(source, name_hint="answer", include_dirs=[str(include)])
    assert (first.answer(), second.answer()) == (41, 42)
    assert first.__name__ != second.__name__


def test_compile_flags_are_part_of_the_cache_key(cache):
    source = "def flag():\n    return 1\n"
    plain = compiler._module_name(source, "m", (), (), 3)
    assert compiler._module_name(source, "m", (), ("-DX=1",), 3) != plain
    assert compiler._module_name(source, "m", (), (), 2) != plain
    assert compiler._module_name(source + " ", "m", (), (), 3) != plain
    assert compiler._module_name(source, "m", (), (), 3) == plain


def test_name_hint_must_be_an_identifier(cache):
    with pytest.raises(ValueError):
        compiler.load_module("x = 1\n", name_hint="not-valid")


def test_cache_dir_honours_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("EQSIM_CACHE_DIR", str(tmp_path / "explicit"))
    assert compiler.cache_dir() == str(tmp_path / "explicit")
    monkeypatch.delenv("EQSIM_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert compiler.cache_dir() == str(tmp_path / "xdg" / "eqsim")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert compiler.cache_dir() == str(tmp_path / "home" / ".cache" / "eqsim")
    assert os.path.isdir(tmp_path / "home" / ".cache" / "eqsim")


def test_clear_cache_removes_built_modules(cache):
    module = compiler.load_module("def one():\n    return 1\n", name_hint="to_clear")
    assert module.one() == 1
    assert any(f.startswith("to_clear_") for f in os.listdir(cache))
    compiler.clear_cache()
    assert os.listdir(cache) == []


PARTS_SOURCE = """
#include <stdint.h>
__attribute__((visibility("hidden"))) int part_one_value(void);
#if !defined(EQSIM_PART) || EQSIM_PART == 0
__attribute__((visibility("default"))) int answer(void) { return part_one_value() + 1; }
#endif
#if !defined(EQSIM_PART) || EQSIM_PART == 1
__attribute__((visibility("hidden"))) int part_one_value(void) { return 41; }
#endif
"""


@pytest.mark.parametrize("parts", [1, 2])
def test_a_library_compiled_in_parts_links_them_into_one(cache, parts):
    import ctypes
    path = compiler.build_library(PARTS_SOURCE, name_hint="parts", parts=parts)
    assert ctypes.CDLL(path).answer() == 42
    assert not [f for f in os.listdir(cache) if f.endswith(".o")]


def test_a_compile_error_in_one_part_raises_with_gcc_s_message_and_builds_nothing(cache):
    source = PARTS_SOURCE + "#if EQSIM_PART == 1\nint broken_in_part_one( {\n#endif\n"
    with pytest.raises(CompilationError) as info:
        compiler.build_library(source, name_hint="broken_part", parts=2)
    assert "gcc failed" in info.value.message
    assert "broken_in_part_one" in info.value.message
    assert not [f for f in os.listdir(cache) if f.endswith((".so", ".o"))]


def test_optional_flags_gcc_does_not_know_are_left_out(cache, monkeypatch):
    monkeypatch.setattr(compiler, "OPTIONAL_FLAGS",
                        (("--param", "vect-epilogues-nomask=0"),
                         ("--param", "eqsim-no-such-param=1")))
    compiler._optional_flags.cache_clear()
    try:
        assert compiler._optional_flags() == ("--param", "vect-epilogues-nomask=0")
        import ctypes
        path = compiler.build_library(PARTS_SOURCE, name_hint="optional_flags", parts=2)
        assert ctypes.CDLL(path).answer() == 42
    finally:
        compiler._optional_flags.cache_clear()
