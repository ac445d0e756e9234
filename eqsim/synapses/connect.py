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
from dataclasses import dataclass
from typing import Callable

import numpy as np
import sympy

from eqsim.errors import ConnectError
from eqsim.parsing.expressions import parse_expression
from eqsim.parsing.functions import rand, randn
from eqsim.runtime.random import uniform
from eqsim.synapses.connect_sampling import (SUB_KEEP, bernoulli_positions, expand_ranges,
                                             fixed_size_cost, fixed_size_positions)
from eqsim.synapses.generator_syntax import (implicit_variable_symbol, parse_index_expression,
                                             range_generator)

__all__ = ["connection_pairs"]

# -- error codes (EQ50x: connect) ---------------------------------------------
#: A given or generated index lies outside its group.
INDEX_OUT_OF_RANGE = "EQ501"
#: ``i`` and ``j`` arrays of different lengths.
LENGTH_MISMATCH = "EQ502"
#: A connection probability outside [0, 1] (or not a number).
INVALID_PROBABILITY = "EQ503"
#: Arguments that cannot be combined (condition with i/j, two generators...).
CONFLICTING_ARGUMENTS = "EQ504"
#: A number of synapses per pair that is negative or not an integer.
INVALID_MULTIPLICITY = "EQ505"
#: A ``sample(..., size=...)`` larger than the range, or negative.
INVALID_SAMPLE_SIZE = "EQ506"
#: A generator part depending on something it cannot depend on.
INVALID_DEPENDENCY = "EQ507"
#: A ``range``/``sample`` with step 0, or non-finite bounds.
INVALID_RANGE = "EQ508"
#: Index arrays that are not integers.
INVALID_INDEX_ARRAY = "EQ509"

# Candidate pairs (or draws) handled per block: bounds the temporaries.
_BLOCK_ELEMENTS = 1 << 21


@dataclass(frozen=True)
class _Side:
    """Which index a generator iterates over (outer) and which it generates (target)."""
    outer: str            # 'i' for j=... generators, 'j' for i=... generators
    target: str
    target_suffix: str    # names of the target group's variables end with this
    target_group: str     # 'postsynaptic' / 'presynaptic', for messages
    n_outer: int
    n_target: int

    def ij(self, outer_values, target_values):
        return ((outer_values, target_values) if self.outer == "i"
                else (target_values, outer_values))


@dataclass(frozen=True)
class _Context:
    n_pre: int
    n_post: int
    seed: int
    stream: int
    evaluate: Callable
    obj: str | None
    skip_if_invalid: bool


def connection_pairs(*, n_pre: int, n_post: int, condition: str | None = None, i=None, j=None,
                     p=1.0, n=1, skip_if_invalid: bool = False, seed: int, stream: int,
                     evaluate, obj: str | None = None) -> tuple[np.ndarray, np.ndarray]:
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
    context = _Context(int(n_pre), int(n_post), seed, stream, evaluate, obj, bool(skip_if_invalid))
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
        if not _is_constant(expr):
            return expr
        p = _constant_value(expr)
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
        if not _is_constant(expr):
            return expr
        n = _constant_value(expr)
    value = np.asarray(n)
    if value.ndim != 0 or value.dtype.kind not in "iuf" or not np.isfinite(value) \
            or value != np.trunc(value) or value < 0:
        raise ConnectError(f"The number of synapses per pair must be a non-negative integer, "
                           f"not {n!r}.", code=INVALID_MULTIPLICITY, obj=obj,
                           hint="Use e.g. n=2 or an expression such as n='1 + (i % 2)'.")
    return int(value)


def _is_constant(expr):
    return not expr.free_symbols and not expr.atoms(rand, randn)


def _constant_value(expr):
    if expr is sympy.true or expr is sympy.false:
        return bool(expr)
    return float(expr)


