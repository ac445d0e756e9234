"""The arguments of a connect generator, row by row, and what they may depend on.

A generator's range arguments, sample probability and size and generated element are
evaluated for each outer index (``i`` for ``j='...'``) before any target exists, so they
may not name the target or its variables (:func:`check_dependencies`); the rows' values
are checked here (finite ranges, probabilities in [0, 1], sample sizes that fit).
"""
import numpy as np
import sympy

from eqsim.errors import ConnectError, ConnectIndexError
from eqsim.synapses.connect_errors import (INVALID_DEPENDENCY, INVALID_PROBABILITY,
                                          INVALID_RANGE, INVALID_SAMPLE_SIZE)


def check_dependencies(context, spec, side):
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
                     or is_target_variable(name, side))
        if bad:
            raise ConnectError(
                f"The {what} of '{spec.text}' cannot depend on {', '.join(repr(b) for b in bad)}: "
                f"they are evaluated for each {side.outer} before any {side.target} exists.",
                code=INVALID_DEPENDENCY, obj=context.obj,
                hint=f"Use '{side.outer}', N_pre, N_post, constants and variables ending in "
                     f"'{'_pre' if side.outer == 'i' else '_post'}'; filter on "
                     f"'{side.target}' in the 'if' clause.")


def reads_target_arrays(expr, side):
    """Whether evaluating ``expr`` needs valid target indices: it reads the target group's
    variables, or (Brian2's rule for ``i='...'`` generators) names ``i``; a ``j='...'``
    generator's condition on ``j`` alone is evaluated before the bounds are checked."""
    return any(is_target_variable(symbol.name, side) or
               (symbol.name == side.target and side.outer == "j")
               for symbol in expr.free_symbols)


def uses_target(expr, side):
    return any(symbol.name == side.target or is_target_variable(symbol.name, side)
               for symbol in expr.free_symbols)


def is_target_variable(name, side):
    # N_pre and N_post are group sizes, constants for the whole call.
    return (name.endswith(side.target_suffix) or name in side.unsuffixed) \
        and name not in ("N_pre", "N_post")


def row_integers(context, spec, expr, side, outer, what):
    values = np.asarray(evaluate(context, expr, side, outer, np.zeros_like(outer)))
    if values.dtype.kind == "b" or not np.all(np.isfinite(values)):
        raise ConnectError(f"The range {what} in '{spec.text}' must be a finite number.",
                           code=INVALID_RANGE, obj=context.obj)
    return np.trunc(values).astype(np.int64)  # C's int conversion, as in Brian2


def row_probabilities(context, spec, side, outer, used):
    values = np.asarray(evaluate(context, spec.p, side, outer, np.zeros_like(outer)),
                        dtype=np.float64)
    invalid = used & ~((values >= 0.0) & (values <= 1.0))
    if invalid.any():
        bad = values[invalid][0]
        raise ConnectError(f"The sample probability p={bad} in '{spec.text}' is outside [0, 1].",
                           code=INVALID_PROBABILITY, obj=context.obj, hint="Use a value in [0, 1].")
    return values


def row_sample_sizes(context, spec, side, outer, lengths, active):
    sizes = row_integers(context, spec, spec.size, side, outer, "sample size")
    sizes = np.where(active, sizes, 0)  # rows excluded by a per-row condition sample nothing
    invalid = (sizes < 0) | (sizes > lengths)
    if invalid.any():
        if context.skip_if_invalid:
            return np.clip(sizes, 0, lengths)
        bad = int(np.flatnonzero(invalid)[0])
        raise ConnectIndexError(
            f"The sample size {int(sizes[bad])} in '{spec.text}' (for {side.outer}="
            f"{int(outer[bad])}) is "
            f"{'negative' if sizes[bad] < 0 else f'larger than the range ({int(lengths[bad])} elements)'}.",
            code=INVALID_SAMPLE_SIZE, obj=context.obj,
            hint="Pass skip_if_invalid=True to clip sample sizes to the range.")
    return sizes


def is_constant(expr):
    """Whether ``expr`` is a number or truth value known now.

    Constant expressions that sympy leaves unevaluated (``clip(0.5, 0, 1)``,
    ``int(2 < 1) == 1``) are not: they are evaluated like any other expression,
    by the same generated code.
    """
    return expr.is_Number or expr is sympy.true or expr is sympy.false


def constant_value(expr):
    """The Python value (bool or float) of a constant expression."""
    if expr is sympy.true or expr is sympy.false:
        return bool(expr)
    return int(expr) if isinstance(expr, sympy.Integer) else float(expr)


def evaluate(context, expr, side, outer, second):
    """Values of ``expr`` for aligned outer/target index arrays, broadcast to their shape."""
    if is_constant(expr):
        return np.full(outer.shape, constant_value(expr))
    i, j = side.ij(outer, second)
    return np.broadcast_to(np.asarray(context.evaluate(expr, i, j)), outer.shape)


def as_index(context, values, spec, what):
    values = np.asarray(values)
    if values.dtype.kind == "b" or not np.all(np.isfinite(values)):
        raise ConnectError(f"The {what} of '{spec.text}' must evaluate to finite numbers.",
                           code=INVALID_RANGE, obj=context.obj)
    return np.trunc(values).astype(np.int64)


def as_bool(values):
    return np.asarray(values).astype(bool)
