"""Conditions that pin one index to the other: ``connect('i == f(j)')`` / ``'g(i) == j'``.

Such a condition admits at most one source per target (or one target per
source), so its pairs follow from evaluating ``f`` once per target instead of
testing every one of the N_pre x N_post candidates. Brian2's own examples
connect synapses to astrocytes this way
(``Synapses(astrocytes, exc_syn).connect('i == astrocyte_index_post')``, with
640,000 synapses and 3,200 astrocytes: 2e9 candidate pairs).

The result is the one the full test gives: the whole condition (the equality
and any clause ``and``-ed to it) is evaluated on the candidate pairs, by the
caller's evaluator, so types, units and errors are those of the general path,
and the pairs are sorted by ``i`` then ``j``.
"""
import numpy as np
import sympy

from eqsim.parsing.functions import rand, randn

__all__ = ["equality_pairs"]


def equality_pairs(context, condition):
    """The (i, j) pairs satisfying ``condition``, if it pins one index; else None.

    Parameters
    ----------
    context : eqsim.synapses.connect_generator.ConnectContext
    condition : sympy.Basic
        The parsed condition (``Eq(i, f)``, possibly inside an ``And``).

    Returns
    -------
    (i, j) : tuple of int64 ndarray, or None
        None when no clause of the condition has the form ``i == f`` with ``f``
        free of presynaptic names (or ``j == g`` with ``g`` free of
        postsynaptic names), or when the condition draws random numbers.
    """
    if condition.atoms(rand, randn):
        return None
    clauses = condition.args if isinstance(condition, sympy.And) else (condition,)
    for clause in clauses:
        if not isinstance(clause, sympy.Eq):
            continue
        for index, other in ((clause.lhs, clause.rhs), (clause.rhs, clause.lhs)):
            if _is_symbol(index, "i") and not _depends(other, context, pre=True):
                return _pinned(context, condition, other, pinned="i")
            if _is_symbol(index, "j") and not _depends(other, context, pre=False):
                return _pinned(context, condition, other, pinned="j")
    return None


def _pinned(context, condition, other, pinned):
    """Candidates from ``pinned == other`` (other evaluated per free index), then filtered."""
    lo, hi = context.target_start, context.target_stop  # the targets made here
    n_pinned = context.n_pre if pinned == "i" else context.n_post
    free = np.arange(lo, hi, dtype=np.int64) if pinned == "i" \
        else np.arange(context.n_pre, dtype=np.int64)
    zeros = np.zeros_like(free)
    values = context.evaluate(other, zeros, free) if pinned == "i" \
        else context.evaluate(other, free, zeros)
    values = np.broadcast_to(np.asarray(values), free.shape)
    if values.dtype.kind == "b":
        values = values.astype(np.int64)
    if values.dtype.kind == "f":
        # only an integral value can equal an index; NaN and inf equal none
        integral = np.isfinite(values) & (values == np.trunc(values))
        values = np.where(integral, values, -1.0)
    inside = (values >= 0) & (values < n_pinned)
    if pinned == "j":
        inside &= (values >= lo) & (values < hi)
    free = free[inside]
    target = values[inside].astype(np.int64)
    pre, post = (target, free) if pinned == "i" else (free, target)
    order = np.lexsort((post, pre))
    pre, post = pre[order], post[order]
    if pre.size:
        passed = np.broadcast_to(np.asarray(context.evaluate(condition, pre, post)), pre.shape)
        passed = passed.astype(bool)
        pre, post = pre[passed], post[passed]
    return pre, post


def _is_symbol(expr, name):
    return isinstance(expr, sympy.Symbol) and expr.name == name


def _depends(expr, context, pre):
    """Whether ``expr`` reads the presynaptic (``pre``) or postsynaptic side."""
    for symbol in expr.free_symbols:
        name = symbol.name
        if name in ("N_pre", "N_post"):
            continue
        if pre and (name == "i" or name.endswith("_pre")):
            return True
        if not pre and (name == "j" or name.endswith("_post") or name in context.post_names):
            return True
    return False