# -- condition / p: a generator over all targets ---------------------------------------------
def _condition_pairs(context, condition, probability):
    if condition is False:
        return _empty()
    condition_expr = None
    if isinstance(condition, str):
        condition_expr = parse_expression(condition, obj=context.obj)
        if condition_expr is sympy.false:
            return _empty()
        if condition_expr is sympy.true:
            condition_expr = None
    elif condition is not None and condition is not True:
        raise ConnectError(f"The condition must be a string or a bool, not {condition!r}.",
                           code=CONFLICTING_ARGUMENTS, obj=context.obj,
                           hint="Use e.g. condition='i != j'.")
    side = _Side("i", "j", "_post", "postsynaptic", context.n_pre, context.n_post)
    every_target = implicit_variable_symbol()
    if isinstance(probability, float):
        sample_p = None if probability == 1.0 else sympy.Float(probability)
        spec = range_generator(every_target, stop=sympy.Integer(context.n_post),
                               condition=condition_expr, p=sample_p, text=condition or "")
        return _generator_pairs(context, spec, side, keep=1.0)
    spec = range_generator(every_target, stop=sympy.Integer(context.n_post),
                           condition=condition_expr, text=condition or "")
    return _generator_pairs(context, spec, side, keep=probability)


# -- i='...' / j='...' ---------------------------------------------------------------------
def _string_index_pairs(context, i, j, probability):
    if isinstance(i, str) and isinstance(j, str) or not (i is None or j is None):
        raise ConnectError("Only one of 'i' and 'j' can be a generator or expression string, "
                           "and it cannot be combined with the other index.",
                           code=CONFLICTING_ARGUMENTS, obj=context.obj,
                           hint="Generate one index from the other, e.g. "
                                "j='k for k in range(i-3, i+4)', and leave the other unset.")
    if isinstance(j, str):
        side = _Side("i", "j", "_post", "postsynaptic", context.n_pre, context.n_post)
        spec = parse_index_expression(j, obj=context.obj)
    else:
        side = _Side("j", "i", "_pre", "presynaptic", context.n_post, context.n_pre)
        spec = parse_index_expression(i, obj=context.obj)
    return _generator_pairs(context, spec, side, keep=probability)


