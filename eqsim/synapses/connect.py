"""Which synapses a ``Synapses.connect(...)`` call creates: the (i, j) pair generator.

Every form of Brian2's ``connect`` is reduced to one of two things:

* explicit index arrays (``i=[...], j=[...]``), optionally thinned by ``p``;
* a generator over the source (or, for ``i='...'``, the target) neurons:
  ``connect(condition=c, p=q)`` is ``j for j in sample(N_post, p=q) if c``,
  ``connect(j='i')`` is ``i for _ in range(1)``, and
  ``j='k for k in range(...) if ...'`` is itself.

Generators are evaluated in blocks of source rows with NumPy. Random choices
come from the counter-based generator keyed by the row (``step``) and by the
candidate's own number in the row (``index``), so results depend only on
``seed`` and ``stream``, not on block sizes or evaluation order. A constant
``p`` walks each row by geometric gaps (cost proportional to the synapses
made, never a dense N_pre x N_post matrix); a ``p`` expression tests every
pair that passes the condition with ``uniform(seed, stream, step=i, index=j)``.
"""
import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from eqsim.errors import ConnectError, ConnectIndexError, ConnectTypeError
from eqsim.parsing.expressions import parse_expression
from eqsim.runtime.random import uniform
from eqsim.synapses.connect_errors import (CONFLICTING_ARGUMENTS, INDEX_OUT_OF_RANGE,
                                          INVALID_INDEX_ARRAY, INVALID_MULTIPLICITY,
                                          INVALID_PROBABILITY, LENGTH_MISMATCH,
                                          refuse_generator_condition)
from eqsim.synapses.connect_equality import equality_pairs
from eqsim.synapses.connect_sampled import RowCounts
from eqsim.synapses.connect_generator import (ConnectContext, Side, constant_value, empty_pairs,
                                              generator_pairs, is_constant)
from eqsim.runtime.sampling import SUB_KEEP
from eqsim.synapses.generator_syntax import (implicit_variable_symbol, parse_index_expression,
                                             range_generator)

__all__ = ["connection_pairs"]

#: connect(condition=...) with an expression that is not a truth value.
NOT_A_CONDITION = "EQ164"


