"""Evaluate a user's expression string over some elements of a group, in NumPy.

Used for string assignments (``G.v = 'i*0.1*mV'``) and string indices
(``G.v['i > 5']``). The string is parsed and whitelisted, dimension-checked,
then printed by the NumPy code printer; only that generated code runs.
"""
from ..codegen.run_now import evaluate_expression
from ..core.context import current_context
from ..errors import DimensionMismatchError
from ..ir.calls import called_functions
from .zero_values import folded_zero, zero_hint
from ..parsing.dimensions import dimension_of
from ..parsing.expressions import parse_expression
from ..units.display_names import symbol_text


def evaluate(group, text, indices, run_namespace, *, expected_dim=None, what="expression"):
    """Values of expression ``text`` for the elements ``indices`` (absolute, in the owner).

    Parameters
    ----------
    group : Group
        Provides ``resolve_for_evaluation(names, indices, namespace)`` -> {name: (value, dim)}.
    text : str
    indices : ndarray of int
    run_namespace : dict
        The caller's variables, for external names.
    expected_dim : Dimension, optional
        Raise DimensionMismatchError when the expression has another dimension
        (a literal 0 is accepted for any dimension).
    """
    expr = group.substitute_subexpressions(parse_expression(text, obj=group.name))
    names = {s.name for s in expr.free_symbols} | called_functions([expr])
    values = group.resolve_for_evaluation(names, indices, run_namespace)
    # draws are keyed by the elements' identity (global index, synapse), not storage position
    return evaluate_parsed(expr, values, group.draw_keys(indices), obj=group.name, text=text,
                           expected_dim=expected_dim, what=what)


def evaluate_parsed(expr, values, indices, *, obj, text=None, expected_dim=None,
                    what="expression"):
    """Evaluate a parsed expression given ``values`` {name: (array or scalar, dim)};
    ``indices`` key the random draws and give the result its shape."""
    text = text if text is not None else str(expr)
    functions = {name: value._eqsim_function(name) for name, (value, _) in values.items()
                 if hasattr(value, "_eqsim_function")}
    values = {name: item for name, item in values.items() if name not in functions}
    dims = {name: dim for name, (_, dim) in values.items()}
    found = dimension_of(expr, dims, source=text, obj=obj,
                         functions={n: f.dimension_rule for n, f in functions.items()})
    if expected_dim is not None and found != expected_dim and not folded_zero(expr, text):
        raise DimensionMismatchError(
            f"the {what} '{text}' has dimension {symbol_text(found)}, but "
            f"{symbol_text(expected_dim)} is needed",
            found, expected_dim, obj=obj, source=text, line=1,
            hint=zero_hint(expr, expected_dim, "multiply by the right unit, e.g. '... * mV'"))
    context = current_context()
    return evaluate_expression(expr, {name: value for name, (value, _) in values.items()},
                               functions, indices, seed=context.seed,
                               evaluation=context.next_evaluation_number(), obj=obj, text=text)