def _generator_pairs(context, spec, side, *, keep):
    """All (i, j) of a generator, block by block over the outer index."""
    _check_dependencies(context, spec, side)
    outer = np.arange(side.n_outer, dtype=np.int64)
    start = _row_integers(context, spec, spec.start, side, outer, "start")
    stop = _row_integers(context, spec, spec.stop, side, outer, "stop")
    step = _row_integers(context, spec, spec.step, side, outer, "step")
    if np.any(step == 0):
        raise ConnectError(f"The step of the range in '{spec.text}' is 0.",
                           code=INVALID_RANGE, obj=context.obj, hint="Use a non-zero step.")
    lengths = np.maximum(0, -((start - stop) // step))  # ceil((stop - start) / step)
    if spec.p is not None:
        sample_p = _row_probabilities(context, spec, side, outer)
        cost = lengths * sample_p + 1.0
    elif spec.size is not None:
        sizes = _row_sample_sizes(context, spec, side, outer, lengths)
        cost = fixed_size_cost(lengths, sizes)
    else:
        cost = lengths
    pre_parts, post_parts = [], []
    for rows in _row_blocks(cost, _BLOCK_ELEMENTS):
        if spec.p is not None:
            owner, position = bernoulli_positions(rows, lengths[rows], sample_p[rows],
                                                  seed=context.seed, stream=context.stream)
        elif spec.size is not None:
            owner, position = fixed_size_positions(rows, lengths[rows], sizes[rows],
                                                   seed=context.seed, stream=context.stream)
        else:
            owner, position = expand_ranges(lengths[rows])
        outer_index = rows[owner]
        k = start[outer_index] + position * step[outer_index]
        outer_index, k, target = _select(context, spec, side, outer_index, k)
        outer_index, target = _keep(context, side, keep, outer_index, k, target)
        pre, post = side.ij(outer_index, target)
        pre_parts.append(pre)
        post_parts.append(post)
    if not pre_parts:
        return _empty()
    return np.concatenate(pre_parts), np.concatenate(post_parts)


def _row_blocks(cost, budget):
    """Consecutive row ranges whose summed cost stays near ``budget`` (at least one row each)."""
    total = np.cumsum(np.asarray(cost, dtype=np.float64))
    first = 0
    while first < total.size:
        done = total[first - 1] if first else 0.0
        last = max(int(np.searchsorted(total, done + budget, side="right")), first + 1)
        last = min(last, total.size)
        yield np.arange(first, last, dtype=np.int64)
        first = last


def _select(context, spec, side, outer, k):
    """Element values, the ``if`` clause and the bounds check, in Brian2's order.

    A condition that refers to the target index (or target variables) can only
    be evaluated for valid targets, so bounds are checked first; otherwise the
    condition goes first and may exclude out-of-range candidates itself.
    """
    variable = spec.variable_symbol
    target_symbol = sympy.Symbol(side.target, real=True)
    if spec.element == variable:
        target = k
    else:
        values = _evaluate(context, spec.element.subs(variable, target_symbol), side, outer, k)
        target = _as_index(context, values, spec, "element")
    condition = spec.condition
    if condition is None:
        return _bounds(context, spec, side, outer, k, target)
    uses_k = variable in condition.free_symbols
    if _uses_target(condition, side):
        outer, k, target = _bounds(context, spec, side, outer, k, target)
        if uses_k and spec.element != variable:
            raise ConnectError(
                f"The 'if' clause of '{spec.text}' uses both '{spec.variable}' and the "
                f"generated index '{side.target}' (or {side.target_group} variables), "
                f"which is only supported when the generated element is '{spec.variable}' itself.",
                code=INVALID_DEPENDENCY, obj=context.obj,
                hint=f"Write the condition in terms of '{side.target}' only.")
        passed = _evaluate(context, condition.subs(variable, target_symbol), side, outer, target)
        mask = _as_bool(passed)
        return outer[mask], k[mask], target[mask]
    second = k if uses_k else np.clip(target, 0, max(side.n_target - 1, 0))
    mask = _as_bool(_evaluate(context, condition.subs(variable, target_symbol), side, outer,
                              second))
    return _bounds(context, spec, side, outer[mask], k[mask], target[mask])


def _bounds(context, spec, side, outer, k, target):
    valid = (target >= 0) & (target < side.n_target)
    if valid.all():
        return outer, k, target
    if not context.skip_if_invalid:
        bad = int(np.flatnonzero(~valid)[0])
        raise ConnectError(
            f"The generated index {side.target}={int(target[bad])} (for {side.outer}="
            f"{int(outer[bad])}, from '{spec.text}') is outside the {side.target_group} group "
            f"(valid: 0 to {side.n_target - 1}, N_{side.target_suffix[1:]}={side.n_target}).",
            code=INDEX_OUT_OF_RANGE, obj=context.obj,
            hint="Pass skip_if_invalid=True to drop such indices, or exclude them with an "
                 "'if' clause.")
    return outer[valid], k[valid], target[valid]


def _keep(context, side, keep, outer, k, target):
    """Keep each pair with probability ``keep``, drawn per (outer index, candidate)."""
    if isinstance(keep, float) and keep == 1.0:
        return outer, target
    if isinstance(keep, float):
        probability = keep
    else:
        probability = np.asarray(_evaluate(context, keep, side, outer, target), dtype=np.float64)
    u = uniform(context.seed, context.stream, outer, k, sub=SUB_KEEP)
    kept = np.atleast_1d(u < probability)
    return outer[kept], target[kept]


def _check_dependencies(context, spec, side):
    """Reject generator parts that depend on what is not known when they are evaluated."""
    forbidden_in_range = {spec.variable, side.target}
    for what, expr in (("range arguments", spec.start), ("range arguments", spec.stop),
                       ("range arguments", spec.step), ("sample probability", spec.p),
                       ("sample size", spec.size), ("generated element", spec.element)):
        if expr is None:
            continue
        names = {symbol.name for symbol in expr.free_symbols}
        allowed_k = what == "generated element"
        bad = sorted(name for name in names
                     if (name in forbidden_in_range and not (allowed_k and name == spec.variable))
                     or _is_target_variable(name, side))
        if bad:
            raise ConnectError(
                f"The {what} of '{spec.text}' cannot depend on {', '.join(repr(b) for b in bad)}: "
                f"they are evaluated for each {side.outer} before any {side.target} exists.",
                code=INVALID_DEPENDENCY, obj=context.obj,
                hint=f"Use '{side.outer}', N_pre, N_post, constants and variables ending in "
                     f"'{'_pre' if side.outer == 'i' else '_post'}'; filter on "
                     f"'{side.target}' in the 'if' clause.")


def _uses_target(expr, side):
    return any(symbol.name == side.target or _is_target_variable(symbol.name, side)
               for symbol in expr.free_symbols)


def _is_target_variable(name, side):
    # N_pre and N_post are group sizes, constants for the whole call.
    return name.endswith(side.target_suffix) and name not in ("N_pre", "N_post")


# -- per-row iterator arguments ----------------------------------------------------------------
def _row_integers(context, spec, expr, side, outer, what):
    values = np.asarray(_evaluate(context, expr, side, outer, np.zeros_like(outer)))
    if values.dtype.kind == "b" or not np.all(np.isfinite(values)):
        raise ConnectError(f"The range {what} in '{spec.text}' must be a finite number.",
                           code=INVALID_RANGE, obj=context.obj)
    return np.trunc(values).astype(np.int64)  # C's int conversion, as in Brian2


def _row_probabilities(context, spec, side, outer):
    values = np.asarray(_evaluate(context, spec.p, side, outer, np.zeros_like(outer)),
                        dtype=np.float64)
    if not np.all((values >= 0.0) & (values <= 1.0)):
        bad = values[~((values >= 0.0) & (values <= 1.0))][0]
        raise ConnectError(f"The sample probability p={bad} in '{spec.text}' is outside [0, 1].",
                           code=INVALID_PROBABILITY, obj=context.obj, hint="Use a value in [0, 1].")
    return values


def _row_sample_sizes(context, spec, side, outer, lengths):
    sizes = _row_integers(context, spec, spec.size, side, outer, "sample size")
    invalid = (sizes < 0) | (sizes > lengths)
    if invalid.any():
        if context.skip_if_invalid:
            return np.clip(sizes, 0, lengths)
        bad = int(np.flatnonzero(invalid)[0])
        raise ConnectError(
            f"The sample size {int(sizes[bad])} in '{spec.text}' (for {side.outer}={bad}) is "
            f"{'negative' if sizes[bad] < 0 else f'larger than the range ({int(lengths[bad])} elements)'}.",
            code=INVALID_SAMPLE_SIZE, obj=context.obj,
            hint="Pass skip_if_invalid=True to clip sample sizes to the range.")
    return sizes


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
    if isinstance(probability, float) and probability == 1.0:
        return pre, post
    if isinstance(probability, float):
        threshold = probability
    else:
        threshold = np.asarray(context.evaluate(probability, pre, post), dtype=np.float64)
    # Keyed by position: the same pair listed twice gets two independent draws.
    u = uniform(context.seed, context.stream, 0, np.arange(pre.size), sub=SUB_KEEP)
    kept = np.atleast_1d(u < threshold)
    return pre[kept], post[kept]


def _index_array(context, values, name, size, group):
    array = np.asarray(values)
    if array.ndim > 1 or array.dtype.kind not in "iuf" or \
            (array.dtype.kind == "f" and not np.all(array == np.trunc(array))):
        raise ConnectError(f"'{name}' must be an integer or a 1-d array of integers, "
                           f"not {values!r}.", code=INVALID_INDEX_ARRAY, obj=context.obj,
                           hint=f"Use e.g. {name}=[0, 1, 2].")
    outside = (array < 0) | (array >= size)
    if np.any(outside):
        bad = np.atleast_1d(array)[np.atleast_1d(outside)][0]
        raise ConnectError(f"The {group} index {name}={bad!r} is outside the {group} group "
                           f"(valid: 0 to {size - 1}, N_{'pre' if name == 'i' else 'post'}={size}).",
                           code=INDEX_OUT_OF_RANGE, obj=context.obj,
                           hint=f"Indices of the {group} group run from 0 to {size - 1}.")
    return array.astype(np.int64)


# -- n synapses per pair ---------------------------------------------------------------------
def _repeat(context, pre, post, multiplicity):
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
    return pre.astype(np.int32), post.astype(np.int32)


def _first_invalid_count(values):
    values = np.asarray(values, dtype=np.float64)
    invalid = ~np.isfinite(values) | (values < 0) | (values != np.trunc(values))
    return float(values[invalid][0])


# -- helpers ---------------------------------------------------------------------------------
def _evaluate(context, expr, side, outer, second):
    """Values of ``expr`` for aligned outer/target index arrays, broadcast to their shape."""
    if _is_constant(expr):
        return np.full(outer.shape, _constant_value(expr))
    i, j = side.ij(outer, second)
    return np.broadcast_to(np.asarray(context.evaluate(expr, i, j)), outer.shape)


def _as_index(context, values, spec, what):
    values = np.asarray(values)
    if values.dtype.kind == "b" or not np.all(np.isfinite(values)):
        raise ConnectError(f"The {what} of '{spec.text}' must evaluate to finite numbers.",
                           code=INVALID_RANGE, obj=context.obj)
    return np.trunc(values).astype(np.int64)


def _as_bool(values):
    return np.asarray(values).astype(bool)


def _empty():
    return np.empty(0, np.int64), np.empty(0, np.int64)
