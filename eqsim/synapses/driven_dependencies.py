"""Brian2's rule for synaptic equations: an event-driven variable (integrated at spikes)
may not depend on a clock-driven one (integrated every step), nor the other way round, nor
a summed variable on an event-driven one; subexpressions in between count."""
from ..errors import EquationError
from ..groups.model_code import used_names


def _dependencies(equations, expr, via=()):
    """``(name, via)`` of every differential variable ``expr`` reads, directly or through
    (non-summed) subexpressions (``via``: the subexpressions on the way)."""
    for name in sorted(used_names([expr])):
        eq = equations.get(name)
        if eq is None:
            continue
        if eq.kind == "differential":
            yield name, via
        elif eq.kind == "subexpression" and "summed" not in eq.flags and name not in via:
            yield from _dependencies(equations, eq.expr, via + (name,))


def check_driven_dependencies(equations, label):
    """Raise EquationError where a synaptic equation depends on the other kind, as Brian2."""
    eqs = equations.equations
    event = {n for n, eq in eqs.items() if "event-driven" in eq.flags}
    clock = {n for n, eq in eqs.items() if eq.kind == "differential"} - event
    for name, eq in eqs.items():
        if name in event:
            kind, other, other_kind = "event-driven", clock, "clock-driven"
        elif name in clock or "summed" in eq.flags:
            kind = "clock-driven" if name in clock else "summed"
            other, other_kind = event, "event-driven"
        else:
            continue
        for dep, via in _dependencies(eqs, eq.expr):
            if dep in other:
                through = f" (via {', '.join(repr(v) for v in via)})" if via else ""
                raise EquationError(
                    f"The {kind} '{name}' should not depend on the {other_kind} variable "
                    f"'{dep}'{through}: one is integrated every step, the other only at "
                    f"spikes", obj=label,
                    hint="make both clock-driven (or both event-driven), as Brian2 asks")
