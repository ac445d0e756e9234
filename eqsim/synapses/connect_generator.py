"""Evaluate a connect generator (``k for k in range(...)/sample(...) if ...``) block by block.

The outer index (``i`` for ``j='...'``, ``j`` for ``i='...'``) runs over its
group in blocks of rows sized by the expected work. For each row the iterator
arguments give a range; ``range`` enumerates it, ``sample`` draws from it
(:mod:`eqsim.runtime.sampling`); then the generated element, the
``if`` clause, the bounds check and the keep probability ``p`` are applied in
Brian2's order. Random draws are keyed by the row and the candidate's own
number, so the result does not depend on the block size.
"""
from dataclasses import dataclass, replace
from typing import Callable

import numpy as np
import sympy

from eqsim.errors import ConnectError, ConnectIndexError
from eqsim.parsing.functions import rand, randn
from eqsim.runtime.random import uniform
from eqsim.synapses.connect_errors import INDEX_OUT_OF_RANGE, INVALID_DEPENDENCY, INVALID_RANGE
from eqsim.core.build_progress import BuildProgress
from eqsim.synapses.connect_arguments import (as_bool, as_index, check_dependencies, constant_value,
                                             evaluate, is_constant,
                                             reads_target_arrays, row_integers,
                                             row_probabilities, row_sample_sizes, uses_target)
from eqsim.synapses.connect_sampled import direct_pairs, is_direct
from eqsim.synapses.integer_arguments import check_integer_argument, integer_dtype
from eqsim.runtime.fixed_size_sampling import fixed_size_cost, fixed_size_positions
from eqsim.runtime.sampling import SUB_KEEP, bernoulli_cost, bernoulli_window, expand_ranges

__all__ = ["Side", "ConnectContext", "generator_pairs", "is_constant", "constant_value",
           "empty_pairs"]

# Candidate pairs (or draws) handled per block: bounds the temporaries.
_BLOCK_ELEMENTS = 1 << 19  # ~25 MB of temporaries per block, whatever the network's size


@dataclass(frozen=True)
class Side:
    """Which index a generator iterates over (outer) and which it generates (target)."""
    outer: str            # 'i' for j=... generators, 'j' for i=... generators
    target: str
    target_suffix: str    # names of the target group's variables end with this
    target_group: str     # 'postsynaptic' / 'presynaptic', for messages
    n_outer: int
    n_target: int
    unsuffixed: frozenset = frozenset()  # names that mean a target variable without suffix

    def ij(self, outer_values, target_values):
        return ((outer_values, target_values) if self.outer == "i"
                else (target_values, outer_values))


@dataclass(frozen=True)
class ConnectContext:
    """What every part of one connect call needs: group sizes, RNG coordinates, the
    caller's ``evaluate(expr, i, j)``, the object's name and ``skip_if_invalid``."""
    n_pre: int
    n_post: int
    seed: int
    stream: int
    evaluate: Callable
    obj: str | None
    skip_if_invalid: bool
    post_names: frozenset = frozenset()  # unsuffixed names of postsynaptic variables
    integer_names: frozenset = frozenset()  # external constants that are Python/NumPy integers
    target_start: int = 0     # the slice of postsynaptic neurons whose synapses are made
    target_stop: int = None   # (None: N_post)
    compact_pre: bool = False  # sorted presynaptic indices may come as RowCounts

    def __post_init__(self):
        if self.target_stop is None:
            object.__setattr__(self, "target_stop", self.n_post)


