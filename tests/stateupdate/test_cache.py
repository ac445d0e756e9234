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
