"""``euler(eqs)``: the statements a method gives for an Equations object, as text."""
import sympy

from . import integrate
from .statements import describe


def statements_for(equations, method):
    """The update statements of ``method`` for ``equations`` (Equations or text).

    Subexpressions are substituted into the differential equations first, as a group
    does when it builds its state update.
    """
    from eqsim.parsing.equations import Equations
    if not isinstance(equations, Equations):
        equations = Equations(equations)
    subexpressions = {name: eq.expr for name, eq in equations.equations.items()
                      if eq.kind == "subexpression"}
    differential = {}
    for name, eq in equations.equations.items():
        if eq.kind != "differential":
            continue
        expr = eq.expr
        for _ in range(len(subexpressions) + 1):  # nested definitions, acyclic by parsing
            expr = expr.xreplace({sympy.Symbol(n, real=True): value
                                  for n, value in subexpressions.items()})
        differential[name] = expr
    statements, _ = integrate(differential, method)
    return describe(statements)
