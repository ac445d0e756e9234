"""Integration-method objects, unit display and module paths, written once for both
simulators (issue 12 section 2, part units12).

Each case is a function of the simulator module ``b`` (``brian2`` or ``eqsim``).
``METHOD_CASES`` return a dict of arrays (SI floats) from a short run; ``TEXT_CASES``
return a list of strings (unit display). ``make_brian2_units12_reference.py`` runs them in
Brian2 and writes ``brian2_units12.npz``/``.json``; ``test_brian2_units12.py`` runs them
in eqsim and compares. ``MODULES`` are the Brian2 module paths scripts import from.
"""
import importlib

import numpy as np

# deterministic, non-linear and time-dependent: every method gives different numbers
NONLINEAR = """dv/dt = (v_inf - v + 0.3*sin(2*pi*t/(4*ms)) - 0.5*v**3)/tau : 1
dw/dt = (v - w)/(3*tau) : 1
v_inf : 1 (constant)
tau : second (constant)"""

# conditionally linear in v, for exponential_euler
COND_LINEAR = """dv/dt = (-(v - 0.5)*g_of_w + w)/tau : 1
g_of_w = 1 + w**2 : 1
dw/dt = (0.8*v - w)/(2*tau) : 1
tau : second (constant)"""

LINEAR = """dv/dt = (I - v)/tau + w/tau : 1
dw/dt = -w/(2*tau) : 1
I : 1 (constant)
tau : second (constant)"""

# each equation on its own variable only, for 'independent'
INDEPENDENT = """dv/dt = (t/(5*ms) - v)/tau : 1
dw/dt = (1 - w)/(2*tau) : 1
tau : second (constant)"""

MIDPOINT = """k = dt*f(x,t)
x_new = x + dt*f(x + k/2, t + dt/2)"""

RALSTON = """k1 = f(x, t)
k2 = f(x + 2*dt*k1/3, t + 2*dt/3)
x_new = x + dt*(k1/4 + 3*k2/4)"""

KUTTA3 = """k1 = dt*f(x, t)
k2 = dt*f(x + k1/2, t + dt/2)
k3 = dt*f(x - k1 + 2*k2, t + dt)
x_new = x + (k1 + 4*k2 + k3)/6"""


def _run(b, model, method, steps=60, values=None):
    b.defaultclock.dt = 0.05 * b.ms
    G = b.NeuronGroup(3, model, method=method)
    G.tau = [2, 3, 5] * b.ms
    for name, value in (values or {}).items():
        setattr(G, name, value)
    M = b.StateMonitor(G, ["v", "w"], record=True)
    b.run(steps * b.defaultclock.dt)
    return {"v": np.asarray(M.v[:]), "w": np.asarray(M.w[:])}


_START = {"v": [0.2, -0.4, 1.1], "w": [0.0, 0.3, -0.2]}


def method_euler_object(b):
    return _run(b, NONLINEAR, b.euler, values=dict(_START, v_inf=[0.5, 1.0, -0.3]))


def method_rk2_object(b):
    return _run(b, NONLINEAR, b.rk2, values=dict(_START, v_inf=[0.5, 1.0, -0.3]))


def method_rk4_object(b):
    return _run(b, NONLINEAR, b.rk4, values=dict(_START, v_inf=[0.5, 1.0, -0.3]))


def method_list_first_accepting(b):
    """A list of objects: 'exact' refuses the non-linear equations, rk4 takes them."""
    return _run(b, NONLINEAR, [b.exact, b.rk4], values=dict(_START, v_inf=[0.5, 1.0, -0.3]))


def method_exact_object(b):
    return _run(b, LINEAR, b.exact, values=dict(_START, I=[0.5, 1.0, -0.3]))


def method_linear_object(b):
    return _run(b, LINEAR, b.linear, values=dict(_START, I=[0.5, 1.0, -0.3]))


def method_exponential_euler_object(b):
    return _run(b, COND_LINEAR, b.exponential_euler, values=_START)


def method_independent_object(b):
    return _run(b, INDEPENDENT, b.independent, values=_START)


def method_independent_by_name(b):
    return _run(b, INDEPENDENT, "independent", values=_START)


def explicit_midpoint(b):
    return _run(b, NONLINEAR, b.ExplicitStateUpdater(MIDPOINT),
                values=dict(_START, v_inf=[0.5, 1.0, -0.3]))


def explicit_ralston(b):
    return _run(b, NONLINEAR, b.ExplicitStateUpdater(RALSTON),
                values=dict(_START, v_inf=[0.5, 1.0, -0.3]))


def explicit_kutta3(b):
    return _run(b, NONLINEAR, b.ExplicitStateUpdater(KUTTA3),
                values=dict(_START, v_inf=[0.5, 1.0, -0.3]))


def explicit_registered_by_name(b):
    """StateUpdateMethod.register, then method='<name>' (the name is made unique per
    process: Brian2 refuses to register a name twice)."""
    name = f"kutta3_{next(_registered)}"
    b.StateUpdateMethod.register(name, b.ExplicitStateUpdater(KUTTA3))
    return _run(b, NONLINEAR, name, values=dict(_START, v_inf=[0.5, 1.0, -0.3]))


_registered = iter(range(10**6))

METHOD_CASES = {f.__name__: f for f in (
    method_euler_object, method_rk2_object, method_rk4_object, method_list_first_accepting,
    method_exact_object, method_linear_object, method_exponential_euler_object,
    method_independent_object, method_independent_by_name, explicit_midpoint,
    explicit_ralston, explicit_kutta3, explicit_registered_by_name)}


