"""Keeping the grouping the user wrote in numeric code.

sympy multiplies a number into a sum (``(i - 7)*0.45`` becomes ``0.45*i - 3.15``).
Brian2 computes statements, thresholds and reset code as written (``0.45*(i - 7)``),
and the two differ in the last bit, which moves results of ``//``, ``%``, ``int`` and
comparisons at their boundaries (``(i - 7)*0.45`` is 0 for i = 7 only as written).
Expressions are therefore built, and rebuilt while a network is built (subexpressions
and synaptic names substituted, in-place operators written out, printing), with sympy's
distribution of numbers over sums switched off. The state updaters work on the
expressions with sympy's ordinary rules, as Brian2's do.
"""
import functools

from sympy.core.parameters import distribute

__all__ = ["as_written", "with_sympy_rules"]


def as_written():
    """A context in which sympy keeps ``number*(a + b)`` a product (sympy's switch is
    per thread, so other threads' sympy work keeps its usual rules)."""
    return distribute(False)


def with_sympy_rules(function):
    """``function`` run with sympy's ordinary distribution, wherever it is called from:
    the state updaters derive their update rules with sympy, as Brian2's do."""
    @functools.wraps(function)
    def wrapped(*args, **kwargs):
        with distribute(True):
            return function(*args, **kwargs)
    return wrapped
