"""Function descriptors: what a function name in model strings refers to in an
operation's variables. Targets turn them into code (``eqsim.codegen.functions`` for
tables, ``eqsim.codegen.user_functions`` for user functions)."""
from dataclasses import dataclass

import numpy as np

from ..errors import DimensionMismatchError, TimedArrayArgumentsError
from ..units import DIMENSIONLESS, second
from .variables import ArrayVariable, Variable


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
            raise TimedArrayArgumentsError(
                f"'{self.name}' takes {len(expected)} argument(s), {len(argument_dims)} given",
                hint=f"call it as {call}")
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


@dataclass(eq=False)
class UserFunction(Variable):
    """A user function called under ``name`` in model strings.

    ``function`` is the :class:`eqsim.core.functions.Function`; ``rule`` maps the
    arguments' dimensions to the result's (raising for a wrong call).
    """
    function: object = None
    n_args: int = 0
    auto_vectorise: bool = False
    rule: object = None
    # a random function drawn from eqsim's generator: ('binomial', n, p) or ('normal', loc,
    # scale); each call becomes a draw of its own (expand_samplers)
    sampler: tuple = None

    def dimension_rule(self, argument_dims):
        return self.rule(argument_dims)
