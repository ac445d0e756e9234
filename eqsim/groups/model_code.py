"""From a group's model strings to IR operations: state update, threshold, reset,
custom events and run_regularly. Shared by NeuronGroup and (later) Synapses."""
import dataclasses
import functools

import numpy as np
import sympy

from ..core.context import current_context
from ..core.preferences import prefs
from ..ir.functions import TabulatedFunction, UserFunction
from ..ir.calls import called_functions, free_names
from ..errors import DimensionMismatchError, EquationError, LimitError, RefractoryTypeError
from ..ir.operations import Assignment, ResetOp, StateUpdateOp, ThresholdOp
from ..ir.variables import ArrayVariable
from ..parsing.dimensions import dimension_of, check_equation_dimensions
from ..parsing.functions import timestep
from .start_values import first_bad, values_at_start
from .writable import BUILT_IN_NAMES, check_writable
from .aligned_arrays import aligned_zeros
from .zero_values import folded_zero, statement_value_text, zero_hint
from .locally_constant import (integrate_with_constant_calls, locally_constant_calls, resolver,
                               stateful_calls, without_exact)
from ..units import DIMENSIONLESS, second
from ..units.display_names import symbol_text

T, DT = sympy.Symbol("t", real=True), sympy.Symbol("dt", real=True)
NOT_REFRACTORY = sympy.Symbol("not_refractory", real=True)
LASTSPIKE = sympy.Symbol("lastspike", real=True)


def used_names(exprs):
    """Free symbols and called user functions (TimedArrays) of ``exprs``."""
    exprs = list(exprs)
    return free_names(exprs) | called_functions(exprs)


def function_rules(variables):
    """Dimension rules of the user functions among ``variables``, for ``dimension_of``."""
    return {name: var.dimension_rule for name, var in variables.items()
            if isinstance(var, (TabulatedFunction, UserFunction))}


def temporaries(group, statements):
    """Names that statements define with ``=`` without being variables of ``group``:
    temporaries of the kernel, as in Brian2 (``tmp = v*2`` then ``v = tmp/4``).
    Built-in names (``t``, ``i``...) never are."""
    return {st.var for st in statements if st.op == "=" and st.var not in group.variables
            and st.var not in BUILT_IN_NAMES}


def with_subexpressions(group, statements):
    """``statements`` with the group's subexpressions substituted in their values: what
    kernels compute and what :func:`check_statements` checks (a subexpression's name has
    no dimension of its own there)."""
    return [dataclasses.replace(st, expr=group.substitute_subexpressions(st.expr))
            for st in statements]


def check_statements(group, statements, dims, source, functions=None):
    """Each statement's value must have its target's dimension; a temporary takes the
    dimension of the first value assigned to it."""
    dims = dict(dims)
    temporary = temporaries(group, statements) - set(dims)
    read = {s.name for st in statements for s in st.expr.free_symbols}
    for st in statements:
        if st.var in temporary and st.var not in read:  # most likely a misspelt variable
            raise EquationError(f"'{st.var}' is not a variable of '{group.name}' and is not "
                                f"used as a temporary", obj=group.name, source=source,
                                line=st.line, hint=f"variables: {group.state_names()}")
        early = sorted({s.name for s in st.expr.free_symbols} & temporary - set(dims))
        if early:
            raise EquationError(f"'{early[0]}' is used before it is assigned", obj=group.name,
                                source=source, line=st.line,
                                hint=f"assign '{early[0]}' in an earlier line")
        found = dimension_of(st.expr, dims, functions=functions or {}, source=source,
                             line=st.line, obj=group.name)
        if st.var in temporary and st.var not in dims:
            dims[st.var] = found
        target_dim = dims.get(st.var)
        if target_dim is None:
            continue
        expected = target_dim if st.op in ("=", "+=", "-=") else DIMENSIONLESS
        if found != expected and not folded_zero(st.expr, statement_value_text(st)):
            raise DimensionMismatchError(
                f"'{st.text.strip()}' assigns a value with dimension {symbol_text(found)} to "
                f"'{st.var}' (dimension {symbol_text(target_dim)})", found, expected,
                obj=group.name, source=source,
                line=st.line, hint=zero_hint(st.expr, expected, "check the units of both sides"))


def is_condition(expr, equations):
    """Whether ``expr`` is a truth value: a comparison, boolean logic or a boolean variable
    (a sympy Symbol counts as Boolean, so names are looked up)."""
    if isinstance(expr, sympy.Symbol):
        eq = equations.equations.get(expr.name)
        return expr.name == "not_refractory" or (eq is not None and eq.var_type == "boolean")
    return isinstance(expr, sympy.logic.boolalg.Boolean)