def generator_pairs(context, spec, side, *, keep):
    """The (i, j) pairs a generator creates onto the targets ``context.target_start:
    target_stop``, computed block by block over the outer index.

    Parameters
    ----------
    context : ConnectContext
    spec : GeneratorSpec
        The parsed generator.
    side : Side
        Whether the generator yields ``j`` for each ``i`` or ``i`` for each ``j``.
    keep : float or sympy.Expr
        Probability of keeping each generated pair (connect's ``p``); draws are
        ``uniform(seed, stream, step=outer index, index=k, sub=SUB_KEEP)``.

    Returns
    -------
    i, j : ndarray of int32
        Ordered by the outer index, then in iteration order.

    Notes
    -----
    Every draw is keyed by the outer index and the candidate's position in its row
    (``sample(p=...)`` walks: by fixed blocks of positions), so a slice of the targets
    gives the slice's part of the whole result. Work per slice: ``i='...'`` generators
    iterate over the slice's targets only; ``j='...'`` generators whose element is the
    iteration variable (``connect(p=...)``, ``condition=``, ``range``/``sample(p=)``)
    visit only the positions whose target is in the slice (plus those outside the group,
    which must raise or be skipped as for the whole range), but evaluate each row's range
    arguments (O(rows)); other elements (``j='i'``, ``'2*k'``) and ``sample(size=)`` make
    every row's candidates and keep the slice's.
    """
    check_dependencies(context, spec, side)
    lo, hi = context.target_start, context.target_stop
    sliced = (lo, hi) != (0, context.n_post)
    outer_range = (lo, hi) if side.outer == "j" else (0, side.n_outer)
    plan = _plan_rows(context, spec, side, outer_range)
    if is_direct(context, plan, side, keep):
        return direct_pairs(context, plan, _row_blocks)
    spec = plan.spec
    plain_range = not np.any(plan.start) and np.all(plan.step == 1)  # k is the position
    windowed = sliced and side.outer == "i" and spec.element == spec.variable_symbol \
        and spec.size is None
    segments = _windows(plan, lo, hi, context.n_post) if windowed else \
        (np.arange(plan.lengths.size), np.zeros_like(plan.lengths), plan.lengths)
    seg_row, seg_lo, seg_hi = segments
    seg_cost = plan.cost[seg_row] * ((seg_hi - seg_lo) / np.maximum(plan.lengths[seg_row], 1))
    pre_parts, post_parts = [], []
    progress = BuildProgress(f"connect() of '{context.obj}'")
    total_cost, done_cost = float(np.sum(seg_cost + 1.0)), 0.0
    for blocks in _row_blocks(seg_cost + 1.0, _BLOCK_ELEMENTS):
        rows, first, last = seg_row[blocks], seg_lo[blocks], seg_hi[blocks]
        keys = rows + outer_range[0]  # the outer index
        if spec.p is not None:
            owner, position = bernoulli_window(keys, plan.lengths[rows], first, last,
                                               plan.sample_p[rows], seed=context.seed,
                                               stream=context.stream)
        elif spec.size is not None:
            owner, position = fixed_size_positions(keys, plan.lengths[rows], plan.sizes[rows],
                                                   seed=context.seed, stream=context.stream)
        else:
            owner, position = expand_ranges(last - first)
            position += first[owner]
        row = rows[owner]
        k = position if plain_range else (plan.start[row] + position * plan.step[row])
        outer_index, k, target = _select(context, spec, side, row + outer_range[0], k)
        outer_index, target = _keep(context, side, keep, outer_index, k, target)
        if sliced and side.outer == "i":
            mine = (target >= lo) & (target < hi)
            outer_index, target = outer_index[mine], target[mine]
        pre, post = side.ij(outer_index, target)
        pre_parts.append(pre.astype(np.int32))
        post_parts.append(post.astype(np.int32))
        done_cost += float(np.sum(seg_cost[blocks] + 1.0))
        progress.update(done_cost / total_cost if total_cost else 1.0)
    progress.finish()
    if not pre_parts:
        return empty_pairs()
    # one side at a time: 12 bytes per synapse at the peak instead of 16
    pre = np.concatenate(pre_parts)
    del pre_parts[:]
    return pre, np.concatenate(post_parts)


