"""The IR operations of a Synapses object: clock-driven state update, summed
variables, and one pathway kernel per on_pre/on_post."""
import dataclasses
import warnings

import sympy

from ..core.context import current_context
from ..errors import EquationError, EqsimWarning, SummedTargetOverlapError
from ..groups.model_code import check_statements, function_rules, make_state_update, used_names
from ..groups.writable import BUILT_IN_NAMES, NOT_WRITABLE, check_writable, why_not_writable
from ..ir.operations import (Assignment, PathwayOp, ProceduralOp, StateUpdateOp, SummedOp,
                             SynapticCodeOp)
from ..ir.variables import ArrayVariable, IndexVariable, LinkedVariable
from ..parsing.dimensions import dimension_of
from ..stateupdate import integrate
from ..units import DIMENSIONLESS, second
from ..units.display_names import symbol_text
from .procedural_values import substitute_values
from .references import normalise_target, split_suffix
from .spike_sources import refuse_remote_reads, spike_source

T = sympy.Symbol("t", real=True)
DT = sympy.Symbol("dt", real=True)
LASTUPDATE = sympy.Symbol("lastupdate", real=True)


def make_synaptic_operations(synapses, run_namespace):
    ops = []
    update = make_state_update(synapses, synapses.method_choice, None, run_namespace,
                               order=synapses.order)
    if update is not None:
        update.start, update.stop = 0, synapses.N
        update.var_index = synapses.index_map(update.variables)
        ops.append(update)
    for name, eq in synapses._summed.items():
        ops.append(_summed_operation(synapses, name, eq, run_namespace))
    for pathway in synapses.pathways:
        slot_order = pathway.order  # ties broken by name, see Network._build
        if synapses._procedural is not None:
            ops.append(_procedural_operation(synapses, pathway, run_namespace, slot_order))
        else:
            ops.append(_pathway_operation(synapses, pathway, run_namespace, slot_order))
    identity = synapses.draw_identity()
    for op in ops:  # draws are keyed by the synapse, not its storage position
        if not isinstance(op, ProceduralOp):
            op.draw_key = identity
    return ops


def _event_driven_updates(synapses):
    """Exact integration of event-driven variables over the time since ``lastupdate``."""
    eqs = {name: synapses.substitute_subexpressions(eq.expr)
           for name, eq in synapses.equations.equations.items()
           if eq.kind == "differential" and "event-driven" in eq.flags}
    if not eqs:
        return []
    cache = current_context().cache(synapses, "event_driven")
    if "statements" not in cache:
        statements, _ = integrate(eqs, "exact", obj=synapses.name)
        cache["statements"] = [Assignment(target, "=", expr.xreplace({DT: T - LASTUPDATE}))
                               for target, expr in statements]
    return cache["statements"]


def _pathway_operation(synapses, pathway, run_namespace, slot_order):
    statements = _pathway_statements(synapses, pathway)
    assignments = list(_event_driven_updates(synapses))
    assignments += [Assignment(st.var, st.op, st.expr, st.line, pathway.source_text)
                    for st in statements]
    lastupdate = synapses.variables.get("lastupdate")
    if lastupdate is not None and not getattr(lastupdate, "declared", False):  # the built-in
        assignments.append(Assignment("lastupdate", "=", T))
    names = used_names([a.expr for a in assignments]) | {a.target for a in assignments}
    temporaries = {a.target for a in assignments if a.target.startswith("_")}
    temporaries |= _user_temporaries(synapses, statements)
    variables = synapses.resolve_for_kernel(names - temporaries, run_namespace)
    _check_pathway_targets(synapses, pathway, statements, variables, temporaries)
    trigger, events = _checked_trigger(synapses, pathway, statements, variables)
    homogeneous, delay = pathway.prepare(trigger.clock.dt_)  # the spiking group's steps (Brian2)
    ptr, order = pathway.csr()
    events, events_var, source_range = spike_source(trigger, pathway, events)
    extra_vars = {
        events: events_var, **_lags(events_var),
        "_csr_ptr": ArrayVariable("_csr_ptr_" + pathway.name, synapses.name, DIMENSIONLESS,
                                  array=ptr),
    }
    if order is not None:
        extra_vars["_csr_order"] = ArrayVariable("_csr_order_" + pathway.name, synapses.name,
                                                 DIMENSIONLESS, array=order)
    if not homogeneous:
        extra_vars["_delay_steps"] = ArrayVariable("_delay_steps_" + pathway.name, synapses.name,
                                                   second.dim, array=pathway._steps)
    rounds_by = []
    written_sides = {split_suffix(a.target)[1] for a in assignments
                     if a.target not in synapses.variables and split_suffix(a.target)[1]}
    for side in sorted(written_sides):
        rounds_by.append("_synaptic_" + side)
    for name, by in _link_write_rounds(synapses, assignments).items():
        extra_vars[name] = by
        rounds_by.append(name)
    for side in ("pre", "post"):  # post: how threads split the synapses
        extra_vars["_synaptic_" + side] = synapses.variables["_synaptic_" + side]
    variables.update(extra_vars)
    return PathwayOp(
        f"{synapses.name}_{pathway.name}", synapses.name, 0, synapses.N,
        statements=assignments, variables=variables, when="synapses",
        order=slot_order, clock=trigger.clock, events=events, source=synapses,
        var_index=synapses.index_map(variables), queue=pathway.queue_name,
        homogeneous=homogeneous, delay=delay if homogeneous else None,
        delay_steps=None if homogeneous else "_delay_steps", csr_ptr="_csr_ptr",
        csr_order=None if order is None else "_csr_order", source_start=source_range[0],
        source_stop=source_range[1], rounds_by=tuple(rounds_by), post_index="_synaptic_post",
        event_lags=_lags_name(events_var))


