"""Record what Brian2's integration methods compute, for eqsim's integrator tests.

Run with the Python of the Brian2 reference environment (see README.md)::

    /work/brian2-venv/bin/python tests/reference/make_brian2_stateupdate_reference.py

It writes, next to itself:

``brian2_stateupdate_examples.npz`` / ``.json``
    Brian2's own examples that need ``exponential_euler`` on conditionally linear
    equations (``examples/frompapers/Wang_Buszaki_1996.py``,
    ``examples/frompapers/Morris_Lecar_1981.py``), shortened, run on Brian2's runtime
    cython target and again on its numpy target (the largest difference between the
    two goes into the sidecar). Keys ``<example>__<array>``, SI base units.
``brian2_stateupdate_formulas.json``
    For a set of small equations and the methods ``exponential_euler``, ``milstein``,
    ``heun`` (and ``rk2``, ``rk4``, ``euler``): Brian2's abstract update code
    (``StateUpdateMethod.apply_stateupdater``), and the states after a few steps when
    that code is executed with NumPy from given start values, parameters and given
    standard normal draws in place of ``randn()``. Brian2's random numbers cannot be
    reproduced, so the draws are fixed numbers: both sides then follow the same path.
"""
import datetime
import json
import platform
import re
import sys
from pathlib import Path

import numpy as np

import brian2
from brian2 import *  # noqa: F401,F403  (the examples are written against the star import)
from brian2.stateupdaters.base import StateUpdateMethod

HERE = Path(__file__).resolve().parent


# ---------------------------------------------------------------------------------------------
# Brian2's examples (plotting removed, run shortened, monitors added where the example has none)
# ---------------------------------------------------------------------------------------------

def wang_buzsaki():
    """examples/frompapers/Wang_Buszaki_1996.py, 30 ms instead of 100 ms; v, h, n recorded."""
    start_scope()
    defaultclock.dt = 0.01*ms
    Cm = 1*uF  # /cm**2
    Iapp = 2*uA
    gL = 0.1*msiemens
    EL = -65*mV
    ENa = 55*mV
    EK = -90*mV
    gNa = 35*msiemens
    gK = 9*msiemens
    eqs = '''
    dv/dt = (-gNa*m**3*h*(v-ENa)-gK*n**4*(v-EK)-gL*(v-EL)+Iapp)/Cm : volt
    m = alpha_m/(alpha_m+beta_m) : 1
    alpha_m = 0.1/mV*10*mV/exprel(-(v+35*mV)/(10*mV))/ms : Hz
    beta_m = 4*exp(-(v+60*mV)/(18*mV))/ms : Hz
    dh/dt = 5*(alpha_h*(1-h)-beta_h*h) : 1
    alpha_h = 0.07*exp(-(v+58*mV)/(20*mV))/ms : Hz
    beta_h = 1./(exp(-0.1/mV*(v+28*mV))+1)/ms : Hz
    dn/dt = 5*(alpha_n*(1-n)-beta_n*n) : 1
    alpha_n = 0.01/mV*10*mV/exprel(-(v+34*mV)/(10*mV))/ms : Hz
    beta_n = 0.125*exp(-(v+44*mV)/(80*mV))/ms : Hz
    '''
    neuron = NeuronGroup(1, eqs, method='exponential_euler')
    neuron.v = -70*mV
    neuron.h = 1
    M = StateMonitor(neuron, ['v', 'h', 'n'], record=0)
    run(30*ms)
    return {"t": (M.t[:], "recording times (s)"),
            "v": (M.v[:], "membrane potential (V), shape (1, samples)"),
            "h": (M.h[:], "sodium inactivation, shape (1, samples)"),
            "n": (M.n[:], "potassium activation, shape (1, samples)")}