def _windows(plan, lo, hi, n_target):
    """``(row, first, stop)`` position windows of each row: the positions whose target
    ``start + position*step`` lies in ``lo:hi``, and those outside the whole group
    (``_select`` raises or skips them as for a whole row), in position order."""
    start, step, lengths = plan.start, plan.step, plan.lengths
    up = step > 0

    def first(value):
        """First position whose target is >= value (step > 0) or < value (step < 0)."""
        found = np.where(up, -((start - value) // step), (start - value) // (-step) + 1)
        return np.clip(found, 0, lengths)
    zero, low, high, end = first(0), first(lo), first(hi), first(n_target)
    none = np.zeros_like(lengths)
    windows = [(np.where(up, none, none), np.where(up, zero, end)),      # before the group
               (np.where(up, low, high), np.where(up, high, low)),       # the slice
               (np.where(up, end, zero), np.where(up, lengths, lengths))]  # after it
    rows = np.arange(lengths.size)
    row = np.concatenate([rows] * 3)
    begin = np.concatenate([w[0] for w in windows])
    stop = np.concatenate([w[1] for w in windows])
    nonempty = stop > begin
    row, begin, stop = row[nonempty], begin[nonempty], stop[nonempty]
    order = np.lexsort((begin, row))
    return row[order], begin[order], stop[order]


@dataclass(frozen=True)
class _RowPlan:
    """What each outer index iterates over: ``range(start, start + lengths*step, step)``."""
    spec: object
    start: np.ndarray
    step: np.ndarray
    lengths: np.ndarray
    sample_p: np.ndarray | None
    sizes: np.ndarray | None
    cost: np.ndarray


def _plan_rows(context, spec, side, outer_range):
    """Evaluate the iterator arguments for every outer index.

    A condition that depends on neither the iteration variable nor the target
    (``'i < 10'``) is decided once per row, as Brian2 does, before sample
    sizes and probabilities are checked; rows that fail it iterate over nothing.
    """
    outer = np.arange(*outer_range, dtype=np.int64)
    _check_integer_arguments(context, spec, side, outer)
    start = row_integers(context, spec, spec.start, side, outer, "start")
    stop = row_integers(context, spec, spec.stop, side, outer, "stop")
    step = row_integers(context, spec, spec.step, side, outer, "step")
    if np.any(step == 0):
        raise ConnectError(f"The step of the range in '{spec.text}' is 0.",
                           code=INVALID_RANGE, obj=context.obj, hint="Use a non-zero step.")
    lengths = np.maximum(0, -((start - stop) // step))  # ceil((stop - start) / step)
    active = np.ones(outer.size, dtype=bool)
    condition = spec.condition
    if condition is not None and not uses_target(condition, side) \
            and spec.variable_symbol not in condition.free_symbols \
            and not condition.atoms(rand, randn):  # random conditions stay per pair
        active = as_bool(evaluate(context, condition, side, outer, np.zeros_like(outer)))
        lengths = np.where(active, lengths, 0)
        spec = replace(spec, condition=None)
    sample_p = sizes = None
    if spec.p is not None:
        sample_p = row_probabilities(context, spec, side, outer, active)
        cost = bernoulli_cost(lengths, sample_p) + 1.0
    elif spec.size is not None:
        sizes = row_sample_sizes(context, spec, side, outer, lengths, active)
        cost = fixed_size_cost(lengths, sizes)
    else:
        cost = lengths
    return _RowPlan(spec, start, step, lengths, sample_p, sizes, cost)


def _check_integer_arguments(context, spec, side, outer):
    """Brian2 refuses range/sample arguments that are not integers by type."""
    def name_is_integer(name):
        if name in ("i", "j", "N_pre", "N_post", "N") or name in context.integer_names:
            return True
        symbol = sympy.Symbol(name, real=True)
        return integer_dtype(evaluate(context, symbol, side, outer[:1], outer[:1] * 0))
    for what, expr in (("start", spec.start), ("stop", spec.stop), ("step", spec.step)):
        check_integer_argument(expr, what, spec.text, name_is_integer, context.obj)


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
        values = evaluate(context, spec.element.subs(variable, target_symbol), side, outer, k)
        target = as_index(context, values, spec, "element")
    condition = spec.condition
    if condition is None:
        return _bounds(context, spec, side, outer, k, target)
    uses_k = variable in condition.free_symbols
    if uses_target(condition, side):
        if reads_target_arrays(condition, side):
            outer, k, target = _bounds(context, spec, side, outer, k, target)
        if uses_k and spec.element != variable:
            raise ConnectError(
                f"The 'if' clause of '{spec.text}' uses both '{spec.variable}' and the "
                f"generated index '{side.target}' (or {side.target_group} variables), "
                f"which is only supported when the generated element is '{spec.variable}' itself.",
                code=INVALID_DEPENDENCY, obj=context.obj,
                hint=f"Write the condition in terms of '{side.target}' only.")
            passed = evaluate(context, condition.subs(variable, target_symbol), side, outer,
                               target)
            mask = as_bool(passed)
            return outer[mask], k[mask], target[mask]
        # 'if j < N_post' reads no array: it may exclude out-of-range targets itself
        mask = as_bool(evaluate(context, condition.subs(variable, target_symbol), side, outer,
                                  target))
        return _bounds(context, spec, side, outer[mask], k[mask], target[mask])
    second = k if uses_k else np.clip(target, 0, max(side.n_target - 1, 0))
    mask = as_bool(evaluate(context, condition.subs(variable, target_symbol), side, outer,
                              second))
    return _bounds(context, spec, side, outer[mask], k[mask], target[mask])


def _bounds(context, spec, side, outer, k, target):
    valid = (target >= 0) & (target < side.n_target)
    if valid.all():
        return outer, k, target
    if not context.skip_if_invalid:
        bad = int(np.flatnonzero(~valid)[0])
        raise ConnectIndexError(
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
        probability = np.asarray(evaluate(context, keep, side, outer, target), dtype=np.float64)
    u = uniform(context.seed, context.stream, outer, k, sub=SUB_KEEP)
    kept = np.atleast_1d(u < probability)
    return outer[kept], target[kept]


def empty_pairs():
    """No synapses: empty (i, j) index arrays."""
    return np.empty(0, np.int64), np.empty(0, np.int64)
