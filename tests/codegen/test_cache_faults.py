"""A damaged compiled-module cache is found and rebuilt, never loaded: truncated or
flipped libraries, another network's library under this name, a missing or foreign hash
record, a library without the expected symbols, leftovers of killed builds, concurrent
processes meeting the same damage, and cache paths gcc could read as options.

Every damaged library is planted at a path this test process has never loaded (a fresh
cache folder per test, files copied, not linked), because the dynamic loader hands back
an already loaded library for a path it has seen."""
import json
import logging
import os
import shutil
import struct
import subprocess
import sys
import time

import numpy as np
import pytest

import eqsim
from cache_fault_model import CONSTANT, simulate
from eqsim.cache_folder import CacheFolderError
from eqsim.codegen import cache_entries, compiler
from eqsim.codegen.module import compiled_network_glue

REPO_ROOT = os.path.dirname(os.path.abspath(list(eqsim.__path__)[0]))
HERE = os.path.dirname(os.path.abspath(__file__))
OTHER_CONSTANT = 2.5


@pytest.fixture(scope="module")
def glue_files():
    """The glue module as a source checkout compiles it into the cache, and its hash
    record, to seed fresh cache folders (building it takes ~20 s)."""
    glue = compiled_network_glue()
    folder = os.path.dirname(os.path.abspath(glue.__file__))
    return [glue.__file__, cache_entries.record_path(folder, glue.__name__)]


@pytest.fixture(scope="module")
def expected():
    """The NumPy target's numbers for the model with ``CONSTANT``."""
    return simulate(CONSTANT, target="numpy")


def seeded_cache(path, glue_files):
    os.makedirs(path, exist_ok=True)
    for file in glue_files:
        if os.path.exists(file):  # (no record before records existed)
            shutil.copy(file, path)
    return str(path)


@pytest.fixture
def use_cache(monkeypatch, glue_files):
    """``use_cache(path)``: make ``path`` (seeded with the glue) this process's cache."""
    def use(path):
        monkeypatch.setenv("EQSIM_CACHE_DIR", seeded_cache(path, glue_files))
        return str(path)
    return use


def built_library(cache, constant=CONSTANT):
    """Build the model in ``cache`` (this process) and return the library's path."""
    before = set(os.listdir(cache))
    simulate(constant)
    (name,) = [f for f in set(os.listdir(cache)) - before
               if f.startswith("eqsim_net_") and f.endswith(".so")]
    return os.path.join(cache, name)


def copy_entry(library, folder):
    """Copy a library, its record and its C source into ``folder`` (new inodes)."""
    stem = os.path.splitext(library)[0]
    for suffix in (".so", ".json", ".c"):
        if os.path.exists(stem + suffix):  # (no record before records existed)
            shutil.copy(stem + suffix, folder)
    return os.path.join(folder, os.path.basename(library))


@pytest.fixture
def planted(tmp_path, use_cache):
    """Build the model in one cache folder, then switch to a second one holding a copy
    of that build, unloaded in this process: the path of the copied library."""
    library = built_library(use_cache(tmp_path / "first"))
    return copy_entry(library, use_cache(tmp_path / "second"))


def assert_verified(library):
    folder, name = os.path.dirname(library), os.path.basename(library).split(".")[0]
    assert cache_entries.problem(folder, name, library) is None


def test_built_library_has_a_hash_record_naming_its_key(planted):
    library = planted
    name = os.path.basename(library)[:-len(".so")]
    with open(cache_entries.record_path(os.path.dirname(library), name)) as handle:
        record = json.load(handle)
    assert record["key"] == name and record["sha256"] == cache_entries.file_digest(library)
    assert_verified(library)
    with open(library, "ab") as handle:
        handle.write(b"\0")
    with pytest.raises(AssertionError):
        assert_verified(library)