def morris_lecar():
    """examples/frompapers/Morris_Lecar_1981.py on the runtime device (the example sets
    cpp_standalone), 60 ms instead of 220 ms, neurons 0, 4, 8, 12, 16 recorded."""
    start_scope()
    defaultclock.dt = 0.01*ms
    g_L = 2*mS
    g_Ca = 4*mS
    g_K = 8*mS
    V_L = -50*mV
    V_Ca = 100*mV
    V_K = -70*mV
    lambda_n__max = 1.0/(15*ms)
    V_1 = 10*mV
    V_2 = 15*mV
    V_3 = -1*mV
    V_4 = 14.5*mV
    C = 20*uF
    eqs = '''
    dV/dt = (-g_L*(V - V_L) - g_Ca*m_inf*(V - V_Ca) - g_K*n*(V - V_K) + I)/C : volt
    dn/dt = lambda_n*(n_inf - n) : 1
    m_inf = 0.5*(1 + tanh((V - V_1)/V_2)) : 1
    n_inf = 0.5*(1 + tanh((V - V_3)/V_4)) : 1
    lambda_n = lambda_n__max*cosh((V - V_3)/(2*V_4)) : Hz
    I : amp
    '''
    neuron = NeuronGroup(17, eqs, method='exponential_euler')
    neuron.I = (np.arange(17)*25+100)*uA
    neuron.V = V_L
    neuron.n = 'n_inf'
    mon = StateMonitor(neuron, ['V', 'n'], record=[0, 4, 8, 12, 16])
    run(60*ms)
    return {"t": (mon.t[:], "recording times (s)"),
            "V": (mon.V[:], "membrane potential (V), shape (5, samples)"),
            "n": (mon.n[:], "potassium activation, shape (5, samples)")}


EXAMPLES = {"wang_buzsaki": wang_buzsaki, "morris_lecar": morris_lecar}


def run_examples(target):
    prefs.codegen.target = target
    results = {}
    for name, function in EXAMPLES.items():
        results[name] = {key: (np.array(values, dtype=np.float64), what)
                         for key, (values, what) in function().items()}
    return results


def write_examples():
    primary = run_examples("cython")
    other = run_examples("numpy")
    arrays, sidecar = {}, {}
    for name, function in EXAMPLES.items():
        entry = {"description": function.__doc__, "method": "exponential_euler",
                 "dt": 1e-5, "arrays": {}}
        for key, (values, what) in primary[name].items():
            arrays[f"{name}__{key}"] = values
            spread = float(np.max(np.abs(values - other[name][key][0])))
            entry["arrays"][key] = {"description": what, "shape": list(values.shape),
                                    "largest_difference_to_numpy_target": spread}
        sidecar[name] = entry
    np.savez_compressed(HERE / "brian2_stateupdate_examples.npz", **arrays)
    (HERE / "brian2_stateupdate_examples.json").write_text(
        json.dumps(dict(header("cython"), examples=sidecar), indent=1) + "\n")


# ---------------------------------------------------------------------------------------------
# Update formulas: Brian2's abstract code, executed with given draws
# ---------------------------------------------------------------------------------------------

