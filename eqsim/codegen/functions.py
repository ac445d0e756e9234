"""User functions that generated code evaluates itself: tabulated functions of time.

A :class:`TabulatedFunction` is what a ``TimedArray`` becomes in an operation's
variables: a flat array of samples, their spacing ``dt`` and their layout.
Each kernel that calls one gets a small helper (``static inline`` in C, a
module-level ``def`` in NumPy) rendered from ``templates/<target>/tabulated.*``;
the helper looks the value up with Brian2's rounding rule (see
:func:`upsampling_factor`).
"""
from dataclasses import dataclass

import numpy as np
from sympy.core.function import AppliedUndef

from ..errors import CodegenError, DimensionMismatchError
from ..ir.variables import ArrayVariable, Variable
from .identifiers import mangle
from .user_functions import UserFunction
from ..units import DIMENSIONLESS, second


@dataclass(eq=False)
class TabulatedFunction(Variable):
    """``f(t)`` (1-D samples) or ``f(t, i)`` (2-D samples, one column per ``i``).

    ``dim`` is the dimension of the returned value; ``values`` holds the samples
    in SI units, row-major (time first), as float64.
    """
    values: ArrayVariable = None
    dt: float = 0.0
    n_times: int = 0
    n_columns: int = 0  # 0 for 1-D values: called with t only

    @property
    def n_arguments(self):
        return 2 if self.n_columns else 1

    def dimension_rule(self, argument_dims):
        """Result dimension for ``argument_dims`` (a time, and a dimensionless index)."""
        expected = [second.dim] + [DIMENSIONLESS] * (self.n_arguments - 1)
        call = f"{self.name}(t)" if self.n_arguments == 1 else f"{self.name}(t, i)"
        if len(argument_dims) != len(expected):
            raise DimensionMismatchError(
                f"'{self.name}' takes {len(expected)} argument(s), {len(argument_dims)} given",
                code="EQ910", hint=f"call it as {call}")
        for position, (found, needed) in enumerate(zip(argument_dims, expected)):
            if found != needed:
                what = "a time" if position == 0 else "a dimensionless index"
                raise DimensionMismatchError(
                    f"argument {position + 1} of '{self.name}' must be {what}, got dimension "
                    f"{found}", found, needed, code="EQ911", hint=f"call it as {call}")
        return self.dim


def upsampling_factor(clock_dt, table_dt):
    """Brian2's ``K``: the table index is ``int((t/eps + 0.5)/K)`` with ``eps = table_dt/K``.

    Rounding ``t`` to a grid ``K`` times finer than the table (and at least 8
    times finer than the caller's clock) keeps times that are whole multiples
    of the table's ``dt`` from falling into the previous sample through
    floating-point error, while sampling still changes at multiples of ``dt``.
    """
    return max(int(2 ** np.ceil(np.log2(8 / clock_dt * table_dt))), 1)


def called_functions(exprs):
    """Names of the user functions called in ``exprs`` (sympy undefined functions)."""
    names = set()
    for expr in exprs:
        if expr is not None and hasattr(expr, "atoms"):
            names |= {call.func.__name__ for call in expr.atoms(AppliedUndef)}
    return names


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