def test_truncated_library_is_rebuilt_and_gives_the_numpy_numbers(planted, expected, caplog):
    library = planted
    with open(library, "r+b") as handle:
        handle.truncate(os.path.getsize(library) // 2)
    with caplog.at_level(logging.WARNING, logger="eqsim.codegen.cache_entries"):
        np.testing.assert_allclose(simulate(), expected, rtol=1e-12)
    assert "discarding it and rebuilding" in caplog.text
    assert_verified(library)


def test_flipped_bytes_in_a_library_are_rebuilt_not_run(planted, expected, caplog):
    # the constant's mantissa, so that the damaged library loads and computes other numbers
    library = planted
    data = bytearray(open(library, "rb").read())
    pattern = struct.pack("<d", CONSTANT)
    start = data.find(pattern)
    assert start >= 0
    while start >= 0:
        data[start + 3] ^= 0x40
        start = data.find(pattern, start + 1)
    with open(library, "wb") as handle:
        handle.write(data)
    with caplog.at_level(logging.WARNING, logger="eqsim.codegen.cache_entries"):
        np.testing.assert_allclose(simulate(), expected, rtol=1e-12)
    assert "damaged or replaced" in caplog.text


@pytest.mark.parametrize("copied", ["library", "library and record", "library, no record"])
def test_another_networks_library_under_this_name_is_rebuilt(planted, tmp_path, use_cache,
                                                             expected, copied):
    library = planted
    other = built_library(use_cache(tmp_path / "other"), OTHER_CONSTANT)
    shutil.copy(other, library)
    record = cache_entries.record_path(os.path.dirname(library), os.path.basename(library)[:-3])
    if copied == "library and record":
        shutil.copy(os.path.splitext(other)[0] + ".json", record)
    elif copied == "library, no record" and os.path.exists(record):
        os.remove(record)
    use_cache(os.path.dirname(library))
    np.testing.assert_allclose(simulate(), expected, rtol=1e-12)
    assert_verified(library)


def plant_vouched_library(library, tmp_path):
    """Put a library that exports nothing eqsim needs at ``library``, with a record
    vouching for it: only loading it can tell."""
    fake_c = tmp_path / "fake.c"
    fake_c.write_text("int eqsim_not_a_network = 1;\n")
    subprocess.run(["gcc", "-shared", "-fPIC", str(fake_c), "-o", str(tmp_path / "fake.so")],
                   check=True)
    shutil.copy(tmp_path / "fake.so", library)
    folder, name = os.path.dirname(library), os.path.basename(library).split(".")[0]
    os.replace(cache_entries.write_record(str(tmp_path), name, library, "fake"),
               cache_entries.record_path(folder, name))
    assert_verified(library)


def test_library_that_passes_its_check_but_lacks_the_symbols_is_rebuilt(planted, tmp_path,
                                                                        expected, caplog):
    library = planted
    plant_vouched_library(library, tmp_path)
    with caplog.at_level(logging.WARNING, logger="eqsim.codegen.cache_entries"):
        np.testing.assert_allclose(simulate(), expected, rtol=1e-12)
    assert "does not load" in caplog.text
    assert_verified(library)


def run_in_subprocess(cache, *, cwd=None, env=None):
    environment = dict(os.environ, EQSIM_CACHE_DIR=cache, EQSIM_TARGET="cython",
                       PYTHONPATH=os.pathsep.join([REPO_ROOT, HERE]), **(env or {}))
    environment.pop("EQSIM_NUM_THREADS", None)
    return subprocess.Popen([sys.executable, os.path.join(HERE, "cache_fault_model.py"),
                             repr(CONSTANT)], cwd=cwd, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process, timeout=180):
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    return np.array(json.loads(out.strip().splitlines()[-1])), err


def test_two_processes_meeting_a_damaged_library_both_get_the_right_numbers(planted,
                                                                            expected):
    library = planted
    with open(library, "r+b") as handle:
        handle.truncate(100)
    processes = [run_in_subprocess(os.path.dirname(library)) for _ in range(2)]
    results = [finished(process) for process in processes]
    for values, _ in results:
        np.testing.assert_allclose(values, expected, rtol=1e-12)
    # the first to take the lock rebuilds; the other finds the rebuilt library verified
    assert sum("discarding it and rebuilding" in err for _, err in results) == 1
    assert_verified(library)
    assert not [e for e in os.listdir(os.path.dirname(library)) if e.startswith(".build-")]


SMALL_SOURCE = "def answer():\n    return 42\n"


@pytest.fixture(scope="module")
def small_module_files(tmp_path_factory):
    """A small Cython module built by load_module (the glue's path, in seconds): its
    library and record."""
    folder = tmp_path_factory.mktemp("small_module")
    previous = os.environ["EQSIM_CACHE_DIR"]
    os.environ["EQSIM_CACHE_DIR"] = str(folder)
    try:
        assert compiler.load_module(SMALL_SOURCE, name_hint="faulty").answer() == 42
    finally:
        os.environ["EQSIM_CACHE_DIR"] = previous
    return [str(folder / f) for f in os.listdir(folder) if f.startswith("faulty_")]


@pytest.mark.parametrize("damage", ["truncated", "vouched-for library without the module"])
def test_damaged_cython_module_is_rebuilt_in_a_new_process(tmp_path, small_module_files,
                                                           damage):
    cache = seeded_cache(tmp_path / "cache", small_module_files)
    (module,) = [f for f in small_module_files if f.endswith(".so")]
    module = os.path.join(cache, os.path.basename(module))
    if damage == "truncated":
        with open(module, "r+b") as handle:
            handle.truncate(os.path.getsize(module) // 3)
    else:
        plant_vouched_library(module, tmp_path)
    script = ("import logging; logging.basicConfig()\n"
              "from eqsim.codegen import compiler\n"
              f"print(compiler.load_module({SMALL_SOURCE!r}, name_hint='faulty').answer())\n")
    again = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           env=dict(os.environ, EQSIM_CACHE_DIR=cache, PYTHONPATH=REPO_ROOT),
                           timeout=180)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "42"
    assert "rebuilding" in again.stderr
    assert_verified(module)


def test_glue_module_compiled_into_the_cache_is_verified(glue_files):
    assert_verified(glue_files[0])


def make_leftover(folder, name, age):
    path = os.path.join(folder, f".build-{name}-k1ll3d")
    os.makedirs(path)
    with open(os.path.join(path, name + ".c"), "w") as handle:
        handle.write("/* half a build */\n")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_leftovers_of_killed_builds_are_removed_but_builds_in_progress_are_not(
        tmp_path, use_cache, expected):
    cache = use_cache(tmp_path / "cache")
    killed = make_leftover(cache, "eqsim_net_00000000000000aa", 3600)
    recent = make_leftover(cache, "eqsim_net_00000000000000bb", 10)
    busy = make_leftover(cache, "eqsim_net_00000000000000cc", 3600)
    lock = cache_entries.lock_path(cache, "eqsim_net_00000000000000cc")
    os.makedirs(os.path.dirname(lock), exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys, time\n"
         "handle = open(sys.argv[1], 'a'); fcntl.flock(handle, fcntl.LOCK_EX)\n"
         "print('locked', flush=True); time.sleep(120)\n", lock],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        np.testing.assert_allclose(simulate(), expected, rtol=1e-12)  # builds: sweeps
    finally:
        holder.kill()
        holder.wait()
    assert not os.path.exists(killed)
    assert os.path.exists(recent) and os.path.exists(busy)


@pytest.mark.parametrize("folder", ["-Dx", "-Dq \"quoted\" dir's"])
def test_cache_folder_named_like_a_compiler_option_works(tmp_path, glue_files, expected,
                                                         folder):
    seeded_cache(tmp_path / folder, glue_files)
    values, err = finished(run_in_subprocess(folder, cwd=tmp_path))
    np.testing.assert_allclose(values, expected, rtol=1e-12)
    assert [f for f in os.listdir(tmp_path / folder) if f.startswith("eqsim_net_")]


def test_cache_folder_that_cannot_hold_locks_is_a_clear_error(tmp_path, use_cache):
    cache = use_cache(tmp_path / "cache")
    open(os.path.join(cache, "locks"), "w").close()  # a file where the lock folder goes
    with pytest.raises(CacheFolderError) as info:
        simulate()
    assert cache in str(info.value) and "EQSIM_CACHE_DIR" in str(info.value)


def test_cache_entry_that_cannot_be_replaced_is_a_clear_error(planted):
    # a damaged library, and a folder where its hash record goes: it cannot be discarded
    library = planted
    with open(library, "r+b") as handle:
        handle.truncate(100)
    record = cache_entries.record_path(os.path.dirname(library),
                                       os.path.basename(library)[:-len(".so")])
    os.remove(record)
    os.makedirs(os.path.join(record, "inside"))
    with pytest.raises(CacheFolderError) as info:
        simulate()
    assert os.path.dirname(library) in str(info.value) and "EQSIM_CACHE_DIR" in str(info.value)