# (case name, method, equations (dimensionless), parameters, start values)
FORMULA_CASES = [
    ("hh_like_gating", "exponential_euler",
     "dv/dt = (-g*m**3*(v - E) - gl*(v - El) + I)/C : 1\n"
     "m = 1/(1 + exp(-(v + 0.5)/0.1)) : 1\n"
     "dh/dt = a*(1 - h) - b*exp(v)*h : 1",
     {"g": 3.0, "E": 1.0, "gl": 0.5, "El": -1.0, "I": 0.2, "C": 2.0, "a": 0.7, "b": 0.3},
     {"v": [-1.2, -0.4, 0.1, 0.9], "h": [0.1, 0.5, 0.8, 1.0]}),
    ("tanh_gating", "exponential_euler",
     "dV/dt = -gc*m_inf*(V - Vc) - gk*n*(V - Vk) + I : 1\n"
     "m_inf = 0.5*(1 + tanh((V - 0.1)/0.15)) : 1\n"
     "dn/dt = lam*cosh(V/0.3)*(0.5*(1 + tanh(V/0.145)) - n) : 1",
     {"gc": 4.0, "Vc": 1.0, "gk": 8.0, "Vk": -0.7, "I": 1.5, "lam": 0.2},
     {"V": [-0.5, -0.1, 0.2, 0.6], "n": [0.0, 0.2, 0.4, 0.9]}),
    ("own_variable_in_coefficient", "exponential_euler",
     "dx/dt = x*exp(-x) + y : 1\ndy/dt = -y/tau : 1",
     {"tau": 0.5}, {"x": [-1.0, 0.0, 0.5, 2.0], "y": [0.3, -0.2, 0.0, 1.0]}),
    ("time_dependent_drive", "exponential_euler",
     "dv/dt = (sin(2*pi*w*t) - v)/tau : 1",
     {"w": 3.0, "tau": 0.2}, {"v": [0.0, 0.5, -1.0, 2.0]}),
    ("clip_noise", "milstein",
     "dv/dt = -v/tau + sigma*clip(v, 0, 1)*xi/sqrt(tau) : 1",
     {"tau": 0.3, "sigma": 0.8}, {"v": [-0.2, 0.3, 0.7, 1.4]}),
    ("multiplicative_two_variables", "milstein",
     "dx/dt = mu*x + s*x*y*xi_1 : 1\ndy/dt = -y + s*abs(x)*xi_2 : 1",
     {"mu": 0.4, "s": 0.6}, {"x": [0.5, 1.0, -0.8, 2.0], "y": [1.0, -0.5, 0.2, 0.0]}),
    ("additive", "milstein",
     "dv/dt = (I - v)/tau + sigma*xi/sqrt(tau) : 1",
     {"I": 0.5, "tau": 0.2, "sigma": 0.3}, {"v": [0.0, 0.2, 0.4, 0.6]}),
    ("clip_noise", "heun",
     "dv/dt = -v/tau + sigma*clip(v, 0, 1)*xi/sqrt(tau) : 1",
     {"tau": 0.3, "sigma": 0.8}, {"v": [-0.2, 0.3, 0.7, 1.4]}),
    ("multiplicative_two_variables", "heun",
     "dx/dt = mu*x + s*x*y*xi_1 : 1\ndy/dt = -y + s*abs(x)*xi_2 : 1",
     {"mu": 0.4, "s": 0.6}, {"x": [0.5, 1.0, -0.8, 2.0], "y": [1.0, -0.5, 0.2, 0.0]}),
    ("non_diagonal_time_dependent", "heun",
     "dx/dt = -x + s*x*xi_1 + s*cos(t)*y*xi_2 : 1\ndy/dt = -y + s*x*xi_1 : 1",
     {"s": 0.5}, {"x": [0.5, 1.0, -0.8, 2.0], "y": [1.0, -0.5, 0.2, 0.0]}),
    ("time_dependent_coupled", "rk2",
     "dx/dt = -x**3 + y*sin(w*t) : 1\ndy/dt = x - y/tau : 1",
     {"w": 5.0, "tau": 0.3}, {"x": [-1.0, 0.0, 0.5, 2.0], "y": [0.3, -0.2, 0.0, 1.0]}),
    ("time_dependent_coupled", "rk4",
     "dx/dt = -x**3 + y*sin(w*t) : 1\ndy/dt = x - y/tau : 1",
     {"w": 5.0, "tau": 0.3}, {"x": [-1.0, 0.0, 0.5, 2.0], "y": [0.3, -0.2, 0.0, 1.0]}),
    ("additive_time_dependent_drift", "euler",
     "dv/dt = -v/tau + sin(t/tau) + sigma*xi : 1",
     {"tau": 0.2, "sigma": 0.3}, {"v": [0.0, 0.2, 0.4, 0.6]}),
]
FORMULA_DT = 0.01
FORMULA_STEPS = 20


# Equations for which Brian2's automatic choice (NeuronGroup's default
# method=("exact", "euler", "heun")) and its acceptance per method are recorded.
CHOICE_EQUATIONS = {
    "linear": "dv/dt = (I - v)/tau : 1",
    "linear_time_dependent": "dv/dt = (sin(t/tau) - v)/tau : 1",
    "nonlinear": "dv/dt = v**2/tau : 1",
    "additive_noise": "dv/dt = -v/tau + sigma*xi/sqrt(tau) : 1",
    "time_dependent_noise": "dv/dt = -v/tau + sigma*(1 + t/tau)*xi/sqrt(tau) : 1",
    "multiplicative_noise": "dv/dt = -v/tau + sigma*v*xi/sqrt(tau) : 1",
    "clip_noise": "dv/dt = -v/tau + sigma*clip(v, 0, 1)*xi/sqrt(tau) : 1",
    "two_noises_additive": "dv/dt = -v/tau + sigma*(xi_1 + xi_2)/sqrt(tau) : 1",
    "shared_noise": "dv/dt = -v/tau + sigma*xi_s/sqrt(tau) : 1\n"
                    "dw/dt = -w/tau + sigma*xi_s/sqrt(tau) : 1",
    "conditionally_linear": "dv/dt = -v*exp(v)/tau + 1/tau : 1",
    "own_variable_squared": "dv/dt = v*(1 + v)/tau : 1",
    "exp_of_own_variable": "dv/dt = exp(v)/tau : 1",
}
CHOICE_NAMESPACE = {"tau": 0.01, "I": 1.0, "sigma": 0.1}
AUTOMATIC = ("exact", "euler", "heun")  # NeuronGroup's default method
CHOICE_METHODS = ["exact", "euler", "rk2", "rk4", "exponential_euler", "heun", "milstein"]


