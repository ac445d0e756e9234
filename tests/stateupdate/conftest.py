"""A tiny NumPy evaluator for integrator statements (tests only).

Each statement is lambdified; ``randn(k)`` occurrences become arguments so a test can
supply (and record) the standard normal draws of every step.
"""
import numpy as np
import pytest
import sympy

from eqsim.parsing.functions import rand, randn


def symbol(name):
    return sympy.Symbol(name, real=True)


class Stepper:
    """Runs a statement list on arrays of state values.

    Parameters
    ----------
    statements : list of (str, sympy.Expr)
    parameters : dict
        Name -> float for every symbol that is neither state, t, dt nor a temporary.
    dt : float
    draw : callable, optional
        ``draw(k, shape) -> ndarray`` giving the standard normal draw for ``randn(k)``.
    functions : dict, optional
        Name -> NumPy implementation of functions NumPy lacks (``clip``, ``exprel``).
    """

    def __init__(self, statements, parameters, dt, draw=None, seed=0, functions=None):
        self.dt = dt
        self.parameters = dict(parameters)
        rng = np.random.default_rng(seed)
        self.draw = draw or (lambda k, shape: rng.standard_normal(shape))
        self.draw_numbers = sorted({int(call.args[0]) for _, expr in statements
                                    for call in expr.atoms(randn)})
        self.compiled = []
        for target, expr in statements:
            draws = {call: symbol(f"draw{int(call.args[0])}") for call in expr.atoms(randn)}
            assert not expr.atoms(rand), "integrators never draw uniform numbers"
            expr = expr.xreplace(draws)
            names = sorted(s.name for s in expr.free_symbols)
            function = sympy.lambdify([symbol(n) for n in names], expr,
                                      modules=[functions or {}, "numpy"])
            self.compiled.append((target, names, function))

    def step(self, state, t):
        """Advance ``state`` (dict name -> array, updated in place) by one step at time ``t``."""
        shape = np.shape(next(iter(state.values())))
        namespace = dict(self.parameters, t=t, dt=self.dt, **state)
        for k in self.draw_numbers:
            namespace[f"draw{k}"] = self.draw(k, shape)
        for target, names, function in self.compiled:
            namespace[target] = function(*(namespace[n] for n in names)) + np.zeros(shape)
        for name in state:
            state[name] = namespace[name]

    def run(self, state, steps, t0=0.0):
        """Run ``steps`` steps from ``t0``; returns the state dict."""
        state = {name: np.array(value, dtype=float) for name, value in state.items()}
        for n in range(steps):
            self.step(state, t0 + n * self.dt)
        return state


@pytest.fixture
def stepper():
    return Stepper
