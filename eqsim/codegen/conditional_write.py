"""Writes to ``(unless refractory)`` variables take effect only where the element written
is not refractory, whichever kernel makes them (Brian2's ``conditional_write``).

Brian2 makes every code object's assignment to such a variable conditional on the
``not_refractory`` flag of the element written (a synapse's postsynaptic or presynaptic
neuron), except the reset code objects (the spike reset and ``run_on_event`` code), which
override it. Done here, once for every kernel kind, rather than in each template.

One difference from Brian2, in a case no model should reach: a non-finite increment
(``v_post += w`` with ``w`` infinite or NaN) onto a refractory neuron makes it NaN, where
Brian2 leaves it unchanged (see :func:`_gated`).
"""
import dataclasses
import functools

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
    var_index = op.var_index
    added, out = {}, []
    for st in statements:
        var = op.variables.get(st.target)
        flag = getattr(var, "conditional_write", None)
        if flag is None or var.shared:
            out.append(st)
            continue
        index = var_index.get(st.target)
        name = _flag_name(op, flag, index, added, var_index)
        out.append(Assignment(st.target, "=", _gated(st, sympy.Symbol(name, real=True))))
    if not added:
        return out, op
    variables = dict(op.variables)
    var_index = dict(var_index)
    for name, (flag, index) in added.items():
        variables[name] = flag
        if index is not None:
            var_index[name] = index
    return out, dataclasses.replace(op, variables=variables, var_index=var_index)


def _gated(statement, flag):
    """``statement``'s value where ``flag`` (0 or 1) is set, else the target's old value.

    An increment ``x = x + d`` becomes ``x + flag*d``: exactly ``x + d`` or ``x`` (for a
    finite ``d``), and branch-free, which a select is not: gcc turns the select into a
    branch that refractory targets mispredict (Brunel's pathways ran ~15 % slower).
    """
    return _gated_expr(statement.target, statement.expr, flag)


# built again for every run(); sympy is slow and expressions compare by structure
@functools.lru_cache(maxsize=4096)
def _gated_expr(target, expr, flag):
    keep = sympy.Symbol(target, real=True)
    if isinstance(expr, sympy.Add) and keep in expr.args:
        increment = expr - keep
        if keep not in increment.free_symbols:
            return keep + flag * increment
    return sympy.Piecewise((expr, flag > 0), (keep, True))


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
