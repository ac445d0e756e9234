"""Turn a method's intermediate results and new values into a minimal, safe statement list.

A method describes one step as ordered temporaries (``_k1_v = ...``) followed by the
new value of each state variable, all in terms of the values at the start of the
step. :func:`assemble` removes what is not needed and orders the assignments so that
no statement reads a state variable that was already overwritten in this step.
"""
import sympy


def temporary(name):
    """The symbol of a temporary: ``temporary('k1_v')`` is ``_k1_v``."""
    return sympy.Symbol(f"_{name}", real=True)


def _merge_duplicates(intermediates):
    # A temporary equal to an earlier one (rk4 stages of a state-independent drift)
    # or to a plain symbol/number is replaced by that value instead of recomputed.
    replacements, kept, seen = {}, [], {}
    for symbol, expr in intermediates:
        expr = expr.xreplace(replacements) if replacements else expr
        if _trivial(expr):
            replacements[symbol] = expr
        elif expr in seen:
            replacements[symbol] = seen[expr]
        else:
            seen[expr] = symbol
            kept.append((symbol, expr))
    return kept, replacements


def _trivial(expr):
    # Cheaper to repeat than to store: a symbol, a number, or its negation.
    return expr.is_Atom or (expr.could_extract_minus_sign() and (-expr).is_Atom)


def _drop_and_inline(intermediates, new_values):
    # Walk backwards so that inlining a temporary into a later one moves its own
    # reads along with it and use counts of earlier temporaries stay right.
    intermediates = list(intermediates)
    new_values = dict(new_values)
    index = len(intermediates) - 1
    while index >= 0:
        symbol, expr = intermediates[index]
        readers = [("temp", j) for j in range(index + 1, len(intermediates))
                   if intermediates[j][1].has(symbol)]
        readers += [("state", name) for name, value in new_values.items() if value.has(symbol)]
        uses = sum(_count(symbol, intermediates[key][1] if kind == "temp" else new_values[key])
                   for kind, key in readers)
        if uses <= 1:
            del intermediates[index]
            for kind, key in readers:  # at most one
                if kind == "temp":
                    target, value = intermediates[key - 1]
                    intermediates[key - 1] = (target, value.xreplace({symbol: expr}))
                else:
                    new_values[key] = new_values[key].xreplace({symbol: expr})
        index -= 1
    return intermediates, new_values


def _count(symbol, expr):
    return sum(1 for node in sympy.preorder_traversal(expr) if node == symbol)


def _simultaneous(new_values, symbols):
    # Assign a variable directly as soon as no pending new value reads it; break
    # cycles (x' needs y, y' needs x) with a `_x_new` temporary written back last.
    pending = dict(new_values)
    statements, write_back = [], []
    while pending:
        for name in pending:
            symbol = symbols[name]
            if not any(other != name and value.has(symbol) for other, value in pending.items()):
                statements.append((name, pending.pop(name)))
                break
        else:
            name = next(iter(pending))
            holder = temporary(f"{name}_new")
            statements.append((holder.name, pending.pop(name)))
            write_back.append((name, holder))
    return statements + write_back


def assemble(intermediates, new_values, symbols):
    """The ordered statements of one step.

    Parameters
    ----------
    intermediates : list of (sympy.Symbol, sympy.Expr)
        Temporaries in evaluation order; each may read state variables (old values)
        and earlier temporaries.
    new_values : dict
        State variable name -> its value at the end of the step.
    symbols : dict
        State variable name -> its sympy Symbol.

    Returns
    -------
    list of (str, sympy.Expr)
        Assignments to run in order. Unused temporaries are dropped, temporaries read
        once are inlined, equal ones merged, and variables that do not change are
        not assigned.
    """
    intermediates, replacements = _merge_duplicates(intermediates)
    if replacements:
        new_values = {name: value.xreplace(replacements) for name, value in new_values.items()}
    new_values = {name: value for name, value in new_values.items() if value != symbols[name]}
    intermediates, new_values = _drop_and_inline(intermediates, new_values)
    statements = [(symbol.name, expr) for symbol, expr in intermediates]
    return statements + _simultaneous(new_values, symbols)


def describe(statements) -> str:
    """The statements as readable text, one ``name = expression`` per line.

    Parameters
    ----------
    statements : list of (str, sympy.Expr)
        As returned by :func:`eqsim.stateupdate.integrate`.
    """
    return "\n".join(f"{target} = {sympy.sstr(expr)}" for target, expr in statements)
