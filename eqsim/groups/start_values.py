"""The values a per-element time or rate expression has when a run starts, so that a
value it can never honour (a negative refractory period or rate) is reported before
the run rather than silently treated as zero by the kernel."""
import numpy as np

from ..ir.calls import random_calls
from ..errors import EqsimError
from .expression_eval import evaluate_parsed


def values_at_start(group, expr, run_namespace, what):
    """``expr`` (parsed, subexpressions substituted) for every element of ``group`` at the
    current time, as floats in SI units; ``None`` when it draws random numbers (drawing
    them here would shift the seeded draws of later string assignments) or cannot be
    evaluated outside a kernel (it calls a TimedArray). Errors in the expression itself
    are the kernel builder's to report."""
    if random_calls([expr]):
        return None
    indices = np.arange(group._start, group._stop)
    try:
        values = group.resolve_for_evaluation({s.name for s in expr.free_symbols}, indices,
                                              run_namespace)
        result = evaluate_parsed(expr, values, indices, obj=group.name, what=what)
        return np.asarray(result, dtype=float)
    except (EqsimError, ArithmeticError, TypeError, ValueError):
        return None


def first_bad(values, allowed):
    """``(count, index, value)`` of the elements where ``allowed(values)`` is False
    (NaN counts as not allowed), or ``None`` when all are allowed."""
    with np.errstate(invalid="ignore"):
        bad = ~allowed(values)
    if not bad.any():
        return None
    k = int(np.flatnonzero(bad)[0])
    return int(bad.sum()), k, float(values[k])
