"""Which state updates of the C target keep refractoriness from spike to spike.

Brian2's state update computes ``not_refractory`` from ``lastspike`` for every neuron at
every step. Where the period is one number and nothing but the group's own threshold writes
``lastspike`` or ``not_refractory``, the C kernel instead releases, at each step, the
neurons that spiked the period ago (and checks Brian2's formula only for them), and its
element loop reads the flag (eqsim/runtime/eqsim_refractory.h). The flags are the same
bytes at every point of every step; the NumPy target keeps the formula.
"""
import copy

import numpy as np
import sympy

from ..ir.calls import free_names
from ..ir.operations import Assignment, StateUpdateOp, declared_fields
from ..ir.variables import ArrayVariable, ConstantVariable, LinkedVariable
from ..parsing.functions import timestep
from .identifiers import mangle

_T, _DT = sympy.Symbol("t", real=True), sympy.Symbol("dt", real=True)
_LASTSPIKE = sympy.Symbol("lastspike", real=True)


def refractory_period(expr):
    """The period's expression ``p`` if ``expr`` is Brian2's refractoriness for a period
    given as a time (groups/model_code.py writes it), ``timestep(t - lastspike, dt) >=
    timestep(p, dt)``, else None."""
    if not isinstance(expr, sympy.Ge) or not isinstance(expr.rhs, sympy.Function) \
            or len(expr.rhs.args) != 2:
        return None
    period = expr.rhs.args[0]
    return period if expr == sympy.Ge(timestep(_T - _LASTSPIKE, _DT), timestep(period, _DT)) \
        else None


def released_state_updates(schedule, clock_of):
    """``{position of a state update: its group's spike threshold}`` for the state updates
    whose first statement is Brian2's refractoriness for a period given as a time (above
    zero), on the same elements and clock as a threshold later in the step that sets
    ``lastspike = t`` and ``not_refractory = 0``, when no other operation writes either
    array and the network has no network operations."""
    found = {}
    if any(isinstance(entry, tuple) for entry in schedule):
        # a network operation (or a stop agreement) returns to Python, after which the
        # kernel starts over with a pass over every neuron: at every step, that pass
        # costs more than the formula in the element loop
        return found
    for i, op in enumerate(schedule):
        if isinstance(op, tuple) or op.kind != "stateupdate" or not op.statements:
            continue
        first = op.statements[0]
        period = refractory_period(first.expr) if first.target == "not_refractory" \
            and first.op == "=" else None
        if not _constant_above_zero(period, op.variables):
            continue
        arrays = [op.variables.get(name) for name in ("lastspike", "not_refractory")]
        if not all(isinstance(var, ArrayVariable) for var in arrays):
            continue
        threshold = _spike_threshold(schedule, i, op, clock_of)
        if threshold is None:
            continue
        if any(_writes(other, arrays) for other in schedule
               if not isinstance(other, tuple) and other is not op and other is not threshold) \
                or any(_writes_in(st, op, arrays) for st in op.statements[1:]):
            continue
        found[i] = threshold
    return found


def _constant_above_zero(period, variables):
    """Whether ``period`` is one number for every neuron during a run, made of constants
    and arithmetic only (no draws, no function calls), and above zero now (without a
    period the formula is as cheap; a constant changed to zero later only makes the kernel
    evaluate the formula for every neuron, eqsim_refractory.h)."""
    if period is None or period.atoms(sympy.Function):
        return False
    constants = {name: variables.get(name) for name in free_names([period])}
    if not all(isinstance(var, ConstantVariable) for var in constants.values()):
        return False
    value = period.subs({sympy.Symbol(name, real=True): var.value
                         for name, var in constants.items()})
    return bool(value.is_number and value > 0)


def _spike_threshold(schedule, position, op, clock_of):
    for later in schedule[position + 1:]:
        if isinstance(later, tuple) or later.kind != "threshold" or later.owner != op.owner:
            continue
        statements = [(st.target, st.op, st.expr) for st in later.statements]
        if (later.start, later.stop) == (op.start, op.stop) and clock_of(later) == clock_of(op) \
                and later.events is not None and not later.scalar_statements \
                and statements == [("lastspike", "=", sympy.Symbol("t", real=True)),
                                   ("not_refractory", "=", sympy.Integer(0))]:
            return later
    return None


def _writes(op, arrays):
    """Whether ``op`` may write one of ``arrays``: a statement's target, or an array the
    kind's template indexes itself (counted as written)."""
    if any(_writes_in(st, op, arrays) for st in list(op.scalar_statements) + list(op.statements)):
        return True
    named = [op.variables.get(value) for _, role, _, value in declared_fields(op)
             if role == "array" and isinstance(value, str)]
    named.append(getattr(op, "target", None))  # a summed variable's target
    return any(_overlaps(var, arrays) for var in named)


def _writes_in(statement, op, arrays):
    return _overlaps(op.variables.get(statement.target), arrays)


def _overlaps(var, arrays):
    if isinstance(var, LinkedVariable):
        return any(_overlaps(a, arrays) for a in var.arrays())
    if not isinstance(var, ArrayVariable) or var.array is None:
        return False
    return any(np.may_share_memory(var.array, a.array) for a in arrays)


def without_refractoriness(op):
    """``op`` without its first statement (the flag is then read, not computed)."""
    lighter = copy.copy(op)
    lighter.statements = list(op.statements[1:])
    return lighter


def refractoriness_name(name):
    """The name of :func:`refractoriness_op` of the state update ``name`` (its alias names
    its constants: module_reuse.refresh_constants)."""
    return f"{name}_refractoriness"


#: the scalar temporary of :func:`refractoriness_op` that holds the period in steps
PERIOD_STEPS = "refractory_steps"


def refractoriness_op(op):
    """The first statement of ``op`` alone, as an operation of its own, with the period in
    steps as a scalar temporary (:data:`PERIOD_STEPS`): its kernel context prints Brian2's
    formula, and the period, exactly as ``op``'s element loop would."""
    first = op.statements[0]
    names = {"lastspike", "not_refractory"} | free_names([refractory_period(first.expr)])
    return StateUpdateOp(refractoriness_name(op.name), op.owner, op.start, op.stop,
                         statements=[first, Assignment(PERIOD_STEPS, "=", first.expr.rhs)],
                         variables={name: op.variables[name] for name in names},
                         when=op.when, order=op.order, clock=op.clock, source=op.source,
                         conditional_writes=False, global_offset=op.global_offset)


def release_context(op, threshold, symbols, make_context):
    """What the template's refractory_release macro needs: the kernel context of
    :func:`refractoriness_op` (``make_context`` builds it) with the name of the kernel's
    list state, the local holding the period in steps and the threshold's event list."""
    formula = make_context(refractoriness_op(op))
    alias = symbols.alias(refractoriness_name(op.name))
    uses = symbols.track()
    events = threshold.variables[threshold.events]
    extra = dict(
        state=mangle("rs", alias), period_steps=formula["locals"][PERIOD_STEPS],
        events=symbols.array(events),
        events_size=symbols.constant(mangle("ki", symbols.alias(threshold.name), "events_size"),
                                     events.array.size - 1, np.int64),
        flag=formula["writes"][0].c_name,
        lastspike=next(access.c_name for access in formula["reads"]
                       if access.local == formula["locals"]["lastspike"]))
    symbols.used = None
    return dict(formula, **extra, uses=set(formula["uses"]) | uses)
