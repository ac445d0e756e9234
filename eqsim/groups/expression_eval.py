"""Evaluate a user's expression string over some elements of a group, in NumPy.

Used for string assignments (``G.v = 'i*0.1*mV'``) and string indices
(``G.v['i > 5']``). The string is parsed and whitelisted, dimension-checked,
then printed by the NumPy code printer; only that generated code runs.
"""
import numpy as np

from ..codegen.functions import called_functions
from ..codegen.identifiers import mangle
from ..codegen.kernel import stream_id
from ..codegen.printers import NumpyPrinter, random_calls
from ..codegen.user_functions import UserFunction
from ..core.seeding import current_seed, next_evaluation_number
from ..errors import DimensionMismatchError, EquationError
from .zero_values import folded_zero, zero_hint
from ..parsing.dimensions import dimension_of
from ..parsing.expressions import parse_expression
from ..runtime.random import normal as _normal, uniform as _uniform

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
    return evaluate_parsed(expr, values, indices, obj=group.name, text=text,
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
            f"the {what} '{text}' has dimension {found}, but {expected_dim} is needed",
            found, expected_dim, obj=obj, source=text, line=1,
            hint=zero_hint(expr, expected_dim, "multiply by the right unit, e.g. '... * mV'"))
    k = next_evaluation_number()
    streams = {}
    namespace = {"numpy": np, "_uniform": _uniform, "_normal": _normal,
                 "_seed": current_seed(), "_step": 2**40 + k, "_idx": indices}
    for n, call in enumerate(random_calls([expr])):
        streams[int(call.args[0])] = mangle("r", "eval", n)
        # the stream number's key is fixed: compiled assignments draw the same numbers
        namespace[streams[int(call.args[0])]] = evaluation_stream(k, n)
    code_names = {}
    for name, (value, _) in values.items():
        code_names[name] = mangle("v", name)
        namespace[code_names[name]] = value
    user_functions = {}
    for name, function in functions.items():
        if not isinstance(function, UserFunction):
            raise EquationError(f"'{name}' cannot be called in a string assignment", obj=obj,
                                source=text, hint="assign the values in a run_regularly")
        user_functions[name] = (mangle("kf", "eval", "py", name), function.auto_vectorise)
        namespace[user_functions[name][0]] = function.function.python_implementation()
    code = NumpyPrinter(names=code_names, random_streams=streams,
                        user_functions=user_functions).doprint(expr)
    # generated from the whitelisted parse tree; no user text is evaluated verbatim
    result = eval(compile(code, "<eqsim expression>", "eval"), namespace)
    return np.broadcast_to(np.asarray(result), np.shape(indices))


def evaluation_stream(k, n):
    """Random stream number of the ``n``-th draw of the ``k``-th string evaluation."""
    return stream_id("evaluate", str(k), f"_s{n}")