def check_targets(group, statements, source, where="statements"):
    """Statements may only write the group's own, writable state variables (or define
    temporaries with ``=``): the rule of :mod:`.writable`."""
    temporary = temporaries(group, statements)
    for st in statements:
        var = group.variables.get(st.var)
        if var is None and st.var in temporary:
            continue
        if var is None and st.var not in BUILT_IN_NAMES:
            raise EquationError(f"'{st.var}' is not a variable of '{group.name}'", obj=group.name,
                                source=source, line=st.line, hint=f"variables: {group.state_names()}")
        check_writable(st, var, source=source, obj=group.name, where=where)


def state_update_statements(group, method, run_namespace=None):
    """Integrated statements for the group's differential equations (cached: sympy is slow).
    TimedArray inputs that hold their value over a step allow exact integration."""
    diff = {name: group.substitute_subexpressions(eq.expr)
            for name, eq in group.equations.equations.items() if eq.kind == "differential"
            and not set(eq.flags) & {"event-driven"}}
    resolve = resolver(group, run_namespace)
    calls = locally_constant_calls(diff, resolve, group.clock.dt_) if diff else []
    if isinstance(method, list):  # Brian2 tries a list of methods in order; hashable here
        method = tuple(method)
    method = without_exact(method, stateful_calls(diff, resolve), group.name)
    key = (method, tuple(calls))
    cache = current_context().cache(group, "integration")
    if key not in cache:
        if not diff:
            cache[key] = ([], None)
        else:
            cache[key] = integrate_with_constant_calls(diff, method, calls, group.name)
    return cache[key]


def make_state_update(group, method, refractory, run_namespace, when="groups", order=0):
    check_model_units(group, run_namespace)  # also when nothing is integrated
    statements, _ = state_update_statements(group, method, run_namespace)
    out = []
    if refractory is not False and refractory is not None:
        out.append(Assignment("not_refractory", "=",
                              refractory_condition(group, refractory, run_namespace)))
    # '(unless refractory)' variables are held by the conditional-write rule of every kernel
    # (eqsim.codegen.conditional_write), which reads the not_refractory computed above
    out.extend(Assignment(target, "=", expr) for target, expr in statements)
    if not out:
        return None
    names = used_names(a.expr for a in out) | {a.target for a in out}
    variables = group.resolve_for_kernel(names - set(_temporaries(out, group)), run_namespace)
    return StateUpdateOp(f"{group.name}_stateupdater", group.name, 0, group._stop,
                         statements=out, variables=variables, when=when, order=order,
                         clock=group.clock, source=group)


def check_model_units(group, run_namespace):
    """Every equation and subexpression of the model has consistent units."""
    eqs = group.equations.equations
    names = used_names(eq.expr for eq in eqs.values() if eq.expr is not None) - set(eqs)
    names = {n for n in names if not (n == "xi" or n.startswith("xi_"))}
    # synapses: subexpressions of the pre/post groups (checked with those groups)
    referred = group.referred_subexpressions(names) \
        if hasattr(group, "referred_subexpressions") else {}
    variables = group.resolve_for_kernel(names - set(referred), run_namespace)
    dims = group.kernel_dimensions(variables)
    dims.update(referred)
    dims.update({n: eq.dim for n, eq in eqs.items()})
    functions = function_rules(variables)
    # a model's units are checked again only when a name's dimension (or function) changed
    # since it passed: the check walks every equation (~0.5 ms for each run() of a group)
    passed = current_context().cache(group, "units_checked")
    key = (tuple(sorted(dims.items(), key=lambda item: item[0])),
           tuple(sorted(functions.items(), key=lambda item: item[0])))
    if key not in passed:
        check_equation_dimensions(group.equations, dims, functions=functions)
        if len(passed) >= 64:  # namespaces that keep changing: keep the cache small
            passed.clear()
        passed[key] = True


def _temporaries(assignments, group):
    return [a.target for a in assignments if a.target not in group.variables]


