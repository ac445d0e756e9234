"""Brian2's 'exact' refuses equations without a unique fixed point (a variable that does
not decay, dv/dt = rate): with no method given, Brian2 then integrates the whole group
with 'euler', and so does eqsim."""
import numpy as np
import pytest

from eqsim import NeuronGroup, StateMonitor, Synapses, defaultclock, ms, run, Hz
from eqsim.errors import IntegrationError


def test_a_group_with_a_non_decaying_variable_is_integrated_with_euler(target):
    # Brian2 2.9.0: A = 1, 0.9, 0.81, 0.729 (euler, 1 - dt/tau per step), not exp(-0.1*k)
    G = NeuronGroup(2, "dv/dt = rate : 1\nrate : Hz\ndA/dt = -A/(1*ms) : 1",
                    threshold="v > 1", reset="v = 0")
    G.rate = 1000 * Hz
    G.v = [1.0, 0.0]
    mon = StateMonitor(G, "A", record=[0])
    S = Synapses(G[:1], G[1:], on_pre="A_pre += 1")
    S.connect()
    run(0.5 * ms)
    np.testing.assert_allclose(mon.A[0], [0, 1, 0.9, 0.81, 0.729], rtol=1e-12)


@pytest.mark.parametrize("eqs", ["dv/dt = rate : 1\nrate : Hz",
                                 "dx/dt = (y - x)/ms : 1\ndy/dt = (x - y)/ms : 1"])
def test_exact_refuses_equations_without_a_unique_fixed_point(eqs):
    # Brian2 2.9.0: UnsupportedEquationsException from its linear integrator
    with pytest.raises(IntegrationError) as info:
        G = NeuronGroup(1, eqs, method="exact")
        run(defaultclock.dt)
    assert "EQ283" in str(info.value)


def test_exact_still_integrates_decaying_equations(target):
    G = NeuronGroup(1, "dv/dt = (2 - v)/(10*ms) : 1", method="exact")
    run(1 * ms)
    assert np.isclose(G.v[0], 2 * (1 - np.exp(-0.1)), rtol=1e-12)