def _user_temporaries(synapses, statements):
    """The names the user's code defines with '=' (x_pre / x_post always refer to the
    groups)."""
    return {st.var for st in statements if st.op == "=" and st.var not in synapses.variables
            and not st.var.endswith(("_pre", "_post")) and st.var not in BUILT_IN_NAMES}


def _lags(events_var):
    """The lags of an exchanged event array, as a variable of the pathway (or nothing)."""
    lags = getattr(events_var, "lags", None)
    return {} if lags is None else {"_event_lags": lags}


def _lags_name(events_var):
    return "_event_lags" if getattr(events_var, "lags", None) is not None else None


def _link_write_rounds(synapses, assignments):
    """``{name: array}`` by which synapses that write one element through a ``(linked)``
    variable of their own are told apart (the NumPy kernel runs them in rounds; C runs
    synapses one after another anyway)."""
    out = {}
    for target in sorted({a.target for a in assignments}):
        var = synapses.variables.get(target)
        if isinstance(var, LinkedVariable) and not var.shared:
            by = var.write_rounds(synapses.N, current_context().cache(var, "link_rounds"))
            if by is not None:
                out[f"_{target}_write_rounds"] = by
    return out


def _check_pathway_targets(synapses, pathway, statements, variables, temporaries):
    """The rule of :mod:`eqsim.groups.writable` for on_pre/on_post code; statements
    are reported as the user wrote them (``tau``, not ``tau_post``)."""
    where = f"on_{pathway.role} code" + ("" if pathway.name == pathway.role
                                         else f" (pathway '{pathway.name}')")
    for st, original in zip(statements, pathway.statements):
        if st.var not in temporaries:
            # the synapses' own links are written in rounds, pre/post ones are not
            own = synapses.variables.get(st.var) is variables.get(st.var)
            check_writable(original, variables.get(st.var), source=pathway.source_text,
                           obj=synapses.name, where=where, through_links=own)


def _warn_dt_mismatch(synapses, pathway, trigger):
    """Brian2's ``synapses_dt_mismatch`` warning: the pathway steps with its trigger's dt."""
    other = synapses.target if trigger is synapses.source else synapses.source
    if len({trigger.clock.dt_, synapses.clock.dt_, other.clock.dt_}) > 1:
        warnings.warn(
            f"[EQ616] the synaptic pathway '{synapses.name}_{pathway.name}' runs on the clock "
            f"of '{trigger.name}' (dt = {trigger.clock.dt}); '{synapses.name}' or "
            f"'{other.name}' (or both) use another dt, so every delay is rounded to a "
            f"multiple of {trigger.clock.dt} (as in Brian2). Give '{trigger.name}', "
            f"'{synapses.name}' and '{other.name}' the same dt if in doubt.",
            EqsimWarning, stacklevel=2)


def _checked_trigger(synapses, pathway, statements, variables):
    """Check the units of a pathway's statements; the group whose spikes drive the
    pathway, and the name of its spike array."""
    dims = {name: var.dim for name, var in variables.items()}
    dims.update(t=second.dim, dt=second.dim)
    check_statements(synapses, statements, dims, pathway.source_text,
                     functions=function_rules(variables))
    trigger = pathway.trigger_group
    _warn_dt_mismatch(synapses, pathway, trigger)
    events = trigger.event_array_name(pathway.event)
    if events not in trigger.variables:
        raise EquationError(f"'{trigger.name}' has no threshold, so its spikes cannot trigger "
                            f"the {pathway.name} pathway of '{synapses.name}'", obj=synapses.name,
                            hint="give the group a threshold=")
    return trigger, events


