"""What a parsed expression names and calls: its free symbols, user functions and random
draws (every layer that handles expressions asks these, so they live with the IR).

Each answer is cached per expression: every ``run()`` asks them again for every statement
of every kernel, and a sympy traversal is slow (a few milliseconds per run() of a small
network). Expressions are immutable and compare by structure, so a cached answer is the
answer."""
import functools

import sympy
from sympy.core.function import AppliedUndef

from ..parsing.functions import RANDOM_FUNCTIONS

_CACHED_EXPRESSIONS = 4096


@functools.lru_cache(maxsize=_CACHED_EXPRESSIONS)
def _names(expr):
    return frozenset(s.name for s in expr.free_symbols)


@functools.lru_cache(maxsize=_CACHED_EXPRESSIONS)
def _calls(expr):
    return frozenset(call.func.__name__ for call in expr.atoms(AppliedUndef))


@functools.lru_cache(maxsize=_CACHED_EXPRESSIONS)
def _draws(expr):
    return frozenset(a for a in sympy.preorder_traversal(expr) if isinstance(a, RANDOM_FUNCTIONS))


def _expressions(exprs):
    return [e for e in exprs if e is not None and isinstance(e, sympy.Basic)]


def free_names(exprs):
    """Names of the free symbols of ``exprs`` (None and non-sympy entries skipped)."""
    names = set()
    for expr in _expressions(exprs):
        names |= _names(expr)
    return names


def called_functions(exprs):
    """Names of the user functions called in ``exprs`` (sympy undefined functions)."""
    names = set()
    for expr in _expressions(exprs):
        names |= _calls(expr)
    return names


def random_calls(exprs):
    """The ``rand``/``randn`` occurrences in ``exprs``, in a stable order."""
    found = set()
    for expr in _expressions(exprs):
        found |= _draws(expr)
    return sorted(found, key=lambda a: int(a.args[0]))
