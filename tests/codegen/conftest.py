"""Fixtures of the code generation tests."""
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
