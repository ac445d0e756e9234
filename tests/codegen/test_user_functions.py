"""User functions in compiled kernels: the user's C code compiled in under a mangled name,
or the Python function called back; what eqsim cannot compile is refused clearly."""
import numpy as np
import pytest

from eqsim import Function, NeuronGroup, Network, check_units, implementation, ms, prefs
from eqsim.errors import DimensionMismatchError, UserFunctionError


def _values(code, namespace, n=3, groups=1):
    made = []
    for _ in range(groups):
        G = NeuronGroup(n, "v : 1", namespace=namespace[len(made)] if groups > 1 else namespace)
        G.run_regularly(code)
        made.append(G)
    Network(*made, *[o for G in made for o in G.contained_objects]).run(0.1 * ms)
    return [np.asarray(G.v[:]).tolist() for G in made]


def _answer(value, c_name="f"):
    """A function whose C implementation gives ``value`` and Python function gives -1."""
    @implementation("cpp", f"double {c_name}(double x) {{ return {value} + 0*x; }}",
                    name=c_name)
    @check_units(x=1, result=1)
    def f(x):
        return -1.0 + 0 * x
    return f


@pytest.fixture
def compiled_target(numpy_target):
    """The compiled target for this test (numpy_target restores the previous one)."""
    prefs["codegen.target"] = "cython"
    return "cython"


def _error(namespace, error=UserFunctionError, match=None, code="v = f(i)"):
    """The error running ``code`` with ``namespace`` raises."""
    with pytest.raises(error, match=match) as info:
        _values(code, namespace)
    return info.value


def test_the_compiled_target_runs_the_c_implementation_and_numpy_the_python_one(both_targets):
    numpy, cython = both_targets(lambda target: _values("v = f(i)", {"f": _answer(42)}))
    assert numpy == [[-1.0] * 3] and cython == [[42.0] * 3]


def test_two_functions_of_one_name_in_one_network_keep_their_own_c_code(target):
    values = _values("v = f(i)", [{"f": _answer(1)}, {"f": _answer(2)}], groups=2)
    expected = [[-1.0] * 3] * 2 if target == "numpy" else [[1.0] * 3, [2.0] * 3]
    assert values == expected


def test_c_code_whose_name_is_a_libm_function_or_a_kernel_name_does_not_clash(compiled_target):
    assert _values("v = f(i)", {"f": _answer(7, c_name="exp")}) == [[7.0] * 3]


def test_the_python_function_is_called_back_from_compiled_code_per_element(both_targets):
    calls = []

    @check_units(x=1, result=1)
    def f(x):
        calls.append(np.shape(x))
        return np.asarray(x) * 2 + 1
    numpy, cython = both_targets(lambda target: _values("v = f(i)", {"f": f}))
    assert numpy == cython == [[1.0, 3.0, 5.0]]
    assert calls == [(3,), (), (), ()]  # NumPy: one call with an array; C: one per element


def test_an_exception_in_a_called_back_function_is_raised_after_the_run(compiled_target):
    @check_units(x=1, result=1)
    def f(x):
        if x > 0:
            raise RuntimeError("no positive values")
        return x
    error = _error({"f": f}, UserFunctionError, "raised RuntimeError: no positive")
    assert error.code == "EQ177" and isinstance(error.__cause__, RuntimeError)


def test_a_unit_error_of_a_called_back_function_keeps_its_type(compiled_target):
    @check_units(x=1, result=1)
    def f(x):
        return x * ms
    error = _error({"f": f}, DimensionMismatchError, "returned")
    assert error.code == "EQ174"


def _cython_only():
    @implementation("cython", "cdef double f(double x):\n    return x\n")
    @check_units(x=1, result=1)
    def f(x):
        return x
    return f


def test_a_cython_implementation_is_refused_by_the_compiled_target_with_the_alternatives(
        both_targets):
    def simulate(target):
        if target == "numpy":
            return _values("v = f(i)", {"f": _cython_only()})
        return _error({"f": _cython_only()}, match="not Cython")
    numpy, error = both_targets(simulate)
    assert numpy == [[0.0, 1.0, 2.0]]
    assert error.code == "EQ175" and "@implementation('cpp'" in error.hint


@pytest.mark.parametrize("code, message", [
    ("double f(double x) { return std::abs(x); }", "std"),
    ("double f(double x, double y) { return x + y; }", "too few arguments"),
    ("double g(double x) { return x; }", "f"),
])
def test_c_code_that_does_not_compile_is_reported_as_the_users(code, message,
                                                               compiled_target):
    @implementation("cpp", code)
    @check_units(x=1, result=1)
    def f(x):
        return x
    error = _error({"f": f}, UserFunctionError, "does not compile")
    assert error.code == "EQ176" and message in error.message


def test_c_implementations_with_a_namespace_or_compiler_options_are_refused():
    for options in ({"namespace": {"table": np.zeros(3)}}, {"libraries": ["m"]}):
        f = implementation("cpp", "double f(double x) { return x; }", **options)(
            Function(lambda x: x, arg_units=[1], return_unit=1))
        with pytest.raises(UserFunctionError) as info:
            f.c_implementation()
        assert info.value.code == "EQ175"


def test_a_called_back_python_function_needs_a_single_threaded_kernel(compiled_target):
    @check_units(x=1, result=1)
    def f(x):
        return x
    prefs["codegen.cython.num_threads"] = 2
    try:
        error = _error({"f": f}, match="one thread")
    finally:
        prefs["codegen.cython.num_threads"] = 1
    assert error.code == "EQ178"


def test_the_c_name_of_an_implementation_must_be_a_plain_identifier():
    from eqsim.errors import InvalidNameError
    for name in ("f(x); int y", "_f", "f-g"):
        with pytest.raises(InvalidNameError):
            implementation("cpp", "double f(double x) { return x; }", name=name)


def test_c_code_may_call_another_user_functions_c_code_listed_as_a_dependency(both_targets):
    @implementation("cpp", "double twice(double x) { return 2*x; }")
    @check_units(x=1, result=1)
    def twice(x):
        return 2 * x

    @implementation("cpp", "double quad(double x) { return twice(twice(x)); }",
                    dependencies={"twice": twice})
    @check_units(x=1, result=1)
    def quad(x):
        return 4 * x
    numpy, cython = both_targets(lambda target: _values("v = quad(i) + twice(1)",
                                                        {"quad": quad, "twice": twice}))
    assert numpy == cython == [[2.0, 6.0, 10.0]]


def test_c_code_depending_on_a_random_function_is_refused_clearly(compiled_target):
    from eqsim import DEFAULT_FUNCTIONS
    f = implementation("cpp", "double f(double x) { return _rand(0); }",
                       dependencies={"_rand": DEFAULT_FUNCTIONS["rand"]})(
        Function(lambda x: x, arg_units=[1], return_unit=1))
    error = _error({"f": f}, UserFunctionError, "depends on '_rand'")
    assert error.code == "EQ176"


def test_a_callable_cython_implementation_is_what_compiled_code_calls(both_targets):
    @implementation("cython", lambda x: 10.0 * x)
    @check_units(x=1, result=1)
    def f(x):
        return x
    numpy, cython = both_targets(lambda target: _values("v = f(i)", {"f": f}))
    assert numpy == [[0.0, 1.0, 2.0]] and cython == [[0.0, 10.0, 20.0]]