def in_unit_strings(b):
    a = np.array([1.23456, 2.0, -0.5])
    return [b.in_unit(3 * b.volt, b.mvolt), b.in_unit(123123 * b.msecond, b.second, 2),
            b.in_unit(10 * b.mV, b.ohm * b.amp), b.in_unit(a * b.mV, b.volt),
            b.in_unit(a * b.mV, b.volt, 2), b.in_unit(3 * b.mV, 2 * b.mV),
            b.in_unit(3 * b.mV / b.ms, b.volt / b.second), b.in_unit(3 * b.nS, b.siemens, 2),
            b.in_unit(7, 2), (25.123456 * b.mV).in_unit(b.volt),
            (25.123456 * b.mV).in_unit(b.volt, 3), (25.123456 * b.mV).in_unit(b.mV, 3),
            b.in_unit(5 * b.um2, b.umetre ** 2), b.in_unit(2 * b.nA, b.pA, 1)]


def in_best_unit_strings(b):
    # not here: dimensions without a named unit (V/s). Brian2 prints them in a compound
    # unit if one was made earlier in the process ('mV/ms' registers itself), else in SI
    # base units; eqsim does not register compound units as a side effect of arithmetic
    a = np.array([1.0, 2.5, 400.0])
    return [b.in_best_unit(0.00123456 * b.volt), b.in_best_unit(0.00123456 * b.volt, 2),
            b.in_best_unit(0.123456), b.in_best_unit(0.123456, 2),
            b.in_best_unit(np.array([0.123456, 1]), 2), b.in_best_unit(a * b.mV),
            b.in_best_unit(0.5 * b.second), b.in_best_unit(0.2 * b.second),
            b.in_best_unit(316 * b.ms), b.in_best_unit(2e-3 * b.metre ** 2),
            b.in_best_unit(1e-15 * b.volt),
            b.in_best_unit(5 * b.mmolar), b.in_best_unit(1.5 * b.kgram),
            b.in_best_unit(2 * b.siemens / b.metre ** 2), b.in_best_unit(0 * b.volt),
            b.in_best_unit(2 * b.mV * b.nA), (0.00123456 * b.volt).in_best_unit(3),
            str(0.5 * b.volt), str(np.array([0.5, 2]) * b.volt), str(2e-3 * b.metre ** 2),
            str(1e-15 * b.volt), repr(0.5 * b.volt), repr(np.array([1, 2]) * b.ms)]


def unit_objects(b):
    """Unit names, compound units, get_unit and register_new_unit."""
    out = [repr(b.ms), str(b.ms), repr(b.mV / b.ms), str(b.mV / b.ms),
           repr(b.ms ** 2), str(b.ms ** 2), repr(b.nS * b.mV), str(b.nS * b.mV),
           repr((b.mV / b.ms) / b.second), str(b.um ** 3),
           str(isinstance(b.ms, b.Unit)), str(isinstance(3 * b.ms, b.Unit)),
           str(isinstance(b.mV / b.ms, b.Unit)),
           repr(b.get_unit(b.volt.dim)), repr(b.get_unit(b.second.dim)),
           repr(b.get_unit(b.kgram.dim)), repr(b.get_unit(b.mmolar.dim)),
           str(b.Unit(1, dim=b.volt.dim)), repr(b.Unit(1, dim=b.volt.dim)),
           str(b.Unit(1)), repr(b.Unit(1))]
    b.register_new_unit(b.pfarad / b.mmetre ** 2)
    return out + [repr(2.0 * b.farad / b.metre ** 2), str(2.0 * b.farad / b.metre ** 2),
                  b.in_best_unit(2.0 * b.farad / b.metre ** 2)]


TEXT_CASES = {f.__name__: f for f in (in_unit_strings, in_best_unit_strings, unit_objects)}

#: Brian2 module paths scripts import from (Brian2's examples, tutorials and docs, and
#: the common ones); the test checks every name eqsim has is importable from the same
#: path under ``eqsim.``.
MODULES = ("brian2.units", "brian2.units.constants", "brian2.units.allunits",
           "brian2.units.fundamentalunits", "brian2.units.stdunits",
           "brian2.core.functions", "brian2.devices", "brian2.devices.device",
           "brian2.stateupdaters", "brian2.equations", "brian2.monitors", "brian2.input",
           "brian2.synapses", "brian2.groups", "brian2.core.network", "brian2.core.magic",
           "brian2.core.clocks", "brian2.core.preferences", "brian2.utils.logger",
           "brian2.only")

#: ``from brian2.X import name`` lines in Brian2's examples, tutorials and docs
#: (``git grep "from brian2\\." -- examples docs_sphinx tutorials``), as (module, name).
SCRIPT_IMPORTS = (("brian2.units.constants", "zero_celsius"),
                  ("brian2.units.constants", "gas_constant"),
                  ("brian2.units.constants", "faraday_constant"),
                  ("brian2.units", "ms"), ("brian2.units", "pA"), ("brian2.units", "mV"),
                  ("brian2.units.fundamentalunits", "Quantity"),
                  ("brian2.devices.device", "reset_device"),
                  ("brian2.core.network", "TextReport"),
                  ("brian2.core.functions", "timestep"))


def public_names(module_name):
    """The names a module offers: its ``__all__``, else its public attributes that are
    not modules."""
    module = importlib.import_module(module_name)
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in dir(module) if not n.startswith("_")
                 and type(getattr(module, n)).__name__ != "module"]
    return sorted(set(names))
