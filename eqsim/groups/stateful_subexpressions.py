"""Brian2's check, made when a run starts, that a subexpression drawing random numbers is
flagged ``(constant over dt)``: otherwise every use would draw again, and two uses in one
time step would see different values."""
from ..ir.calls import random_calls
from ..errors import StatefulSubexpressionError


def check_stateful_subexpressions(group):
    """Raise StatefulSubexpressionError for the first subexpression of ``group``'s
    equations that calls rand() or randn() without ``(constant over dt)``."""
    for name, eq in group.equations.equations.items():
        if eq.kind != "subexpression" or "constant over dt" in eq.flags:
            continue
        if random_calls([eq.expr]):
            raise StatefulSubexpressionError(
                f"the subexpression '{name}' draws random numbers (rand, randn, poisson): it "
                "would draw new ones wherever it is used, so it has to be evaluated once per "
                "time step",
                obj=group.name, hint=f"flag it: '{name} = ... : <unit> (constant over dt)'")
