"""The OpenMP thread count, from EQSIM_NUM_THREADS or a preference: a bad value never
breaks ``import eqsim``, is a clear PreferenceError where it is used, and more threads than
CPUs are clamped to their number with a warning. The default float dtype: float32 or
float64, honoured by groups created afterwards."""
import os
import subprocess
import sys

import numpy as np
import pytest

import eqsim
from eqsim import NeuronGroup, prefs
from eqsim.core.preferences import PreferenceError

REPO_ROOT = os.path.dirname(os.path.abspath(list(eqsim.__path__)[0]))
CPUS = os.cpu_count()

RUN = """
import numpy as np
from eqsim import Network, NeuronGroup, ms
group = NeuronGroup(3, "dv/dt = (2 - v)/(10*ms) : 1", method="euler", name="threadgroup")
Network(group, name="threadnet").run(1*ms)
print("v", *np.asarray(group.v[:]))
"""


def run_python(code, threads, target="cython"):
    env = dict(os.environ, EQSIM_NUM_THREADS=threads, EQSIM_TARGET=target,
               PYTHONPATH=REPO_ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def saved_threads():
    previous = prefs._values["codegen.cython.num_threads"]
    yield
    prefs._values["codegen.cython.num_threads"] = previous


def test_bad_thread_count_in_the_environment_is_a_clear_error_when_running_not_importing():
    # one process for all values: the variable is read when a run needs it
    code = ("import os\nimport eqsim\nfrom eqsim import prefs\nprint('imported')\n"
            "for value in ['abc', '0', '-2']:\n"
            "    os.environ['EQSIM_NUM_THREADS'] = value\n"
            "    try:\n" + "".join("        " + line + "\n" for line in RUN.strip().splitlines())
            + "    except Exception as error:\n"
            "        print(type(error).__name__, str(error).splitlines()[0])\n"
            "prefs['codegen.target'] = 'numpy'\n" + RUN)
    result = run_python(code, "abc")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "imported"
    for line, value in zip(lines[1:4], ["'abc'", "0", "-2"]):
        assert line == ("PreferenceError [EQ700] the environment variable EQSIM_NUM_THREADS "
                        f"must be a whole number >= 1, got {value}")
    assert lines[4].startswith("v ")  # the NumPy target has no threads to set


def test_more_threads_than_cpus_in_the_environment_are_clamped_with_a_warning():
    result = run_python(RUN, "100000")
    assert result.returncode == 0, result.stderr
    assert "RuntimeWarning" in result.stderr and "EQSIM_NUM_THREADS = 100000" in result.stderr
    assert f"using {CPUS} threads" in result.stderr
    values = [float(x) for x in result.stdout.split()[1:]]
    np.testing.assert_allclose(values, 2 - 2 * 0.99 ** 10, rtol=1e-12)  # euler, 10 steps


def test_more_threads_than_cpus_in_the_preference_are_clamped_with_a_warning(saved_threads):
    with pytest.warns(RuntimeWarning, match="more than the"):
        prefs.codegen.cython.num_threads = 100000
    assert prefs["codegen.cython.num_threads"] == CPUS
    with pytest.warns(RuntimeWarning, match="openmp_threads"):
        prefs.devices.cpp_standalone.openmp_threads = CPUS + 1
    assert prefs["codegen.cython.num_threads"] == CPUS


@pytest.mark.parametrize("value", ["abc", "2", -1, 2.5, True, None])
def test_brian2_openmp_threads_preference_rejects_what_is_not_a_thread_count(value,
                                                                             saved_threads):
    with pytest.raises(PreferenceError, match="openmp_threads must be a whole number"):
        prefs.devices.cpp_standalone.openmp_threads = value


@pytest.mark.parametrize("value", ["abc", "2", 0, -1, 2.5, True])
def test_num_threads_preference_rejects_what_is_not_a_thread_count(value, saved_threads):
    with pytest.raises(PreferenceError, match="num_threads must be a whole number"):
        prefs.codegen.cython.num_threads = value


def test_thread_count_preference_takes_numpy_integers(saved_threads):
    prefs.codegen.cython.num_threads = np.int64(1)
    assert prefs["codegen.cython.num_threads"] == 1 and type(prefs["codegen.cython.num_threads"]) is int


@pytest.mark.parametrize("value", [np.float32, "float32", np.dtype("float32")])
def test_default_float_dtype_takes_float32_as_type_dtype_or_name(value):
    try:
        prefs.core.default_float_dtype = value
        assert prefs.core.default_float_dtype is np.float32
        assert NeuronGroup(2, "v : 1\nk : integer").v[:].dtype == np.float32
    finally:
        prefs.core.default_float_dtype = np.float64
    assert NeuronGroup(2, "v : 1").v[:].dtype == np.float64


@pytest.mark.parametrize("value", [np.int32, np.float16, "double precision", 3])
def test_default_float_dtype_refuses_what_is_not_float32_or_float64(value):
    with pytest.raises(PreferenceError, match="float32 or float64"):
        prefs.core.default_float_dtype = value
    assert prefs.core.default_float_dtype is np.float64