def connection_pairs(*, n_pre: int, n_post: int, condition: str | None = None, i=None, j=None,
                     p=1.0, n=1, skip_if_invalid: bool = False, seed: int, stream: int,
                     evaluate, obj: str | None = None,
                     post_names=frozenset(), integer_names=frozenset(),
                     target_start: int = 0, target_stop: int | None = None,
                     compact_pre: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Return (i, j) int32 arrays of the synapses to create (a synapse repeated n times appears n times).

    Parameters
    ----------
    n_pre, n_post : int
        Sizes of the source and target groups.
    condition : str or bool, optional
        Boolean expression a pair must fulfil (``'abs(i-j) < 4 and i != j'``).
    i, j : int, array_like of int, or str, optional
        Explicit indices (arrays of equal length, or one of them a scalar), or
        for one of them a string: a generator (``'k for k in range(i-3, i+4)
        if k != i'``, ``'k for k in sample(N_post, p=0.1)'``) or an expression
        of the other index (``j='i'``).
    p : float or str
        Probability of each candidate pair, independently (number in [0, 1]
        or expression in ``i``, ``j`` and pre/post variables).
    n : int or str
        Number of synapses per selected pair (number or expression).
    skip_if_invalid : bool
        Drop generated indices outside the target group (and clip sample
        sizes) instead of raising.
    seed, stream : int
        Counter coordinates of all random choices of this call.
    evaluate : callable
        ``evaluate(expr, i, j)`` evaluates a parsed expression elementwise over
        aligned index arrays.
    obj : str, optional
        The Synapses' name, for error messages.
    post_names : set of str
        Names that mean a postsynaptic variable without the ``_post`` suffix (Brian2
        resolves them so), so that conditions using them depend on ``j``.
    integer_names : set of str
        External constants that are integers by type (allowed in range arguments).
    target_start, target_stop : int
        Make only the synapses onto the postsynaptic neurons ``target_start:target_stop``
        (default: all). Every draw is keyed so that the slices of any partition of the
        targets together make exactly the synapses of the whole call; a process of a
        distributed network makes its own slice, and one process uses ``(0, n_post)``.
    compact_pre : bool
        Allow ``i`` to come back as a :class:`~eqsim.synapses.connect_sampled.RowCounts`
        (the number of synapses of each source) when the synapses are made sorted by ``i``
        without per-pair work (``connect(p=...)``): no per-synapse array for ``i``.

    Returns
    -------
    i, j : ndarray of int32
        Sorted by ``i`` then ``j`` for condition/``p`` connections; in
        generation order (outer index, then iteration) for generators; in the
        given order for arrays. Repeated pairs are adjacent.

    Raises
    ------
    ConnectError
        Indices out of range, mismatched arrays, invalid ``p``/``n``/sample
        sizes, or arguments that cannot be combined.
    EquationError
        Malformed expressions or generator syntax.
    """
    if isinstance(condition, np.bool_):
        condition = bool(condition)
    target_stop = int(n_post) if target_stop is None else int(target_stop)
    if not 0 <= target_start <= target_stop <= n_post:
        raise ValueError(f"target slice {target_start}:{target_stop} is not within "
                         f"0:{n_post}")
    context = ConnectContext(int(n_pre), int(n_post), seed, stream, evaluate, obj,
                             bool(skip_if_invalid), frozenset(post_names),
                             frozenset(integer_names), int(target_start), target_stop,
                             bool(compact_pre))
    if i is not None and j is not None and not isinstance(i, str) and not isinstance(j, str) \
            and isinstance(n, str):  # as Brian2: n per pair is for generated synapses
        raise ConnectTypeError(f"index arrays i= and j= cannot be combined with the string "
                               f"n={n!r:.60}", obj=obj,
                               hint="give n as a number (n=2), or generate the synapses "
                                    "with a string, e.g. j='k for k in range(N_post) if ...'")
    probability = _parse_probability(p, obj)
    multiplicity = _parse_multiplicity(n, obj)
    if i is None and j is None:
        pre, post = _condition_pairs(context, condition, probability)
    else:
        if condition is not None and condition is not True:
            raise ConnectError("'condition' cannot be combined with 'i' or 'j'.",
                               code=CONFLICTING_ARGUMENTS, obj=obj,
                               hint="Put the condition into a generator's 'if' clause, e.g. "
                                    "j='k for k in range(N_post) if <condition>'.")
        if isinstance(i, str) or isinstance(j, str):
            pre, post = _string_index_pairs(context, i, j, probability)
        else:
            pre, post = _array_pairs(context, i, j, probability)
    return _repeat(context, pre, post, multiplicity)


# -- arguments ------------------------------------------------------------------------------
def _parse_probability(p, obj):
    """A float in [0, 1], or a sympy expression (for a non-constant string)."""
    if isinstance(p, str):
        expr = parse_expression(p, obj=obj)
        if not is_constant(expr):
            return expr
        p = constant_value(expr)
    try:
        value = float(p)
    except (TypeError, ValueError):
        raise ConnectError(f"The connection probability must be a number or a string, "
                           f"not {p!r}.", code=INVALID_PROBABILITY, obj=obj,
                           hint="Use e.g. p=0.1 or p='exp(-(x_pre - x_post)**2)'.") from None
    if not 0.0 <= value <= 1.0:
        raise ConnectError(f"The connection probability p={value} is outside [0, 1].",
                           code=INVALID_PROBABILITY, obj=obj, hint="Use a value in [0, 1].")
    return value


def _parse_multiplicity(n, obj):
    """A non-negative int, or a sympy expression (for a non-constant string)."""
    if isinstance(n, str):
        expr = parse_expression(n, obj=obj)
        if not is_constant(expr):
            return expr
        n = constant_value(expr)
    value = np.asarray(n)
    if value.ndim != 0 or value.dtype.kind not in "iuf" or not np.isfinite(value) \
            or value != np.trunc(value) or value < 0:
        raise ConnectError(f"The number of synapses per pair must be a non-negative integer, "
                           f"not {n!r}.", code=INVALID_MULTIPLICITY, obj=obj,
                           hint="Use e.g. n=2 or an expression such as n='1 + (i % 2)'.")
    return int(value)


# -- condition / p: a generator over all targets ---------------------------------------------
def _condition_pairs(context, condition, probability):
    if condition is False:
        return empty_pairs()
    condition_expr = None
    refuse_generator_condition(condition, context.obj)
    if isinstance(condition, str):
        condition_expr = parse_expression(condition, obj=context.obj)
        if not _is_truth_value(context, condition_expr):  # Brian2 refuses 'i*2', '1*mV'
            raise ConnectTypeError(f"The condition '{condition}' is not a boolean expression.",
                                   code=NOT_A_CONDITION, obj=context.obj,
                               hint="Compare, e.g. condition='i != j' or 'x_pre > 0'.")
        if condition_expr is sympy.false:
            return empty_pairs()
        if condition_expr is sympy.true:
            condition_expr = None
    elif condition is not None and condition is not True:
        raise ConnectTypeError(f"The condition must be a string or a bool, not {condition!r}.",
                               code=CONFLICTING_ARGUMENTS, obj=context.obj,
                               hint="Use e.g. condition='i != j'.")
    side = Side("i", "j", "_post", "postsynaptic", context.n_pre, context.n_post,
                context.post_names)
    if condition_expr is not None and isinstance(probability, float) \
            and probability == 1.0:
        pinned = equality_pairs(context, condition_expr)
        if pinned is not None:
            return pinned
    every_target = implicit_variable_symbol()
    if isinstance(probability, float):
        sample_p = None if probability == 1.0 else sympy.Float(probability)
        spec = range_generator(every_target, stop=sympy.Integer(context.n_post),
                               condition=condition_expr, p=sample_p, text=condition or "")
        return generator_pairs(context, spec, side, keep=1.0)
    spec = range_generator(every_target, stop=sympy.Integer(context.n_post),
                           condition=condition_expr, text=condition or "")
    return generator_pairs(context, spec, side, keep=probability)


def _is_truth_value(context, expr):
    """Whether a condition is boolean by type: a comparison, a logical operation, or a
    name whose values are booleans (a boolean variable)."""
    if not isinstance(expr, Boolean):
        return False
    if not isinstance(expr, sympy.Symbol) or not context.n_pre or \
            context.target_start == context.target_stop:
        return True
    first = np.zeros(1, dtype=np.int64)  # a stored target: the slice's first
    return np.asarray(context.evaluate(expr, first, first + context.target_start)).dtype \
        == np.bool_


# -- i='...' / j='...' ---------------------------------------------------------------------
def _string_index_pairs(context, i, j, probability):
    if isinstance(i, str) and isinstance(j, str) or not (i is None or j is None):
        raise ConnectTypeError("Only one of 'i' and 'j' can be a generator or expression "
                               "string, and it cannot be combined with the other index.",
                               code=CONFLICTING_ARGUMENTS, obj=context.obj,
                               hint="Generate one index from the other, e.g. "
                                    "j='k for k in range(i-3, i+4)', and leave the other unset.")
    if isinstance(j, str):
        side = Side("i", "j", "_post", "postsynaptic", context.n_pre, context.n_post,
                context.post_names)
        spec = parse_index_expression(j, obj=context.obj)
    else:
        side = Side("j", "i", "_pre", "presynaptic", context.n_post, context.n_pre)
        spec = parse_index_expression(i, obj=context.obj)
    return generator_pairs(context, spec, side, keep=probability)


# -- explicit arrays -------------------------------------------------------------------------
def _array_pairs(context, i, j, probability):
    if i is None or j is None:
        given = "i" if j is None else "j"
        raise ConnectError(f"'{given}' was given as indices without '{'j' if given == 'i' else 'i'}'.",
                           code=CONFLICTING_ARGUMENTS, obj=context.obj,
                           hint="Give both i and j arrays, or generate the other index, e.g. "
                                "j='k for k in range(N_post)'.")
    pre = _index_array(context, i, "i", context.n_pre, "presynaptic")
    post = _index_array(context, j, "j", context.n_post, "postsynaptic")
    if pre.ndim and post.ndim and pre.size != post.size:
        raise ConnectError(f"The i and j arrays have different lengths ({pre.size} and "
                           f"{post.size}).", code=LENGTH_MISMATCH, obj=context.obj,
                           hint="Give one (i, j) pair per synapse, or a scalar for one of them.")
    pre, post = (np.array(a, dtype=np.int64).ravel() for a in np.broadcast_arrays(pre, post))
    position = np.flatnonzero((post >= context.target_start) & (post < context.target_stop))
    if position.size < post.size:  # only the slice's targets
        pre, post = pre[position], post[position]
    if isinstance(probability, float) and probability == 1.0:
        return pre, post
    if isinstance(probability, float):
        threshold = probability
    else:
        threshold = np.asarray(context.evaluate(probability, pre, post), dtype=np.float64)
    # Keyed by the position in the given arrays: the same pair listed twice gets two
    # independent draws, whichever slice of the targets is made.
    u = uniform(context.seed, context.stream, 0, position, sub=SUB_KEEP)
    kept = np.atleast_1d(u < threshold)
    return pre[kept], post[kept]


def _index_array(context, values, name, size, group):
    array = np.asarray(values)
    if array.ndim > 1 or array.dtype.kind not in "iuf" or \
            (array.dtype.kind == "f" and not np.all(array == np.trunc(array))):
        raise ConnectTypeError(f"'{name}' must be an integer or a 1-d array of integers, "
                               f"not {values!r}.", code=INVALID_INDEX_ARRAY, obj=context.obj,
                               hint=f"Use e.g. {name}=[0, 1, 2].")
    outside = (array < 0) | (array >= size)
    if np.any(outside):
        bad = int(np.atleast_1d(array)[np.atleast_1d(outside)][0])
        raise ConnectIndexError(f"The {group} index {name}={bad} is outside the {group} group "
                           f"(valid: 0 to {size - 1}, N_{'pre' if name == 'i' else 'post'}={size}).",
                           code=INDEX_OUT_OF_RANGE, obj=context.obj,
                           hint=f"Indices of the {group} group run from 0 to {size - 1}.")
    return array.astype(np.int64)


# -- n synapses per pair ---------------------------------------------------------------------
def _repeat(context, pre, post, multiplicity):
    if isinstance(pre, RowCounts):
        if multiplicity == 1:
            return pre, post
        pre = pre.indices()
    if isinstance(multiplicity, int):
        if multiplicity != 1:
            pre, post = np.repeat(pre, multiplicity), np.repeat(post, multiplicity)
    elif pre.size:
        values = np.broadcast_to(np.asarray(context.evaluate(multiplicity, pre, post)), pre.shape)
        if values.dtype.kind not in "iufb" or not np.all(np.isfinite(values)) or \
                np.any(values < 0) or np.any(values != np.trunc(values)):
            raise ConnectError(f"The number of synapses per pair evaluated to "
                               f"{_first_invalid_count(values)!r}, which is not a non-negative "
                               f"integer.", code=INVALID_MULTIPLICITY, obj=context.obj,
                               hint="Make the expression an integer, e.g. with int(...).")
        counts = values.astype(np.int64)
        pre, post = np.repeat(pre, counts), np.repeat(post, counts)
    return pre.astype(np.int32, copy=False), post.astype(np.int32, copy=False)


def _first_invalid_count(values):
    values = np.asarray(values, dtype=np.float64)
    invalid = ~np.isfinite(values) | (values < 0) | (values != np.trunc(values))
    return float(values[invalid][0])


