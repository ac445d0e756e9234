"""Models that call user functions, written once for both simulators.

Each case is a function of the simulator module ``b`` (``brian2`` or ``eqsim``; both give
the same names) returning a dict of arrays (SI floats). Cases in ``CASES`` run in both;
cases in ``FORBIDDEN`` are declarations or calls Brian2 refuses: they must raise in both.
``make_brian2_function_reference.py`` runs them in Brian2 (NumPy target: Brian2's Cython
target refuses functions without a Cython implementation, where eqsim calls the Python
function back) and writes ``brian2_user_functions.npz``/``.json``;
``test_brian2_user_functions.py`` runs them in eqsim on both targets and compares.
"""
import numpy as np

PIECEWISE_C = """
inline double piecewise_linear(double I) {
    if (I < 1e-9)
        return 0;
    if (I > 3e-9)
        return 100;
    return (I/1e-9 - 1) * 50;
}
"""


def _piecewise_linear(b):
    @b.check_units(I=b.amp, result=b.Hz)
    def piecewise_linear(I):
        return b.clip((I - 1 * b.nA) * 50 * b.Hz / b.nA, 0 * b.Hz, 100 * b.Hz)
    return piecewise_linear


def check_units_function_in_equations(b):
    """Brian2's documented example: a ``@check_units`` function of a current, in a
    differential equation (the function sees amperes, returns hertz)."""
    piecewise_linear = _piecewise_linear(b)
    G = b.NeuronGroup(5, "dv/dt = (piecewise_linear(I)*ms - v)/(10*ms) : 1\nI : amp",
                      method="euler")
    G.I = "(i + 0.5)*nA"
    b.run(2 * b.ms)
    return {"v": np.asarray(G.v[:])}


def c_implementation_with_dependency(b):
    """``@implementation('cpp', ...)`` (C code) with a built-in dependency, in a reset and a
    run_regularly; Brian2's NumPy target runs the Python functions."""
    piecewise_linear = b.implementation("cpp", PIECEWISE_C)(_piecewise_linear(b))

    @b.implementation("cpp", "double rectified_linear(double x) { return clip(x, 0, INFINITY); }",
                      dependencies={"clip": b.DEFAULT_FUNCTIONS["clip"]})
    @b.check_units(x=1, result=1)
    def rectified_linear(x):
        return np.clip(x, 0, np.inf)

    G = b.NeuronGroup(5, "dv/dt = (piecewise_linear(I)*ms - v)/(10*ms) : 1\nI : amp",
                      method="euler", threshold="v > 0.005",
                      reset="v = rectified_linear(v - 0.1) + piecewise_linear(I)*0.1*ms")
    G.I = "(i + 0.5)*nA"
    G.run_regularly("I = I + 0.1*nA*rectified_linear(1 - i)", dt=0.5 * b.ms)
    b.run(2 * b.ms)
    return {"v": np.asarray(G.v[:]), "I": np.asarray(G.I[:])}


def functions_in_threshold_reset_synapses_and_assignments(b):
    """A ``@check_units`` function and a ``Function(arg_units=...)`` in a threshold, a
    reset, an ``on_pre`` statement and string assignments to neurons and synapses."""
    @b.check_units(x=b.volt, result=b.volt)
    def half(x):
        return x / 2

    def scale(w, k):
        return w * k
    scale = b.Function(scale, arg_units=[b.volt, 1], return_unit=b.volt)
    G = b.NeuronGroup(3, "dv/dt = -v/(10*ms) : volt", threshold="v > half(20*mV)",
                      reset="v = half(v) - 20*mV", method="exact")
    G.v = "half(i*30*mV)"
    S = b.Synapses(G, G, "w : volt", on_pre="v_post += scale(w, 0.5)")
    S.connect(j="(i + 1) % 3")
    S.w = "half(4*mV) * (i + 1)"
    G2 = b.NeuronGroup(2, "dv/dt = (20*mV - v)/(5*ms) : volt", threshold="v > 15*mV",
                       reset="v = 0*mV", method="exact")
    S2 = b.Synapses(G2, G, on_pre="v_post += half(8*mV)")
    S2.connect()
    M = b.SpikeMonitor(G)
    b.run(30 * b.ms)
    return {"v": np.asarray(G.v[:]), "count": np.asarray(M.count[:], dtype=float),
            "w": np.asarray(S.w[:])}


def auto_vectorised_function(b):
    """``auto_vectorise=True``: the implementation gets the elements' indices as a last
    argument (an array on NumPy, one index per call in compiled code)."""
    def indexed(scale, _vectorisation_idx):
        return np.asarray(_vectorisation_idx, dtype=float) * scale
    indexed = b.Function(indexed, arg_units=[1], return_unit=1, stateless=False,
                         auto_vectorise=True)
    G = b.NeuronGroup(4, "dv/dt = (20*mV - v)/(5*ms) : volt\nx : 1", threshold="v > 10*mV",
                      reset="v = 0*mV; x += indexed(2.0)", method="exact")
    G.v = "i*3*mV"
    b.run(10 * b.ms)
    return {"v": np.asarray(G.v[:]), "x": np.asarray(G.x[:])}


