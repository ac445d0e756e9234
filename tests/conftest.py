"""Shared test setup: a private module cache, a headless plot backend, both code
generation targets, and a fresh scope with the default time step for every test."""
import os
import resource
import tempfile
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")

# CI may point EQSIM_CACHE_DIR at a persistent cache; otherwise build into a
# session-wide folder so tests never touch the user's ~/.cache/eqsim.
if not os.environ.get("EQSIM_CACHE_DIR"):
    os.environ["EQSIM_CACHE_DIR"] = tempfile.mkdtemp(prefix="eqsim-test-cache-")

# a run() that keeps its network's module also builds it anew and compares the two
# (eqsim/codegen/module_reuse.py): every test that runs a network twice checks that the
# fingerprint of what a module is built from misses nothing
os.environ.setdefault("EQSIM_CHECK_MODULE_REUSE", "1")

import pytest  # noqa: E402

from eqsim import defaultclock, ms, prefs, start_scope  # noqa: E402


@pytest.fixture(autouse=True)
def threads_on_small_networks(monkeypatch):
    """Test networks are small: let them have threads when they ask, so that threaded
    kernels are tested on them (tests/codegen/test_module_threads.py tests the size rule)."""
    from eqsim.codegen import module
    monkeypatch.setattr(module, "THREAD_MIN_ELEMENTS", 0)


@pytest.fixture(params=["numpy", "cython"])
def target(request):
    """Run the test once per code generation target; the name of the target."""
    previous = prefs["codegen.target"]
    prefs["codegen.target"] = request.param
    yield request.param
    prefs["codegen.target"] = previous


@pytest.fixture
def both_targets():
    """``both_targets(simulate)`` is ``(simulate('numpy'), simulate('cython'))``, each run
    with that code generation target set; the previous target is restored afterwards."""
    previous = prefs["codegen.target"]

    def run(simulate):
        results = []
        for name in ("numpy", "cython"):
            prefs["codegen.target"] = name
            results.append(simulate(name))
        return tuple(results)
    yield run
    prefs["codegen.target"] = previous


@pytest.fixture(autouse=True)
def fresh_scope():
    """Objects of earlier tests are not collected, and dt is the default."""
    start_scope()
    defaultclock.dt = 0.1 * ms
    yield


@pytest.fixture(autouse=True)
def integration_methods_as_they_were():
    """Methods a test registers (StateUpdateMethod.register) do not outlive it."""
    from eqsim.stateupdate import registry
    saved = dict(registry.METHODS), dict(registry.ALIASES), dict(registry._IDENTITIES)
    yield
    for table, before in zip((registry.METHODS, registry.ALIASES, registry._IDENTITIES), saved):
        table.clear()
        table.update(before)


@pytest.fixture
def sentinel(tmp_path):
    """A path that hostile input tries to create; the test fails if it ever exists."""
    path = tmp_path / "pwned"
    yield path
    assert not path.exists(), "user input caused code to run"


@pytest.fixture
def numpy_target():
    """The NumPy target for this test (checks of logic that need no compiled kernel)."""
    previous = prefs["codegen.target"]
    prefs["codegen.target"] = "numpy"
    yield "numpy"
    prefs["codegen.target"] = previous


@contextmanager
def _address_space_limit(extra_bytes):
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as f:
        in_use = int(f.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (in_use + extra_bytes, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@pytest.fixture
def address_space_limit():
    """``with address_space_limit(n):`` allocations of more than ``n`` bytes beyond what the
    process has mapped now fail with MemoryError, instead of exhausting a shared machine's
    memory (for tests of checks that must refuse a huge allocation before making it)."""
    return _address_space_limit
