"""What a parsed expression calls: user functions and random draws (every layer that
handles expressions asks these, so they live with the IR)."""
import sympy
from sympy.core.function import AppliedUndef

from ..parsing.functions import RANDOM_FUNCTIONS


def called_functions(exprs):
    """Names of the user functions called in ``exprs`` (sympy undefined functions)."""
    names = set()
    for expr in exprs:
        if expr is not None and hasattr(expr, "atoms"):
            names |= {call.func.__name__ for call in expr.atoms(AppliedUndef)}
    return names


def random_calls(exprs):
    """The ``rand``/``randn`` occurrences in ``exprs``, in a stable order."""
    found = set()
    for e in exprs:
        if e is None:
            continue
        found |= {a for a in sympy.preorder_traversal(e) if isinstance(a, RANDOM_FUNCTIONS)}
    return sorted(found, key=lambda a: int(a.args[0]))
