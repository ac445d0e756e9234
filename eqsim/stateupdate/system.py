"""The equations to integrate, split into drift and noise parts.

Every integration method works on an :class:`OdeSystem`: the state variables, the
deterministic part ``f`` of each right-hand side and, per white-noise symbol, the
coefficient ``g`` that multiplies it (``dx/dt = f + g_1*xi_1 + g_2*xi_2``).
"""
from dataclasses import dataclass

import sympy
from sympy.core.function import AppliedUndef

from eqsim.errors import IntegrationError, RandomDrawInEquationError
from eqsim.parsing.functions import RANDOM_FUNCTIONS, is_noise_name


@dataclass(frozen=True)
class OdeSystem:
    """Differential equations ready for an integration method.

    Attributes
    ----------
    variables : tuple of str
        State variable names, in the caller's order.
    symbols : dict
        Name -> sympy Symbol for every state variable.
    drift : dict
        Name -> deterministic part ``f`` of the right-hand side.
    diffusion : dict
        Name -> {noise name -> coefficient ``g``}; empty dicts for deterministic equations.
    noise_names : tuple of str
        Every white-noise symbol used, sorted.
    noise_symbols : dict
        Noise name -> the sympy Symbol found in the equations.
    t, dt : sympy.Symbol
        Time and time step, as they appear in the equations (or freshly made).
    """

    variables: tuple
    symbols: dict
    drift: dict
    diffusion: dict
    noise_names: tuple
    noise_symbols: dict
    t: sympy.Symbol
    dt: sympy.Symbol

    @property
    def is_stochastic(self):
        return bool(self.noise_names)

    @property
    def noise_type(self):
        """``None`` (deterministic), ``'additive'`` or ``'multiplicative'``.

        Noise is multiplicative when a noise coefficient depends on a state variable
        or on ``t``, as in Brian2 (whose ``euler`` then refuses it and whose automatic
        choice moves on to ``heun``); a dependence on parameters is additive. ``t`` as
        the argument of a user function (a TimedArray ``I(t)``) does not count: Brian2
        accepts such noise as additive when the function is constant over a step.
        """
        if not self.noise_names:
            return None
        readers = set(self.symbols.values()) | {self.t}
        for coefficients in self.diffusion.values():
            for g in coefficients.values():
                if _explicit_symbols(g) & readers:
                    return "multiplicative"
        return "additive"

    def at(self, expr, values=None, t=None):
        """``expr`` with state variables replaced by ``values`` and ``t`` by ``t``.

        Parameters
        ----------
        expr : sympy.Expr
            An expression over the state variables (a drift or a noise coefficient).
        values : dict, optional
            State variable name -> expression to evaluate at (others keep their value).
        t : sympy.Expr, optional
            The time to evaluate at (default: the current ``t``).
        """
        replacements = {self.symbols[name]: value for name, value in (values or {}).items()}
        if t is not None:
            replacements[self.t] = t
        return expr.xreplace(replacements) if replacements else expr

    def state_dependent(self, expr):
        """Whether ``expr`` reads a state variable."""
        return bool(expr.free_symbols & set(self.symbols.values()))


def _explicit_symbols(expr):
    """Free symbols of ``expr`` outside the arguments of user function calls."""
    calls = expr.atoms(AppliedUndef)
    if not calls:
        return expr.free_symbols
    holders = {call: sympy.Dummy() for call in calls}
    return expr.xreplace(holders).free_symbols - set(holders.values())


def _find_symbol(name, free_symbols):
    # The caller makes symbols with real=True; matching by name keeps us correct even
    # if some symbol was made with other assumptions.
    for symbol in free_symbols:
        if symbol.name == name:
            return symbol
    return sympy.Symbol(name, real=True)


def _as_expression(name, rhs):
    if isinstance(rhs, str):
        # Raw text would need sympify, which evaluates code: the parser's job, not ours.
        raise TypeError(f"right-hand side of d{name}/dt must be a sympy expression, "
                        f"not the string {rhs!r}")
    return sympy.sympify(rhs)


def analyse(equations):
    """Split ``equations`` into an :class:`OdeSystem`.

    Parameters
    ----------
    equations : dict
        State variable name -> right-hand side of its ``d<name>/dt`` (sympy).

    Returns
    -------
    OdeSystem

    Raises
    ------
    IntegrationError
        If a right-hand side calls ``rand()``/``randn()`` (EQ307) or a noise symbol
        enters non-linearly (EQ306).
    """
    rhs = {name: _as_expression(name, expr) for name, expr in equations.items()}
    free = set().union(*(expr.free_symbols for expr in rhs.values())) if rhs else set()
    symbols = {name: _find_symbol(name, free) for name in rhs}
    noise_symbols = {s.name: s for s in free if is_noise_name(s.name)}
    noise_zero = {s: sympy.S.Zero for s in noise_symbols.values()}

    drift, diffusion = {}, {}
    for name, expr in rhs.items():
        if expr.atoms(*RANDOM_FUNCTIONS):
            raise RandomDrawInEquationError(
                f"the differential equation for '{name}' draws random numbers (rand, randn, "
                f"poisson): they would be drawn again at every stage of the method",
                hint="use the noise symbol xi for white noise, or move the random draw "
                     "into a subexpression flagged (constant over dt)")
        coefficients = {}
        for noise_name in sorted(noise_symbols):
            xi = noise_symbols[noise_name]
            if not expr.has(xi):
                continue
            g = sympy.diff(expr, xi)
            if g.free_symbols & set(noise_symbols.values()):
                raise IntegrationError(
                    f"the noise term '{noise_name}' enters the equation for '{name}' "
                    f"non-linearly: {expr}",
                    code="EQ306",
                    hint="white noise must appear as a sum of terms g*xi, with g free of "
                         "noise symbols")
            coefficients[noise_name] = g
        drift[name] = expr.xreplace(noise_zero)
        diffusion[name] = coefficients

    used_noise = sorted({n for coefficients in diffusion.values() for n in coefficients})
    return OdeSystem(
        variables=tuple(rhs),
        symbols=symbols,
        drift=drift,
        diffusion=diffusion,
        noise_names=tuple(used_noise),
        noise_symbols={n: noise_symbols[n] for n in used_noise},
        t=_find_symbol("t", free),
        dt=_find_symbol("dt", free),
    )
