"""Fixtures of the runtime tests."""
import pytest

from eqsim.codegen.compiler import load_module
from eqsim.runtime import random as rng


@pytest.fixture(scope="session")
def header_module(tmp_path_factory):
    """``header_module(source, name)``: a Cython test module compiled against the
    runtime's C headers, in a cache of its own (never mixed with other modules)."""
    def compile_module(source, name):
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("EQSIM_CACHE_DIR", str(tmp_path_factory.mktemp("eqsim_cache")))
            return load_module(source, name_hint=name, include_dirs=[rng.random_header_dir()])
    return compile_module
