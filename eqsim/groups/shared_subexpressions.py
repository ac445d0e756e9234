"""Brian2's rule for ``(shared)`` subexpressions: they have one value for all elements, so
they may read only shared variables, constants, ``t``, ``dt`` and ``N``, never a
per-element variable or ``i`` (Brian2 raises SyntaxError when the group is made; so does
eqsim, before the group exists)."""
from ..errors import SharedSubexpressionError
from ..ir.variables import ArrayVariable, IndexVariable, LinkedVariable


def per_element_equations(equations):
    """Names the model's equations define per element: differential equations, and
    parameters and subexpressions without ``(shared)``. A ``(linked)`` variable is not
    known before it is linked (Brian2 does not check it), and a summed variable writes
    another group's variable."""
    return {name for name, eq in equations.equations.items()
            if not {"shared", "linked", "summed"} & set(eq.flags)}


def group_per_element(group, name):
    """Whether ``name`` is a per-element variable or subexpression of ``group`` (a
    NeuronGroup, an input group or a subgroup of one, as a source or target of synapses)."""
    var = group.variables.get(name)
    if isinstance(var, IndexVariable):
        return True
    if isinstance(var, LinkedVariable):
        return var.target is not None and not var.shared
    if isinstance(var, ArrayVariable):
        return not var.shared
    if name in getattr(group, "_subexpressions", {}):
        return not is_shared_subexpression(group, name)
    return False


def is_shared_subexpression(group, name):
    """Whether ``name`` is a ``(shared)`` subexpression of ``group``'s model."""
    model = getattr(getattr(group, "_owner", group), "equations", None)
    eq = model.equations.get(name) if model is not None else None
    return eq is not None and eq.kind == "subexpression" and "shared" in eq.flags


def refuse_per_element_reads(equations, per_element, label):
    """Raise :class:`SharedSubexpressionError` for the first ``(shared)`` subexpression
    that names one of ``per_element()`` (a function giving a set of names, called only
    when there is such a subexpression: the names take a parse of every equation, 1 ms of
    each group's making). One ``(constant over dt)`` is a stored variable computed once
    per step, refused at run time as any other assignment of a per-element value to a
    shared variable (as Brian2 does)."""
    shared = [eq for eq in equations.equations.values()
              if eq.kind == "subexpression" and "shared" in eq.flags and
              "constant over dt" not in eq.flags]
    if shared:
        per_element = per_element()
    for eq in shared:
        read = [name for name in {s.name for s in eq.expr.free_symbols} if name in per_element]
        if not read:
            continue
        columns = {name: eq.column_of(name, right_side=True) for name in read}
        first = min(read, key=lambda name: (columns[name] is None, columns[name] or 0, name))
        raise eq.error(f"the shared subexpression '{eq.name}' refers to the per-element "
                       f"'{first}': it would not have one value for all elements",
                       code=None, obj=label, column=columns[first],
                       error_type=SharedSubexpressionError,
                       hint=f"make '{first}' shared too, or remove '(shared)' from "
                            f"'{eq.name}'")
