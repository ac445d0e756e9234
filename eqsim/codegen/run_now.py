"""Run generated code now, outside a network's step loop: the one service through which
groups and synapses execute code of their own (string assignments, string indices,
start values), so that none of them prints, compiles or keys random draws itself.

Draws made here are those of the ``k``-th evaluation since ``seed()``
(:func:`eqsim.runtime.streams.evaluation_stream` at
:func:`~eqsim.runtime.streams.evaluation_step`), whichever path runs: the NumPy
expression and the compiled kernel of one assignment draw the same numbers.
"""
import numpy as np

from ..errors import EquationError
from ..ir.calls import random_calls
from ..runtime.random import normal as _normal, uniform as _uniform
from ..runtime.random_discrete import poisson as _poisson
from ..runtime.streams import evaluation_step, evaluation_stream
from ..runtime.time_steps import timestep as _timestep
from .identifiers import mangle
from .printers import NumpyPrinter
from ..ir.functions import UserFunction


def evaluate_expression(expr, values, functions, indices, *, seed, evaluation, obj,
                        text=None):
    """Values of the parsed expression ``expr`` over the elements ``indices``.

    Parameters
    ----------
    expr : sympy expression
        Parsed and dimension-checked.
    values : dict
        Name -> array (one value per element of ``indices``) or scalar, in SI units.
    functions : dict
        Name -> function object the expression calls (UserFunction only).
    indices : ndarray of int
        Key the random draws (absolute element indices) and shape the result.
    seed : int
    evaluation : int
        Number of this evaluation since ``seed()`` (keys its draws).
    obj, text : str
        For error messages.
    """
    namespace = {"numpy": np, "_uniform": _uniform, "_normal": _normal, "_seed": seed,
                 "_poisson": _poisson, "_timestep": _timestep,
                 "_step": evaluation_step(evaluation), "_idx": indices}
    streams = {}
    for n, call in enumerate(random_calls([expr])):
        streams[int(call.args[0])] = mangle("r", "eval", n)
        namespace[streams[int(call.args[0])]] = evaluation_stream(evaluation, n)
    code_names = {}
    for name, value in values.items():
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


def evaluation_streams(expr, evaluation):
    """The stream numbers of the random calls in ``expr`` when it is the ``evaluation``-th
    evaluation: what an operation that runs it must be given (``AssignOp.random_streams``)."""
    return tuple(evaluation_stream(evaluation, n) for n, _ in enumerate(random_calls([expr])))


def run_operation(op, *, target, context, evaluation):
    """Build ``op`` alone into a module for ``target`` and run it once, with the seed of
    the simulation ``context``, its draws keyed as the ``evaluation``-th evaluation since
    ``seed()``."""
    from .module import NetworkModule
    module = NetworkModule(target, op.owner, [op], lambda _: 0, 1, context=context,
                           num_threads=1)
    module.bind()
    step = evaluation_step(evaluation)
    module.backend.set_clocks([op.clock.dt_], [step], [step + 1])
    module.backend.run([])


def prepare_compiled_draws(target):
    """On the compiled target (``target == 'cython'``), let NumPy-side draws (``connect()``, string assignments)
    use the C Philox rounds from now on rather than from the first run: the same bits,
    about ten times faster (``connect(p=0.25)`` of 25 M synapses drew for 2 s in NumPy).
    An installed eqsim has them at import; a source checkout compiles them once."""
    from ..runtime.random import philox_implementations
    if target == "cython" and "c" not in philox_implementations():
        from .module import network_glue
        network_glue()
