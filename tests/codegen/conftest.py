"""Fixtures of the code generation tests."""
import ctypes

import pytest

import eqsim.codegen.compiler as compiler
from eqsim import prefs


@pytest.fixture
def ieee_strict_compiler(monkeypatch, tmp_path):
    """Compiled code built without the fast-math flags (no reassociation, reciprocals,
    FMA contraction or sign-of-zero shortcuts) and with glibc's scalar functions instead
    of libmvec: then it must compute exactly what the NumPy target computes. Built in a
    cache folder of its own (the flags are not part of the cache key); -O1, because in
    strict IEEE mode optimisation does not change results and it builds faster."""
    strict = tuple(flag for flag in compiler.BASE_FLAGS if flag not in compiler.FLOAT_FLAGS)
    monkeypatch.setattr(compiler, "BASE_FLAGS", strict + ("-ffp-contract=off", "-O1"))
    monkeypatch.setenv("EQSIM_CACHE_DIR", str(tmp_path))
    previous = prefs["codegen.cython.vector_math"], prefs["codegen.target"]
    prefs["codegen.cython.vector_math"] = False
    yield
    prefs["codegen.cython.vector_math"], prefs["codegen.target"] = previous


@pytest.fixture
def two_threads():
    """The C target with a team of two threads."""
    previous = prefs["codegen.target"], prefs["codegen.cython.num_threads"]
    prefs["codegen.target"], prefs["codegen.cython.num_threads"] = "cython", 2
    yield
    prefs["codegen.target"], prefs["codegen.cython.num_threads"] = previous


@pytest.fixture
def run_switching():
    """``run_switching(net, duration, alternate)``: build ``net``'s library, then run it
    for ``duration`` switching between one thread and the team every ``alternate`` steps
    (untimed; None: as the controller decides)."""
    from eqsim import ms

    def run(net, duration, alternate):
        net.run(0 * ms)
        library = ctypes.CDLL(net._module.library_path) if alternate is not None else None
        if library is not None:
            library.eqsim_team_alternate.argtypes = [ctypes.c_int64]
            library.eqsim_team_alternate(alternate)
        try:
            net.run(duration)
        finally:
            if library is not None:
                library.eqsim_team_reset()
    return run
