"""User functions that generated code evaluates itself: tabulated functions of time.

A :class:`TabulatedFunction` is what a ``TimedArray`` becomes in an operation's
variables: a flat array of samples, their spacing ``dt`` and their layout.
Each kernel that calls one gets a small helper (``static inline`` in C, a
module-level ``def`` in NumPy) rendered from ``templates/<target>/tabulated.*``;
the helper looks the value up with Brian2's rounding rule (see
:func:`upsampling_factor`).
"""
import numpy as np

from ..errors import CodegenError
from ..ir.calls import called_functions
from ..ir.functions import TabulatedFunction, UserFunction, upsampling_factor
from .identifiers import mangle


def tabulated_helpers(op, exprs, symbols, prefix):
    """Helpers for the tabulated functions ``exprs`` call; registers their symbols.

    Returns
    -------
    user_functions : dict
        Name in the expressions -> name of the helper in generated code.
    helpers : list of dict
        Template context of each helper (``templates/<target>/tabulated.*``).
    """
    user_functions, helpers = {}, []
    for name in sorted(called_functions(exprs)):
        function = op.variables.get(name)
        if isinstance(function, UserFunction):
            continue  # eqsim.codegen.user_functions
        if not isinstance(function, TabulatedFunction):
            raise CodegenError(f"operation {op.name} calls '{name}', which is not a known function",
                               hint="functions in model strings must be TimedArrays, Functions or built-ins")
        factor = upsampling_factor(op.clock.dt_, function.dt)
        helper = mangle("f", prefix, name)
        helpers.append(dict(
            name=helper, table=symbols.array(function.values), two_d=bool(function.n_columns),
            epsilon=symbols.constant(mangle("kf", prefix, "eps", name), function.dt / factor),
            factor=symbols.constant(mangle("kf", prefix, "K", name), float(factor)),
            n_times=symbols.constant(mangle("kf", prefix, "rows", name), function.n_times,
                                     np.int64),
            n_columns=symbols.constant(mangle("kf", prefix, "cols", name), function.n_columns,
                                       np.int64)))
        user_functions[name] = helper
    return user_functions, helpers