def _pathway_statements(synapses, pathway):
    """The pathway's statements with unsuffixed target names made explicit."""
    return [dataclasses.replace(st, var=normalise_target(synapses, st.var),
                                expr=synapses.substitute_subexpressions(st.expr))
            for st in pathway.statements]


def _procedural_operation(synapses, pathway, run_namespace, slot_order):
    """Pathway of connections regenerated at each spike: statements may only use
    shared synaptic values and pre/post neuron variables."""
    written = _pathway_statements(synapses, pathway)
    temporaries = _user_temporaries(synapses, written)
    names = used_names([st.expr for st in written]) | {st.var for st in written}
    checked = synapses.resolve_for_kernel(names - temporaries, run_namespace)
    _check_pathway_targets(synapses, pathway, written, checked, temporaries)
    trigger, events = _checked_trigger(synapses, pathway, written, checked)
    # per-synapse (constant) values: their expression, regenerated at each spike
    statements = substitute_values(synapses, written, run_namespace)
    assignments = [Assignment(st.var, st.op, st.expr, st.line, pathway.source_text)
                   for st in statements]
    names = used_names([a.expr for a in assignments]) | {a.target for a in assignments}
    variables = synapses.resolve_for_kernel(names - temporaries, run_namespace)
    var_index = {}
    for name, var in list(variables.items()):
        base, side = split_suffix(name)
        if name in ("i", "j"):
            variables[name] = IndexVariable(name, synapses.name, DIMENSIONLESS)
        elif isinstance(var, (ArrayVariable, LinkedVariable)) and side and not var.shared:
            group = synapses.source if side == "pre" else synapses.target
            # _src/_tgt are global indices; storage starts at the group's stored slice
            refuse_remote_reads(synapses, name, side)
            var_index[name] = ("_src" if side == "pre" else "_tgt", group._local_origin)
        elif isinstance(var, ArrayVariable) and not var.shared:
            raise EquationError(f"'{name}' is a per-synapse variable, but procedural synapses "
                                f"store nothing per synapse", obj=synapses.name,
                                source=pathway.source_text,
                                hint="make it (shared) or a constant, or connect without "
                                     "procedural=True")
    events, variables[events], source_range = spike_source(trigger, pathway, events)
    variables.update(_lags(variables[events]))
    homogeneous, delay = pathway.prepare(trigger.clock.dt_)  # the spiking group's steps (Brian2)
    spec = synapses._procedural
    stored = synapses.target._stored_range()  # the targets stored here
    return ProceduralOp(
        f"{synapses.name}_{pathway.name}", synapses.name, 0, 0,
        statements=assignments, variables=variables, when="synapses",
        order=slot_order, clock=trigger.clock, events=events, source=synapses,
        var_index=var_index, index_exprs={"i": "_src", "j": "_tgt"},
        queue=pathway.queue_name, delay=delay, p=spec["p"], conn_seed=spec["seed"],
        conn_stream=spec["stream"], n_post=synapses.target.global_size(),
        target_start=stored[0], target_stop=stored[1],
        source_start=source_range[0], source_stop=source_range[1],
        event_lags=_lags_name(variables[events]))


def check_summed_targets(objects):
    """Brian2's rule: two ``(summed)`` variables of the objects may not write one variable
    in the same group or in overlapping subgroups (global ranges ``start:stop``, inactive
    objects included), as each writes its whole range and would overwrite the other."""
    seen = []  # (target variable, start, stop, group name, synapses name)
    for obj in objects:
        for name in getattr(obj, "_summed", {}):
            base, side = split_suffix(name)
            group = {"pre": obj.source, "post": obj.target}.get(side or "post")
            var = group.variables.get(base)
            start = group._first
            stop = start + group.global_size()
            for other_var, other_start, other_stop, other_group, other_obj in seen:
                if other_var is var and start < other_stop and other_start < stop:
                    where = (f"group '{group.name}'" if other_group == group.name else
                             f"overlapping groups '{other_group}' and '{group.name}'")
                    raise SummedTargetOverlapError(
                        f"the summed variables of '{other_obj}' and '{obj.name}' both write "
                        f"'{base}' in {where}", obj=obj.name,
                        hint="sum into separate variables of the target group and add them "
                        "in a subexpression")
            seen.append((var, start, stop, group.name, obj.name))