def refractory_condition(group, refractory, run_namespace):
    """Brian2's rule: a time (or time expression) counts steps since the last spike;
    a boolean expression keeps a neuron refractory after a spike while it holds."""
    if not isinstance(refractory, sympy.Basic):  # a Quantity, checked to be a time
        return _refractory_for(float(np.asarray(refractory)),
                               bool(prefs["legacy.refractory_timing"]))
    expr = group.substitute_subexpressions(refractory)  # refractory='time_since_spike < ...'
    variables = group.resolve_for_kernel(used_names([expr]), run_namespace)
    dim = dimension_of(expr, group.kernel_dimensions(variables), functions=function_rules(variables),
                       obj=group.name)
    if dim == second.dim:
        check_refractory_values(group, expr, run_namespace)
        return sympy.Ge(timestep(T - LASTSPIKE, DT), timestep(expr, DT))
    if dim.is_dimensionless and is_condition(expr, group.equations):
        # Brian2's rule: the condition only *ends* refractoriness (which a spike's reset
        # starts); a neuron that has not spiked is not refractory whatever it says
        return sympy.Or(NOT_REFRACTORY > 0, sympy.Not(expr))
    raise RefractoryTypeError(f"refractory must be a time or a boolean condition, got "
                              f"dimension {symbol_text(dim)}", obj=group.name,
                              hint="e.g. refractory=5*ms or refractory='v > -50*mV'")


# sympy builds these slowly (~0.2 ms each, for every run()); expressions compare by
# structure, so the cached expression is the one it would build
@functools.lru_cache(maxsize=256)
def _refractory_for(period, legacy=False):
    """Refractoriness during ``period`` (second) after the last spike, in whole steps
    (``legacy``: Brian2 <= 2.1.2's float comparison, which Brian2 2.9 keeps behind
    prefs.legacy.refractory_timing for a period given as a time, not as an expression)."""
    if legacy:
        return sympy.Gt(T - LASTSPIKE, sympy.Float(period))
    return sympy.Ge(timestep(T - LASTSPIKE, DT), timestep(sympy.Float(period), DT))


@functools.lru_cache(maxsize=1024)
def _unless_refractory(condition):
    return sympy.And(condition, NOT_REFRACTORY > 0)


def check_refractory_values(group, expr, run_namespace):
    """A refractory period given as an expression is finite and not negative for every
    neuron when the run starts (Brian2 treats a negative one as zero without a word)."""
    values = values_at_start(group, group.substitute_subexpressions(expr), run_namespace,
                             "refractory period")
    bad = None if values is None else first_bad(values, lambda v: np.isfinite(v) & (v >= 0))
    if bad is not None:
        count, k, value = bad
        raise LimitError(f"the refractory period is {value!r} s for neuron {k} ({count} of "
                         f"{values.size} neurons); it must be finite and not negative",
                         code="EQ614", obj=group.name, source=getattr(group, "_refractory_text", None), line=1,
                         hint="give refractory periods >= 0*ms")


def make_threshold(group, event, condition, refractory, run_namespace, when="thresholds", order=0):
    condition = group.substitute_subexpressions(condition)
    statements = []
    if event == "spike" and refractory is not False and refractory is not None:
        condition = _unless_refractory(condition)
        statements = [Assignment("lastspike", "=", T), Assignment("not_refractory", "=", sympy.Integer(0))]
    names = used_names([condition] + [a.expr for a in statements]) | {a.target for a in statements}
    variables = group.resolve_for_kernel(names, run_namespace)
    dims = group.kernel_dimensions(variables)
    dimension_of(condition, dims, functions=function_rules(variables), obj=group.name)
    events_name = group.event_array_name(event)
    variables[events_name] = group.variables[events_name]
    # one byte per element for the vectorised condition (scratch, not state)
    flags = current_context().cache(group, "condition_flags")
    if event not in flags or flags[event].array.size != group._stop:
        flags[event] = ArrayVariable(f"_flags_{event}", group.name, DIMENSIONLESS,
                                     array=aligned_zeros(group._stop, np.bool_))
    variables["_condition_flags"] = flags[event]
    return ThresholdOp(f"{group.name}_{'thresholder' if event == 'spike' else event + '_thresholder'}",
                       group.name, 0, group._stop, statements=statements, condition=condition,
                       variables=variables, when=when, order=order, clock=group.clock,
                       events=events_name, source=group, flags="_condition_flags")


def make_event_code(group, event, statements, source, run_namespace, name, when, order):
    check_targets(group, statements, source,
                  where="reset" if event == "spike" else f"code of event '{event}'")
    statements = with_subexpressions(group, statements)
    assignments = [Assignment(st.var, st.op, st.expr, st.line, source) for st in statements]
    names = used_names(a.expr for a in assignments) | {a.target for a in assignments}
    variables = group.resolve_for_kernel(names - temporaries(group, statements), run_namespace)
    check_statements(group, statements, group.kernel_dimensions(variables), source,
                     function_rules(variables))
    events_name = group.event_array_name(event)
    variables[events_name] = group.variables[events_name]
    return ResetOp(name, group.name, 0, group._stop, statements=assignments,
                   variables=variables, when=when, order=order, clock=group.clock,
                   events=events_name, source=group,
                   conditional_writes=False)  # Brian2's resetters override the rule
