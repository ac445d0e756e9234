"""Subexpressions flagged ``(constant over dt)``, as Brian2 has them: each becomes a stored
variable, computed once at the start of every time step (Brian2's
``<group>_subexpression_update``, in the ``before_start`` slot) and held for the whole step.

Held means the state updater's stages all see the step-start value (an RK4 step does not
re-evaluate it), and a ``rand()`` inside is drawn once per neuron and step, which is what
lets a random subexpression drive a differential equation."""
import sympy

from ..parsing.statements import Statement
from .run_regularly import RunRegularly


def constant_over_dt_names(equations):
    """The subexpressions of ``equations`` flagged ``(constant over dt)``, in an order in
    which each is computed after the others it uses."""
    flagged = {name: eq for name, eq in equations.equations.items()
               if eq.kind == "subexpression" and "constant over dt" in eq.flags}
    ordered, placed = [], set()
    while len(ordered) < len(flagged):
        ready = [name for name, eq in flagged.items() if name not in placed and not (
            {s.name for s in eq.expr.free_symbols} & (set(flagged) - placed - {name}))]
        if not ready:  # a cycle: Equations refuses those earlier; keep the written order
            ready = [name for name in flagged if name not in placed]
        for name in ready:
            ordered.append(name)
            placed.add(name)
    return ordered


def subexpression_updater(group, equations, names):
    """The per-step update of the ``names`` subexpressions of ``group``."""
    statements = [Statement(name, "=", equations.equations[name].expr, k + 1,
                            f"{name} = {sympy.sstr(equations.equations[name].expr)}")
                  for k, name in enumerate(names)]
    source = "\n".join(s.text for s in statements)
    return RunRegularly(group, statements, source, when="before_start", order=group.order,
                        name=f"{group.name}_subexpression_update")
