"""String assignments (``S.w = 'exp(-(x_pre - x_post)**2)'``) run as a compiled kernel.

For many elements a compiled loop beats NumPy's temporaries. The kernel draws its
random numbers with exactly the keys NumPy evaluation uses (same step and streams),
so either path gives the same values.
"""
import dataclasses

import numpy as np

from ..codegen.run_now import evaluation_streams, run_operation
from ..core.preferences import prefs
from ..core.context import current_context
from ..errors import DimensionMismatchError
from ..ir.operations import AssignOp, Assignment
from ..ir.variables import ArrayVariable
from ..parsing.dimensions import dimension_of
from ..parsing.expressions import parse_expression
from ..units import DIMENSIONLESS
from ..units.display_names import symbol_text
from .model_code import function_rules, used_names
from .values import storage_of
from .zero_values import folded_zero, zero_hint


def assign_compiled(group, name, text, indices, run_namespace, *, target="cython", raw=False,
                    rounds_by=(), conditional_writes=True, others_before=False):
    """Set variable ``name`` of ``group`` (a name the group's kernels resolve: its own, or
    a synapse's ``v_post``) to expression ``text`` for ``indices``, with a kernel for
    ``target``; ``raw``: the value is in SI units, unchecked (``S.w_ = '...'``).
    ``rounds_by`` names index arrays of ``group`` whose equal values the elements write
    one after another (:class:`~eqsim.ir.operations.AssignOp`); ``others_before``: other
    names of the array written (``v_pre`` while ``v_post`` is written) read its values
    from before the assignment."""
    expr = group.substitute_subexpressions(parse_expression(text, obj=group.name))
    variables = group.resolve_for_kernel(used_names([expr]) | {name}, run_namespace)
    var = variables[name]
    found = dimension_of(expr, group.kernel_dimensions(variables),
                         functions=function_rules(variables), source=text, obj=group.name)
    if not raw and found != var.dim and not folded_zero(expr, text):  # '0': any (Brian2)
        raise DimensionMismatchError(
            f"the value for '{name}' '{text}' has dimension {symbol_text(found)}, but "
            f"{symbol_text(var.dim)} is needed",
            found, var.dim, obj=group.name, source=text, line=1,
            hint=zero_hint(expr, var.dim, "multiply by the right unit, e.g. '... * mV'"))
    context = current_context()
    k = context.next_evaluation_number()
    variables["_assign_indices"] = ArrayVariable("_assign_indices", group.name, DIMENSIONLESS,
                                                 array=np.ascontiguousarray(indices, np.int32))
    for index in rounds_by:
        variables[index] = group.variables[index]
    var_index = group.index_map(variables)
    if others_before:
        written = storage_of(var).array
        for other, read in list(variables.items()):
            if other != name and isinstance(read, ArrayVariable) and read.array is written:
                variables[other] = dataclasses.replace(read, name=f"{read.name}_before",
                                                       array=written.copy())
    op = AssignOp(f"{group.name}_assign", group.name, 0, len(indices),
                  statements=[Assignment(name, "=", expr)], variables=variables,
                  clock=group.clock, source=group, indices="_assign_indices",
                  n_indices=len(indices), time=group.clock.t_, random_streams=evaluation_streams(expr, k),
                  var_index=var_index, draw_key=group.draw_identity(),
                  global_offset=group._owner._global_start, rounds_by=tuple(rounds_by),
                  conditional_writes=conditional_writes)
    run_operation(op, target=target, context=context, evaluation=k)


def compiled_assignment_size(var):
    """From how many elements on a string assignment to ``var`` runs as a compiled kernel
    (preference ``codegen.cython.compiled_assignment_size``), or None when it never does:
    on the NumPy target, and for integer variables (set_values range-checks those)."""
    if prefs["codegen.target"] != "cython" or var.array.dtype.kind != "f":
        return None
    return prefs["codegen.cython.compiled_assignment_size"]
