"""Property-based fuzzing of the parser and the model builder.

Strings from a small grammar (numbers from tiny to far beyond double range, defined,
undefined, reserved and keyword names, whitelisted and unknown functions, operators,
conditionals, ``rand()``, units, junk characters) go into every string a model takes:
equations, thresholds, resets, synaptic code, ``connect()`` conditions and probabilities,
string assignments. Whatever the string, building and briefly running the model on the
NumPy target must either succeed or raise an ``EqsimError``, and must answer quickly.

CI runs the bounded, derandomised ``ci`` profile. A longer, randomised search::

    EQSIM_FUZZ=long python3 -m pytest -q tests/parsing/test_fuzz_parser.py

(``EQSIM_FUZZ=long`` selects the ``long`` profile: 5,000 examples per test, new ones
each run; hypothesis prints the smallest failing model it finds.)
"""
import os
import signal
import time
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eqsim import NeuronGroup, Synapses, ms, prefs, run, start_scope
from eqsim.errors import EqsimError

#: CPU time one example may take (seconds): any string is parsed in under 1 s, the rest
#: is building and briefly running the model. Ten times as much wall time is a hang.
EXAMPLE_SECONDS = 2.0

settings.register_profile(
    "ci", max_examples=120, deadline=None, derandomize=True, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile(
    "long", max_examples=5000, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile("long" if os.environ.get("EQSIM_FUZZ") == "long" else "ci")

# -- the grammar ----------------------------------------------------------------------------
NUMBERS = st.sampled_from([
    "0", "1", "2", "0.5", "3.25", "1e-320", "1e-300", "1e308", "1.7976931348623157e308",
    "10**400", "2**70", "9" * 30, "1e300*1e300", "0.0", "(-1)", "1/0", "0**-1", "(-8)**(1/3)",
])
DEFINED = st.sampled_from(["v", "w", "x", "tau", "v_post", "v_pre", "w_syn"])
SPECIAL = st.sampled_from(["t", "dt", "i", "j", "N", "xi", "pi", "e", "inf", "lastspike",
                           "not_refractory", "N_incoming", "t_in_timesteps"])
STRANGE = st.sampled_from(["undefined_name", "_x", "__import__", "None", "True", "False",
                           "lambda", "if", "else", "import", "v.real", "v[0]", "'s'", "ms",
                           "mV", "second", "Hz", "volt", "metre", "nonunit"])
JUNK = st.text(alphabet="()[]{}:;,.=+-*/%<>!&|^~@#$?\\\"'`\t\n 0123456789abxyz_", max_size=6)
FUNCTIONS_1 = st.sampled_from(["exp", "log", "log10", "sqrt", "sin", "abs", "floor", "ceil",
                               "int", "sign", "tanh", "arccos", "exprel", "unknown_f"])
BINARY = st.sampled_from(["+", "-", "*", "/", "**", "%", "//", "<", ">", "<=", "==", "!=",
                          " and ", " or "])


def _leaf():
    return st.one_of(NUMBERS, DEFINED, SPECIAL, STRANGE,
                     st.sampled_from(["rand()", "randn()", "v*mV", "3*ms", "w/ms"]))


def _extend(inner):
    return st.one_of(
        st.builds(lambda a, op, b: f"{a}{op}{b}", inner, BINARY, inner),
        st.builds(lambda a: f"({a})", inner),
        st.builds(lambda a: f"-{a}", inner),
        st.builds(lambda a: f"not {a}", inner),
        st.builds(lambda f, a: f"{f}({a})", FUNCTIONS_1, inner),
        st.builds(lambda a, b, c: f"clip({a}, {b}, {c})", inner, inner, inner),
        st.builds(lambda a, c, b: f"{a} if {c} else {b}", inner, inner, inner),
        st.builds(lambda a, j: f"{a}{j}", inner, JUNK),
    )


WILD = st.recursive(_leaf(), _extend, max_leaves=8)

# Mostly valid dimensionless arithmetic and conditions, so that models get built and run
# (the wild grammar alone is refused early nearly every time).
VALID_LEAF = st.sampled_from(["v", "x", "0.5", "2", "3.25", "1e-320", "1e308", "rand()",
                              "randn()", "t/ms", "dt/ms", "i", "N", "pi", "2**70", "10**-400"])


def _extend_valid(inner):
    condition = st.builds(lambda a, op, b: f"{a} {op} {b}", inner,
                          st.sampled_from(["<", ">", "<=", ">=", "==", "!="]), inner)
    return st.one_of(
        st.builds(lambda a, op, b: f"({a}) {op} ({b})", inner,
                  st.sampled_from(["+", "-", "*", "/", "**", "%", "//"]), inner),
        st.builds(lambda f, a: f"{f}({a})", FUNCTIONS_1.filter(lambda f: f != "unknown_f"),
                  inner),
        st.builds(lambda a, b, c: f"clip({a}, {b}, {c})", inner, inner, inner),
        st.builds(lambda a, c, b: f"({a} if {c} else {b})", inner, condition, inner),
        st.builds(lambda c: f"int({c})", condition),
    )


VALID = st.recursive(VALID_LEAF, _extend_valid, max_leaves=8)
CONDITIONS = st.builds(lambda a, op, b, more: f"{a} {op} {b}{more}", VALID,
                       st.sampled_from(["<", ">", "<=", ">=", "==", "!="]), VALID,
                       st.sampled_from(["", " and v > 0", " or rand() < 0.5"]))
EXPRESSIONS = st.one_of(VALID, CONDITIONS, WILD)
UNITS = st.sampled_from(["1", "volt", "mV", "second", "Hz", "volt/second", "boolean", "integer",
                         "volt**2", "volt**(10**400)", "metre**0.5", "2*volt", "nonunit", "",
                         "volt (constant)", "1 (shared)", "1 (unless refractory)"])
TARGETS = st.sampled_from(["v", "w", "x", "tau", "t", "dt", "i", "N", "_t", "lastspike",
                           "not_refractory", "v_post", "w_syn", "new_temp", "xi"])
OPERATORS = st.sampled_from(["=", "+=", "-=", "*=", "/=", "//=", "=="])
STATEMENT = st.one_of(
    st.builds(lambda target, op, value: f"{target} {op} {value}",
              st.sampled_from(["v", "x", "w_syn", "v_post"]), st.sampled_from(["=", "+=", "*="]),
              VALID),
    st.builds(lambda target, op, value: f"{target} {op} {value}", TARGETS, OPERATORS,
              EXPRESSIONS))
STATEMENTS = st.lists(STATEMENT, min_size=1, max_size=3).map("\n".join)


@st.composite
def equations(draw):
    """A few equation lines: a differential equation, a subexpression, a parameter."""
    if draw(st.booleans()):
        lines = ["dv/dt = (" + draw(VALID) + ")/tau : 1", "x = " + draw(VALID) + " : 1"]
    else:
        lines = ["dv/dt = " + draw(EXPRESSIONS) + " : " + draw(UNITS)]
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["x", "y", "v", "_z", "t"])) + " = "
                         + draw(EXPRESSIONS) + " : " + draw(UNITS))
    lines.append("tau : second (constant)")
    if draw(st.booleans()):
        lines.append(draw(JUNK))
    return "\n".join(lines)


