"""``G.run_regularly(code, dt=...)``: statements over every element at its own interval."""
from ..core.base import EqsimObject
from ..ir.operations import Assignment, StateUpdateOp
from ..parsing.statements import parse_statements
from .model_code import (check_statements, check_targets, function_rules, temporaries, used_names,
                         with_subexpressions)


class RunRegularly(EqsimObject):
    """Statements run for every element of ``group`` at each tick of its clock."""

    def __init__(self, group, statements, source, dt=None, clock=None, when="start", order=0,
                 name=None):
        if dt is None and clock is None:
            clock = group.clock
        super().__init__(dt=dt, clock=clock, when=when, order=order,
                         name=f"{group.name}_run_regularly*" if name is None else name)
        self.group = group
        self.statements = statements
        self.source = source

    def operations(self, run_namespace):
        g = self.group
        if hasattr(g, "run_regularly_operation"):  # Synapses: x_pre / x_post, fan counts
            return [g.run_regularly_operation(self, run_namespace)]
        check_targets(g, self.statements, self.source, where="run_regularly code")
        statements = with_subexpressions(g, self.statements)
        assignments = [Assignment(st.var, st.op, st.expr, st.line, self.source)
                       for st in statements]
        names = used_names([a.expr for a in assignments]) | {a.target for a in assignments}
        variables = g.resolve_for_kernel(names - temporaries(g, statements), run_namespace)
        check_statements(g, statements, g.kernel_dimensions(variables), self.source,
                         function_rules(variables))
        return [StateUpdateOp(self.name, g.name, g._start, g._stop,
                              statements=assignments, variables=variables, when=self.when,
                              order=self.order, clock=self.clock, source=self,
                              # i counts from the subgroup's start; draws by global index
                              index_offset=g._first, global_offset=g._owner._global_start)]


def attach_run_regularly(group, holder, code, **options):
    """``group.run_regularly(code, ...)``: a RunRegularly over ``group``'s elements that runs
    whenever ``holder`` (the group, or a subgroup's parent) is in the network."""
    statements = parse_statements(code, obj=group.name)
    runner = RunRegularly(group, statements, code, **options)
    holder.contained_objects.append(runner)
    return runner