def method_choices():
    """Per equation: the method Brian2 chooses by itself (or its error) and, per method,
    ``"accepted"`` or the message of the UnsupportedEquationsException."""
    choices = {}
    for name, text in CHOICE_EQUATIONS.items():
        equations = Equations(text)
        variables = NeuronGroup(1, equations, namespace=CHOICE_NAMESPACE).variables
        accepted = {}
        for method in CHOICE_METHODS:
            try:
                StateUpdateMethod.apply_stateupdater(equations, variables, method=method)
                accepted[method] = "accepted"
            except Exception as error:
                accepted[method] = f"{type(error).__name__}: {error}"
        try:
            StateUpdateMethod.apply_stateupdater(equations, variables, method=AUTOMATIC)
            chosen = next(m for m in AUTOMATIC if accepted[m] == "accepted")
        except ValueError as error:
            chosen = f"{type(error).__name__}: {error}"
        choices[name] = dict(equations=text, automatic=chosen, methods=accepted)
    return choices


def exprel(x):
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x == 0, 1.0, np.expm1(x) / x)


NUMPY_FUNCTIONS = {"exp": np.exp, "sin": np.sin, "cos": np.cos, "tanh": np.tanh,
                   "cosh": np.cosh, "sqrt": np.sqrt, "abs": np.abs, "clip": np.clip,
                   "exprel": exprel, "pi": np.pi}


def execute(code, parameters, start, draws):
    """Run Brian2's abstract ``code`` for FORMULA_STEPS steps; ``draws[noise][step]``
    replaces the ``randn()`` of the line ``<noise> = dt**.5 * randn()``."""
    lines = [line.split(" = ", 1) for line in code.splitlines()]
    state = {name: np.array(values, dtype=float) for name, values in start.items()}
    trajectory = {name: [values.tolist()] for name, values in state.items()}
    for step in range(FORMULA_STEPS):
        namespace = dict(NUMPY_FUNCTIONS, **parameters, **state,
                         t=step * FORMULA_DT, dt=FORMULA_DT)
        for target, expression in lines:
            if "randn()" in expression:
                assert expression == "dt**.5 * randn()", expression
                namespace[target] = FORMULA_DT**0.5 * np.array(draws[target][step])
            else:
                namespace[target] = eval(expression, {"__builtins__": {}}, namespace)
        for name in state:
            state[name] = np.broadcast_to(namespace[name], state[name].shape).astype(float)
            trajectory[name].append(state[name].tolist())
    return trajectory


def write_formulas():
    rng = np.random.default_rng(12)
    cases = []
    for name, method, text, parameters, start in FORMULA_CASES:
        equations = Equations(text)
        code = StateUpdateMethod.apply_stateupdater(equations, {}, method=method)
        size = len(next(iter(start.values())))
        draws = {noise: rng.standard_normal((FORMULA_STEPS, size)).tolist()
                 for noise in sorted(equations.stochastic_variables)}
        cases.append(dict(name=name, method=method, equations=text, parameters=parameters,
                          start=start, draws=draws, brian2_code=code,
                          trajectory=execute(code, parameters, start, draws)))
    (HERE / "brian2_stateupdate_formulas.json").write_text(json.dumps(dict(
        header(None), dt=FORMULA_DT, steps=FORMULA_STEPS,
        description="Brian2's abstract update code per (equations, method), executed with "
                    "NumPy; draws[noise][step] are the standard normal numbers used in "
                    "place of randn(); trajectory[variable][step] includes the start",
        cases=cases, choices=method_choices()), indent=1) + "\n")


def header(target):
    return {"brian2": brian2.__version__, "numpy": np.__version__,
            "python": platform.python_version(),
            "date": datetime.date.today().isoformat(), "target": target}


if __name__ == "__main__":
    write_formulas()
    if "--formulas-only" not in sys.argv:
        write_examples()