def declared_types(b):
    """``@declare_types`` on a function of an integer index, and a function of a voltage
    in a linear equation's input."""
    @b.check_units(v=b.volt, result=b.volt)
    def squash(v):
        return 10 * b.mV * np.tanh(v / (10 * b.mV))

    @b.declare_types(k="integer", result="float")
    @b.check_units(k=1, result=1)
    def parity(k):
        return np.asarray(k % 2, dtype=float)
    G = b.NeuronGroup(6, "dv/dt = (squash(v0) - v)/(2*ms) : volt\nv0 : volt\np : 1",
                      method="euler")
    G.v0 = "(i - 2.5)*8*mV"
    G.run_regularly("p = parity(i) + p", dt=1 * b.ms)
    b.run(3 * b.ms)
    return {"v": np.asarray(G.v[:]), "p": np.asarray(G.p[:])}


def _squash(b):
    @b.check_units(v=b.volt, result=b.volt)
    def squash(v):
        return 10 * b.mV * np.tanh(v / (10 * b.mV))
    return squash


def python_function_without_a_method(b):
    """A Python function found in the namespace may keep state (Brian2 makes it
    ``stateless=False``), so the automatic method choice passes over 'exact' to 'euler'."""
    squash = _squash(b)  # noqa: F841 - found by the model string
    G = b.NeuronGroup(3, "dv/dt = (squash(v0) - v)/(2*ms) : volt\nv0 : volt")
    G.v0 = "(i - 1)*8*mV"
    b.run(1 * b.ms)
    return {"v": np.asarray(G.v[:])}


def stateful_function_integrated_exactly(b):
    """'exact' for an equation calling a function that may keep state."""
    squash = _squash(b)  # noqa: F841 - found by the model string
    G = b.NeuronGroup(3, "dv/dt = (squash(v0) - v)/(2*ms) : volt\nv0 : volt", method="exact")
    b.run(0.1 * b.ms)


def python_level_exprel(b):
    """``exprel`` called from Python on arrays and a dimensionless quantity."""
    x = np.array([-3.0, -1e-9, 0.0, 1e-12, 0.5, 20.0])
    return {"exprel": np.asarray(b.exprel(x)),
            "exprel_quantity": np.asarray(b.exprel(x * b.mV / b.mV))}


def no_units_declared(b):
    """A plain Python function called from a model string: Brian2's ValueError."""
    def f(x):
        return x
    G = b.NeuronGroup(2, "v : 1")
    G.run_regularly("v = f(i)")
    b.run(0.1 * b.ms)


def argument_of_the_wrong_unit(b):
    """A volt argument given a dimensionless value."""
    @b.check_units(x=b.volt, result=1)
    def f(x):
        return x / b.mV
    G = b.NeuronGroup(2, "v : 1")
    G.run_regularly("v = f(i)")
    b.run(0.1 * b.ms)


def no_result_unit(b):
    """``@check_units`` without ``result=``."""
    @b.check_units(x=1)
    def f(x):
        return x
    G = b.NeuronGroup(2, "v : 1")
    G.run_regularly("v = f(i)")
    b.run(0.1 * b.ms)


def binomial_draws(b):
    """20,000 draws of an exact ``BinomialFunction(20, 0.1)`` and of a normal-approximated
    ``BinomialFunction(100, 0.3)``: eqsim's generator is not Brian2's, so only the
    distributions (``STATISTICS``) are compared."""
    b.seed(1)
    exact, normal = b.BinomialFunction(20, 0.1), b.BinomialFunction(100, 0.3)  # noqa: F841
    G = b.NeuronGroup(20000, "x : 1\ny : 1")
    G.run_regularly("x = exact()\ny = normal()")
    b.run(b.defaultclock.dt)
    return {"exact": np.asarray(G.x[:]), "normal": np.asarray(G.y[:])}


def distribution(draws):
    """What is compared of random draws: the frequencies of 0..20 of the exact draws, and
    the mean, variance and fraction of whole numbers of both."""
    exact, normal = draws["exact"], draws["normal"]
    return {"exact_frequencies": np.bincount(exact.astype(int), minlength=21)[:21] / exact.size,
            "moments": np.array([exact.mean(), exact.var(), normal.mean(), normal.var(),
                                 np.mean(exact == np.round(exact)),
                                 np.mean(normal == np.round(normal))])}


CASES = {case.__name__: case for case in (
    check_units_function_in_equations, c_implementation_with_dependency,
    functions_in_threshold_reset_synapses_and_assignments, auto_vectorised_function,
    declared_types, python_function_without_a_method, python_level_exprel)}
FORBIDDEN = {case.__name__: case for case in (
    no_units_declared, argument_of_the_wrong_unit, no_result_unit,
    stateful_function_integrated_exactly)}
STATISTICS = {binomial_draws.__name__: binomial_draws}
