"""Loop-invariant hoisting: costly parts of a kernel's expressions that depend only on
constants, ``t`` and ``dt`` are computed once per kernel call instead of once per element.

``dv/dt = -v/tau`` integrated exactly needs ``exp(-dt/tau)``; evaluated per neuron that is
a vector exp and a division in every step, hoisted it is one scalar exp. Divisions by a
constant become multiplications by its reciprocal, as in Brian2's own code generation
(its ``_lio_`` constants). Only subexpressions that cost something are hoisted (a
division, a fractional power, a transcendental function), so hoisted values are always
floating point; integer contexts (``int``, ``floor``, ``ceil``, ``%``, ``timestep``) are
left untouched, because a reciprocal's rounding could move a truncated value.
"""
import sympy
from sympy.core.function import AppliedUndef
from sympy.functions.elementary.piecewise import ExprCondPair
from sympy.logic.boolalg import Boolean

from ..parsing import functions as fn

# calls whose result is a float worth computing once
_FLOAT_FUNCTIONS = (sympy.exp, sympy.log, fn.log10, fn.exprel, sympy.sin, sympy.cos, sympy.tan,
                    sympy.sinh, sympy.cosh, sympy.tanh, sympy.asin, sympy.acos, sympy.atan)
# calls that must see their argument exactly as written
_EXACT_FUNCTIONS = (fn.int_, sympy.floor, sympy.ceiling, sympy.Mod, fn.timestep, sympy.sign)
PREFIX = "_lio_"


def _costly(expr):
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, _FLOAT_FUNCTIONS):
            return True
        if node.is_Pow and not (node.exp.is_Integer and node.exp > 0):
            return True
    return False


class InvariantHoister:
    """Rewrites expressions, collecting the hoisted ones as ``(symbol, expression)``.

    Parameters
    ----------
    invariant_names : iterable of str
        Names whose value cannot change during one kernel call (constants, ``t``, ``dt``).
    name : callable, optional
        Makes the name of the n-th hoisted value (kernels fused into one function need
        distinct ones); ``_lio_<n>`` by default.
    """

    def __init__(self, invariant_names, name=None):
        self._invariant = frozenset(invariant_names)
        self._name = name or (lambda n: f"{PREFIX}{n}")
        self._hoisted = {}  # expression -> symbol, in order of creation

    @property
    def hoisted(self):
        """``[(symbol, expression), ...]`` in an order in which they can be computed."""
        return [(symbol, expr) for expr, symbol in self._hoisted.items()]

    def rewrite(self, expr):
        """``expr`` with its costly invariant parts replaced by hoisted symbols."""
        if expr is None or not isinstance(expr, sympy.Basic):
            return expr
        return self._visit(expr)

    def _is_invariant(self, expr):
        if any(s.name not in self._invariant for s in expr.free_symbols):
            return False
        return not expr.has(*fn.RANDOM_FUNCTIONS) and not expr.atoms(AppliedUndef)

    def _hoist(self, expr):
        if expr not in self._hoisted:
            self._hoisted[expr] = sympy.Symbol(self._name(len(self._hoisted) + 1), real=True)
        return self._hoisted[expr]

    def _visit(self, expr):
        if expr.is_Atom or isinstance(expr, _EXACT_FUNCTIONS):
            return expr
        if isinstance(expr, ExprCondPair):
            # a (value, condition) entry of a Piecewise: its parts may be hoisted, it may not
            return ExprCondPair(self._visit(expr.expr), self._visit(expr.cond))
        if isinstance(expr, Boolean) and not expr.is_Symbol:
            # truth values stay where they are (hoisted values are doubles); their operands
            # may be hoisted
            return expr.func(*(self._visit(a) for a in expr.args))
        if self._is_invariant(expr):
            # only values become hoisted (real) symbols: a Piecewise branch (expression,
            # condition) or a condition must keep its kind
            return self._hoist(expr) if _costly(expr) and isinstance(expr, sympy.Expr) else expr
        if isinstance(expr, (sympy.Mul, sympy.Add)):
            # a*x/tau: the invariant factors a/tau go together, x stays per element
            invariant = [a for a in expr.args if self._is_invariant(a)]
            varying = [self._visit(a) for a in expr.args if not self._is_invariant(a)]
            if invariant and _costly(expr.func(*invariant)):
                return expr.func(self._hoist(expr.func(*invariant)), *varying)
            return expr.func(*invariant, *varying)
        return expr.func(*(self._visit(a) for a in expr.args))