# -- the property ---------------------------------------------------------------------------
@contextmanager
def bounded_time(seconds):
    """Fail an example that takes far too long (a hang), instead of stalling the suite."""
    def expire(signum, frame):
        raise TimeoutError(f"example still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def only_eqsim_errors_and_quickly(build):
    """Run ``build`` on the NumPy target: success or EqsimError, in bounded time."""
    start_scope()
    prefs["codegen.target"] = "numpy"
    # CPU time of this process: other processes on a busy machine do not count against it
    began = time.process_time()
    with bounded_time(10 * EXAMPLE_SECONDS):
        try:
            build()
        except EqsimError:
            pass
    elapsed = time.process_time() - began
    assert elapsed < EXAMPLE_SECONDS, f"took {elapsed:.1f} s of CPU time"


@pytest.fixture(autouse=True)
def numpy_target():
    previous = prefs["codegen.target"]
    yield
    prefs["codegen.target"] = previous


@given(eqs=equations(), threshold=st.one_of(CONDITIONS, EXPRESSIONS), reset=STATEMENTS)
def test_any_neuron_model_builds_and_runs_or_raises_an_eqsim_error(eqs, threshold, reset):
    def build():
        G = NeuronGroup(2, eqs, threshold=threshold, reset=reset, namespace={})
        G.tau = 10 * ms
        run(0.2 * ms, namespace={})
    only_eqsim_errors_and_quickly(build)


@given(model=st.sampled_from(["w_syn : 1", "w_syn = 2*v_pre : 1", "w_syn : volt"]),
       on_pre=STATEMENTS, condition=st.one_of(CONDITIONS, EXPRESSIONS),
       p=st.one_of(st.just("0.5"), VALID, EXPRESSIONS))
def test_any_synaptic_model_builds_connects_and_runs_or_raises_an_eqsim_error(model, on_pre,
                                                                             condition, p):
    def build():
        G = NeuronGroup(3, "dv/dt = -v/tau : 1\ntau : second", threshold="True", namespace={})
        G.tau = 10 * ms
        S = Synapses(G, G, model, on_pre=on_pre, namespace={})
        S.connect(condition=condition, p=p, namespace={})
        run(0.2 * ms, namespace={})
    only_eqsim_errors_and_quickly(build)


@given(value=EXPRESSIONS, unit=UNITS)
def test_any_string_assignment_sets_values_or_raises_an_eqsim_error(value, unit):
    def build():
        G = NeuronGroup(2, "v : " + unit, namespace={})
        G.v = value
    only_eqsim_errors_and_quickly(build)


@given(refractory=st.one_of(st.just("0.3*ms"), CONDITIONS, EXPRESSIONS), code=STATEMENTS,
       event=st.one_of(CONDITIONS, EXPRESSIONS))
def test_any_refractory_custom_event_and_regular_code_or_an_eqsim_error(refractory, code, event):
    def build():
        G = NeuronGroup(2, "dv/dt = -v/tau : 1\ntau : second\nx : 1", threshold="v > 1",
                        refractory=refractory, events={"up": event}, namespace={})
        G.tau = 10 * ms
        G.run_regularly(code, dt=0.1 * ms)
        G.run_on_event("up", code)
        run(0.2 * ms, namespace={})
    only_eqsim_errors_and_quickly(build)
