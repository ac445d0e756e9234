"""Integration results are derived once and kept, in memory and on disk, so that a warm
build does not redo the symbolic work; a broken entry is derived again; stochastic
updates (whose draws are numbered per integration) are never shared."""
import glob
import os

import pytest
import sympy

import eqsim.stateupdate as stateupdate
from eqsim.stateupdate import cache, integrate

v, ge, tau, taue = sympy.symbols("v ge tau taue", real=True)
xi = sympy.Symbol("xi", real=True)
COUPLED = {"v": (ge - v) / tau, "ge": -ge / taue}


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("EQSIM_CACHE_DIR", str(tmp_path))
    cache._memory.clear()
    yield tmp_path
    cache._memory.clear()


def _refuse_analysis(monkeypatch):
    def refuse(equations):
        raise AssertionError("derived again")
    monkeypatch.setattr(stateupdate, "analyse", refuse)


def test_same_equations_are_derived_once_then_read_from_disk(private_cache, monkeypatch):
    first = integrate(COUPLED, "exact")
    assert len(glob.glob(os.path.join(private_cache, "stateupdate", "*.pickle"))) == 1
    cache._memory.clear()  # as a new process would start
    _refuse_analysis(monkeypatch)
    assert integrate(COUPLED, "exact") == first


def test_other_method_or_equations_are_not_confused(private_cache):
    exact = integrate(COUPLED, "exact")
    euler = integrate(COUPLED, "euler")
    assert euler[1] == "euler" and euler[0] != exact[0]
    other = integrate({"v": (ge - v) / taue, "ge": -ge / tau}, "exact")
    assert other[0] != exact[0]


def test_broken_entry_is_derived_again(private_cache):
    first = integrate(COUPLED, "exact")
    for path in glob.glob(os.path.join(private_cache, "stateupdate", "*.pickle")):
        with open(path, "wb") as handle:
            handle.write(b"not a pickle")
    cache._memory.clear()
    assert integrate(COUPLED, "exact") == first


def test_stochastic_updates_are_not_kept(private_cache):
    integrate({"v": -v / tau + xi}, "euler")
    assert glob.glob(os.path.join(private_cache, "stateupdate", "*.pickle")) == []


def _entries(folder):
    return glob.glob(os.path.join(folder, "stateupdate", "*.pickle"))


def test_entry_with_flipped_bytes_is_derived_again_not_used(private_cache):
    first = integrate(COUPLED, "exact")
    (path,) = _entries(private_cache)
    with open(path, "rb") as handle:
        data = handle.read()
    assert data.count(b"taue") == 1  # a symbol's name: the flip still unpickles
    with open(path, "wb") as handle:
        handle.write(data.replace(b"taue", b"tauX"))
    cache._memory.clear()
    assert integrate(COUPLED, "exact") == first


def test_entry_of_other_equations_under_this_key_is_derived_again(private_cache):
    first = integrate(COUPLED, "exact")
    (path,) = _entries(private_cache)
    integrate({"v": -v / tau}, "exact")
    (other,) = set(_entries(private_cache)) - {path}
    os.replace(other, path)
    cache._memory.clear()
    assert integrate(COUPLED, "exact") == first


def test_truncated_entry_is_derived_again(private_cache):
    first = integrate(COUPLED, "exact")
    (path,) = _entries(private_cache)
    with open(path, "r+b") as handle:
        handle.truncate(os.path.getsize(path) - 10)
    cache._memory.clear()
    assert integrate(COUPLED, "exact") == first


def test_temporary_files_of_killed_writers_are_removed(private_cache):
    folder = private_cache / "stateupdate"
    folder.mkdir()
    old, recent = folder / "killed.tmp", folder / "writing.tmp"
    old.write_bytes(b"half")
    recent.write_bytes(b"half")
    os.utime(old, (0, 0))
    integrate(COUPLED, "exact")
    assert not old.exists() and recent.exists()


def test_unusable_cache_folder_only_costs_the_derivation(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("EQSIM_CACHE_DIR", str(tmp_path / "file" / "cache"))
    cache._memory.clear()
    assert integrate(COUPLED, "exact")[1] == "exact"
