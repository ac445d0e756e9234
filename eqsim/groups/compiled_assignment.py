"""String assignments (``S.w = 'exp(-(x_pre - x_post)**2)'``) run as a compiled kernel.

For many elements a compiled loop beats NumPy's temporaries. The kernel draws its
random numbers with exactly the keys NumPy evaluation uses (same step and streams),
so either path gives the same values.
"""
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
from .model_code import function_rules, used_names
from .zero_values import folded_zero, zero_hint


def assign_compiled(group, name, text, indices, run_namespace, *, num_threads=1):
    """Set variable ``name`` of ``group`` to expression ``text`` for ``indices``."""
    var = group.variables[name]
    expr = group.substitute_subexpressions(parse_expression(text, obj=group.name))
    variables = group.resolve_for_kernel(used_names([expr]) | {name}, run_namespace)
    found = dimension_of(expr, group.kernel_dimensions(variables),
                         functions=function_rules(variables), source=text, obj=group.name)
    if found != var.dim and not folded_zero(expr, text):  # '0' is dimensionless (Brian2)
        raise DimensionMismatchError(
            f"the value for '{name}' '{text}' has dimension {found}, but {var.dim} is needed",
            found, var.dim, obj=group.name, source=text, line=1,
            hint=zero_hint(expr, var.dim, "multiply by the right unit, e.g. '... * mV'"))
    context = current_context()
    k = context.next_evaluation_number()
    variables["_assign_indices"] = ArrayVariable("_assign_indices", group.name, DIMENSIONLESS,
                                                 array=np.ascontiguousarray(indices, np.int32))
    op = AssignOp(f"{group.name}_assign", group.name, 0, len(indices),
                  statements=[Assignment(name, "=", expr)], variables=variables,
                  clock=group.clock, source=group, indices="_assign_indices",
                  n_indices=len(indices), time=group.clock.t_, random_streams=evaluation_streams(expr, k),
                  var_index=group.index_map(variables), draw_key=group.draw_identity(),
                  global_offset=group._owner._global_start)
    run_operation(op, target="cython", context=context, evaluation=k)


def compiled_assignment_size(var):
    """From how many elements on a string assignment to ``var`` runs as a compiled kernel
    (preference ``codegen.cython.compiled_assignment_size``), or None when it never does:
    on the NumPy target, and for integer variables (set_values range-checks those)."""
    if prefs["codegen.target"] != "cython" or var.array.dtype.kind != "f":
        return None
    return prefs["codegen.cython.compiled_assignment_size"]
