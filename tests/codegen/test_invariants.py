"""Loop-invariant hoisting: costly parts that depend only on constants, t and dt are
computed once per call; everything per element, random or integer-valued stays put, and
the numbers are what the unhoisted expressions give."""
import numpy as np
import sympy

from eqsim import NeuronGroup, StateMonitor, ms, run
from eqsim.codegen.invariants import InvariantHoister
from eqsim.parsing import functions as fn

v, tau, dt, n, x = sympy.symbols("v tau dt N x", real=True)
CONSTANTS = {"tau", "dt", "N"}


def _hoist(expr):
    hoister = InvariantHoister(CONSTANTS)
    return hoister.rewrite(expr), dict((str(s), e) for s, e in hoister.hoisted)


def test_exact_decay_factor_is_computed_once_not_per_element():
    rewritten, hoisted = _hoist(v * sympy.exp(-dt / tau))
    assert list(hoisted.values()) == [sympy.exp(-dt / tau)]
    assert rewritten == v * sympy.Symbol("_lio_1", real=True)


def test_division_by_a_constant_becomes_one_hoisted_factor():
    rewritten, hoisted = _hoist(-dt * v / tau + v)
    assert list(hoisted.values()) == [-dt / tau]
    assert rewritten.free_symbols == {v, sympy.Symbol("_lio_1", real=True)}


def test_identical_invariants_share_one_hoisted_value():
    _, hoisted = _hoist(v * sympy.exp(-dt / tau) + x * sympy.exp(-dt / tau))
    assert len(hoisted) == 1


def test_cheap_invariants_and_per_element_values_are_not_hoisted():
    for expr in (v + 2 * dt, v * tau, sympy.exp(v), v / x):
        rewritten, hoisted = _hoist(expr)
        assert hoisted == {} and rewritten == expr


def test_random_draws_are_never_hoisted():
    expr = fn.rand(0) / tau + v
    rewritten, hoisted = _hoist(expr)
    assert hoisted == {"_lio_1": 1 / tau}
    assert rewritten.has(fn.rand)


def test_integer_contexts_keep_their_exact_division():
    for expr in (fn.int_(v / tau), sympy.floor(x / n), sympy.Mod(x, n / 2)):
        rewritten, hoisted = _hoist(expr)
        assert hoisted == {} and rewritten == expr


def test_hoisted_exact_integration_matches_the_analytic_solution(target):
    group = NeuronGroup(2, "dv/dt = (2 - v)/tau : 1", method="exact",
                        namespace={"tau": 10 * ms})
    monitor = StateMonitor(group, "v", record=0)
    run(20 * ms)
    np.testing.assert_allclose(monitor.v[0], 2 * (1 - np.exp(-monitor.t_ / 0.01)),
                               rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(group.v[:], 2 * (1 - np.exp(-2.0)), rtol=1e-12)


def test_an_invariant_branch_of_a_conditional_keeps_its_kind():
    """A (value, condition) pair of a Piecewise, or a condition, is never a hoisted symbol
    (sympy cannot rebuild the Piecewise from one); the value inside may be."""
    expr = sympy.Piecewise((sympy.atan(tau), sympy.Ne(tau, dt)), (v, True))
    rewritten, hoisted = _hoist(expr)
    assert isinstance(rewritten, sympy.Piecewise)
    assert rewritten.subs({tau: 2.0, dt: 1.0, sympy.Symbol("_lio_1", real=True): np.arctan(2.0)}) \
        == expr.subs({tau: 2.0, dt: 1.0})
