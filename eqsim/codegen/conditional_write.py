"""Writes to ``(unless refractory)`` variables take effect only where the element written
is not refractory, whichever kernel makes them (Brian2's ``conditional_write``).

Brian2 makes every code object's assignment to such a variable conditional on the
``not_refractory`` flag of the element written (a synapse's postsynaptic or presynaptic
neuron), except the reset code objects (the spike reset and ``run_on_event`` code), which
override it. Done here, once for every kernel kind, rather than in each template.
"""
import dataclasses

import sympy

from ..ir.operations import Assignment


def with_conditional_writes(op, statements):
    """``statements`` of ``op`` (plain ``=`` assignments) with each write to a variable that
    has a ``conditional_write`` flag made ``x = (e if flag else x)``.

    Returns ``(statements, op)``: ``op`` is a copy that also names the flags the rewritten
    statements read (indexed like the variable written), or ``op`` itself when nothing
    needed a name of its own.
    """
    if not op.conditional_writes:
        return statements, op
    var_index = op.extra.get("var_index", {})
    added, out = {}, []
    for st in statements:
        var = op.variables.get(st.target)
        flag = getattr(var, "conditional_write", None)
        if flag is None or var.shared:
            out.append(st)
            continue
        index = var_index.get(st.target)
        name = _flag_name(op, flag, index, added, var_index)
        keep = sympy.Symbol(st.target, real=True)
        expr = sympy.Piecewise((st.expr, sympy.Symbol(name, real=True) > 0), (keep, True))
        out.append(Assignment(st.target, "=", expr))
    if not added:
        return out, op
    variables = dict(op.variables)
    extra = dict(op.extra, var_index=dict(var_index))
    for name, (flag, index) in added.items():
        variables[name] = flag
        if index is not None:
            extra["var_index"][name] = index
    return out, dataclasses.replace(op, variables=variables, extra=extra)


def _flag_name(op, flag, index, added, var_index):
    """The kernel name of ``flag`` at ``index``: one the operation already uses for it
    (the state updater computes ``not_refractory`` before its writes), else a new one."""
    for name, var in op.variables.items():
        if var is flag and _same_index(var_index.get(name), index):
            return name
    for name, (var, known) in added.items():
        if var is flag and _same_index(known, index):
            return name
    name = f"_not_refractory_{len(added)}"
    added[name] = (flag, index)
    return name


def _same_index(a, b):
    if a is None or b is None:
        return a is b
    return a[0] is b[0] and a[1] == b[1]