def _summed_operation(synapses, name, eq, run_namespace):
    base, side = split_suffix(name)
    group = {"pre": synapses.source, "post": synapses.target}.get(side or "post")
    target_var = group.variables.get(base)
    if isinstance(target_var, LinkedVariable):
        raise EquationError(f"the summed variable '{name}' would write '{base}' of "
                            f"'{group.name}', which is a linked variable", code=NOT_WRITABLE,
                            obj=synapses.name, hint="sum into the linked group's own variable")
    if not isinstance(target_var, ArrayVariable):
        raise EquationError(f"the summed variable '{name}' needs a variable '{base}' in "
                            f"'{group.name}'", obj=synapses.name,
                            hint=f"declare '{base} : <unit>' in the target group's equations")
    reason = why_not_writable(target_var)
    if reason is not None:
        raise EquationError(f"the summed variable '{name}' would write '{base}' of "
                            f"'{group.name}', which is {reason}", code=NOT_WRITABLE,
                            obj=synapses.name, hint=f"remove the (constant) flag of '{base}'")
    if target_var.dim != eq.dim:
        raise EquationError(f"the summed variable '{name}' has unit {symbol_text(eq.dim)} "
                            f"but '{base}' of "
                            f"'{group.name}' has {symbol_text(target_var.dim)}", obj=synapses.name)
    expr = synapses.substitute_subexpressions(eq.expr)
    variables = synapses.resolve_for_kernel(used_names([expr]), run_namespace)
    dims = {n: v.dim for n, v in variables.items()}
    dims.update(t=second.dim, dt=second.dim)
    dimension_of(expr, dims, functions=function_rules(variables), obj=synapses.name)
    index = synapses.variables["_synaptic_" + (side or "post")]
    if side == "pre":
        refuse_remote_reads(synapses, name, side, writes=True)
    return SummedOp(
        f"{synapses.name}_summed_{name}", synapses.name, 0, synapses.N,
        statements=[Assignment("_summed", "=", expr)], variables=variables, when="groups",
        order=group.order - 1, clock=group.clock, source=synapses,
        var_index=synapses.index_map(variables), target=target_var,
        target_start=group._start, target_stop=group._stop,
        target_index=(index, group._local_origin))


def run_regularly_operation(synapses, runner, run_namespace):
    """``S.run_regularly(code)``: the statements over every synapse. Code that writes a
    pre- or postsynaptic neuron's variable runs synapse after synapse (kind
    ``synapticcode``: in rounds on the NumPy target, as pathways do), so that synapses
    onto one neuron add up; other code is a vectorised state update."""
    statements = [dataclasses.replace(st, var=normalise_target(synapses, st.var),
                                      expr=synapses.substitute_subexpressions(st.expr))
                  for st in runner.statements]
    assignments = [Assignment(st.var, st.op, st.expr, st.line, runner.source)
                   for st in statements]
    names = used_names([a.expr for a in assignments]) | {a.target for a in assignments}
    temporaries = {st.var for st in statements if st.op == "=" and st.var not in
                   synapses.variables and not st.var.endswith(("_pre", "_post"))
                   and st.var not in BUILT_IN_NAMES}
    variables = synapses.resolve_for_kernel(names - temporaries, run_namespace)
    for st, original in zip(statements, runner.statements):
        if st.var not in temporaries:
            check_writable(original, variables.get(st.var), source=runner.source,
                           obj=synapses.name, where="run_regularly code")
    dims = {name: var.dim for name, var in variables.items()}
    dims.update(t=second.dim, dt=second.dim)
    check_statements(synapses, statements, dims, runner.source,
                     functions=function_rules(variables))
    sides = sorted({split_suffix(a.target)[1] for a in assignments
                    if a.target not in synapses.variables and split_suffix(a.target)[1]})
    var_index = synapses.index_map(variables)
    for side in sides:
        variables["_synaptic_" + side] = synapses.variables["_synaptic_" + side]
    common = dict(statements=assignments, variables=variables, when=runner.when,
                  order=runner.order, clock=runner.clock, source=runner, var_index=var_index)
    common["draw_key"] = synapses.draw_identity()
    if sides:
        return SynapticCodeOp(runner.name, synapses.name, 0, synapses.N,
                              rounds_by=tuple("_synaptic_" + side for side in sides), **common)
    return StateUpdateOp(runner.name, synapses.name, 0, synapses.N, **common)
