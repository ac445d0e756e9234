"""Brian2's examples that integrate conditionally linear equations with
``exponential_euler`` (Wang–Buzsáki 1996, Morris–Lecar 1981), shortened, run with
``from eqsim import *`` on both targets and compared with what Brian2 2.9.0 computed
(``brian2_stateupdate_examples.npz``, made by ``make_brian2_stateupdate_reference.py``).

The gating variables make the coefficients of ``dv/dt = A*v + B`` depend on ``v``
itself; both simulators split and update the equations the same way, so the traces
agree to rounding. Measured: at most 1.8e-13 absolute on both targets (volts for
``v``/``V``, 1 for gating variables), where Brian2's own cython and numpy targets
differ by up to 1.3e-13 (the JSON sidecar); relative to each value 1e-10 or better
except where ``V`` crosses zero (1e-9 at ``V`` = 0.4 uV), hence the absolute floor.
"""
import json
from pathlib import Path

import numpy as np

from eqsim import *  # noqa: F401,F403  (the examples are written against the star import)

HERE = Path(__file__).resolve().parent
REFERENCE = np.load(HERE / "brian2_stateupdate_examples.npz")
SIDECAR = json.loads((HERE / "brian2_stateupdate_examples.json").read_text())
TRACE_TOLERANCE = dict(rtol=1e-9, atol=1e-12)


def assert_same_traces(example, monitor, names):
    np.testing.assert_allclose(np.asarray(monitor.t, dtype=float),
                               REFERENCE[f"{example}__t"], rtol=0, atol=1e-12)
    for name in names:
        np.testing.assert_allclose(np.asarray(getattr(monitor, name), dtype=float),
                                   REFERENCE[f"{example}__{name}"], **TRACE_TOLERANCE,
                                   err_msg=f"{example}: {name}")


def test_wang_buzsaki_exponential_euler_gives_brian2_traces(target):
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
    assert_same_traces("wang_buzsaki", M, ["v", "h", "n"])
    assert np.max(M.v[0]) > 0*mV  # the shortened run still contains action potentials


def test_morris_lecar_exponential_euler_gives_brian2_traces(target):
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
    assert_same_traces("morris_lecar", mon, ["V", "n"])
