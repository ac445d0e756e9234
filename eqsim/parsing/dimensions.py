"""Physical dimensions of parsed expressions and equations.

Walks the sympy expressions the parser builds and checks, at build time, that
terms that are added or compared agree, that functions get what they need,
and that equations are consistent with their declared units.
"""
from functools import lru_cache
from types import MappingProxyType

import sympy
from sympy.core.function import AppliedUndef
from sympy.logic.boolalg import BooleanAtom, BooleanFunction

from eqsim.errors import DimensionMismatchError, EqsimError, UnresolvedNameError
from eqsim.parsing import error_codes as codes
from eqsim.parsing.source_positions import close_matches
from eqsim.parsing.functions import FUNCTIONS, Mod, floordiv, is_noise_name
from eqsim.units import DIMENSIONLESS, Dimension, all_units, get_dimensions, get_unit_for_display

__all__ = ["dimension_of", "check_equation_dimensions", "unit_dimensions", "SECOND",
           "NOISE_DIMENSION"]

#: The dimension of time.
SECOND = all_units["second"].dim
#: The dimension of white noise ``xi``: second**-0.5.
NOISE_DIMENSION = SECOND ** -0.5

# sympy class -> (name the user wrote, dimension rule); sqrt builds a Pow, handled there.
_FUNCTION_RULES = {function: (name, rule) for name, (function, _, rule) in FUNCTIONS.items()
                   if isinstance(function, type)}
_FUNCTION_RULES[sympy.Mod] = _FUNCTION_RULES[Mod] = ("%", "same")
_FUNCTION_RULES[floordiv] = ("//", "floordiv")


@lru_cache(maxsize=1)
def unit_dimensions():
    """Read-only mapping of every unit name to its dimension (``'mV'`` -> volt)."""
    return MappingProxyType({name: unit.dim for name, unit in all_units.items()})


def dimension_of(expr, dims, *, functions=MappingProxyType({}), source=None, line=None, obj=None):
    """Dimension of a parsed expression.

    Parameters
    ----------
    expr : sympy.Basic
        An expression built by :func:`~eqsim.parsing.expressions.parse_expression`.
    dims : Mapping[str, Dimension]
        Dimension of every name the expression may use (variables, constants,
        units). Noise names (``xi``, ``xi_*``) default to second**-0.5.
    functions : Mapping[str, Callable[[list[Dimension]], Dimension]], optional
        User functions (e.g. TimedArrays): argument dimensions -> result
        dimension; raise DimensionMismatchError for bad arguments.
    source, line, obj : optional
        The user string, its line and the object name, quoted in errors.

    Returns
    -------
    Dimension

    Raises
    ------
    DimensionMismatchError
        Naming the sub-expression and the dimensions that disagree.
    UnresolvedNameError
        For names missing from ``dims`` and functions missing from ``functions``.
    """
    checker = _DimensionChecker(dims, functions, dict(source=source, line=line, obj=obj))
    return checker.dimension(expr)


def check_equation_dimensions(eqs, dims, functions=MappingProxyType({}), *, obj=None):
    """Check that every equation is consistent with its declared unit.

    A differential equation ``dx/dt = f`` needs ``f`` in unit(x)/second; a
    subexpression's value needs its declared unit. Unit names are known
    without being listed in ``dims``; the equations' own variables shadow
    everything else.

    Parameters
    ----------
    eqs : Equations
    dims : Mapping[str, Dimension]
        Dimensions of external names (other variables, constants, ``t``, ``dt``...).
    functions : Mapping[str, Callable[[list[Dimension]], Dimension]], optional
        User functions, as for :func:`dimension_of`.
    obj : str, optional
        Object name for error messages (defaults to the equations' object).

    Raises
    ------
    DimensionMismatchError, UnresolvedNameError
        Quoting the equation line, with expected and found dimensions.
    """
    obj = obj if obj is not None else getattr(eqs, "obj", None)
    known = {**unit_dimensions(), **dims, **eqs.dimensions}
    for eq in eqs.values():
        if eq.expr is None:
            continue
        found = dimension_of(eq.expr, known, functions=functions, source=eq.source,
                             line=eq.line, obj=obj)
        expected = eq.dim / SECOND if eq.kind == "differential" else eq.dim
        if found == expected or _is_zero(eq.expr):
            continue
        if eq.kind == "differential":
            message = (f"The right-hand side of 'd{eq.name}/dt' has dimension {_show(found)}, but "
                       f"{eq.unit_text}/second ({_show(expected)}) is expected.")
            code = codes.DIFFERENTIAL_MISMATCH
        else:
            message = (f"The subexpression '{eq.name}' has dimension {_show(found)}, but its "
                       f"declared unit {eq.unit_text} has dimension {_show(expected)}.")
            code = codes.SUBEXPRESSION_MISMATCH
        raise DimensionMismatchError(message, found, expected, code=code, source=eq.source,
                                     line=eq.line, obj=obj,
                                     hint="Check the units of the terms on the right-hand side.")


def _is_zero(expr):
    return expr.is_Number and expr == 0


def _show(dim):
    """A dimension as the user reads it (``volt / second`` rather than exponents)."""
    return get_unit_for_display(dim)


def _describe(terms_and_dims, separator):
    return separator.join(f"{term} ({_show(dim)})" for term, dim in terms_and_dims)


class _DimensionChecker:
    def __init__(self, dims, functions, context):
        self.dims = dims
        self.functions = functions
        self.context = context

    def mismatch(self, message, *dims, code, hint=None):
        return DimensionMismatchError(message, *dims, code=code, hint=hint, **self.context)

    def dimension(self, expr):
        if expr.is_Number or expr.is_NumberSymbol or isinstance(expr, BooleanAtom):
            return DIMENSIONLESS
        if isinstance(expr, sympy.Symbol):
            return self.symbol(expr.name)
        if isinstance(expr, sympy.Add):
            return self.same_dimensions(expr, expr.args, "Cannot add terms with different "
                                        "dimensions", " + ", codes.ARITHMETIC_MISMATCH)
        if isinstance(expr, sympy.Mul):
            result = DIMENSIONLESS
            for factor in expr.args:
                result = result * self.dimension(factor)
            return result
        if isinstance(expr, sympy.Pow):
            return self.power(expr)
        if isinstance(expr, sympy.core.relational.Relational):
            self.same_dimensions(expr, expr.args, "Cannot compare values with different "
                                 "dimensions", " vs ", codes.COMPARISON_MISMATCH)
            return DIMENSIONLESS
        if isinstance(expr, BooleanFunction):
            for argument in expr.args:
                self.require_dimensionless(expr, argument, codes.BOOLEAN_MISMATCH, "a truth value")
            return DIMENSIONLESS
        if isinstance(expr, sympy.Piecewise):
            return self.piecewise(expr)
        if isinstance(expr, AppliedUndef):
            return self.user_function(expr)
        if type(expr) in _FUNCTION_RULES:
            return self.function(expr, *_FUNCTION_RULES[type(expr)])
        name = getattr(expr.func, "__name__", type(expr).__name__)
        raise UnresolvedNameError(f"No dimension rule for the function '{name}' in '{expr}'.",
                                  code=codes.UNKNOWN_FUNCTION, **self.context)

    # -- leaves -------------------------------------------------------------
    def symbol(self, name):
        if name in self.functions:  # a function's name used as a value
            raise UnresolvedNameError(f"'{name}' is a function: it cannot be used as a value.",
                                      code=codes.UNKNOWN_IDENTIFIER,
                                      hint=f"call it, e.g. {name}(...)", **self.context)
        if name in self.dims:
            dim = self.dims[name]
            return dim if isinstance(dim, Dimension) else get_dimensions(dim)
        if is_noise_name(name):
            return NOISE_DIMENSION
        suggestions = close_matches(name, self.dims)
        hint = (f"Did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else
                "Define it in the equations or make it available in the namespace.")
        raise UnresolvedNameError(f"Unknown identifier '{name}'.", code=codes.UNKNOWN_IDENTIFIER,
                                  hint=hint, **self.context)

    # -- operators ----------------------------------------------------------
    def same_dimensions(self, expr, terms, message, separator, code):
        """The common dimension of ``terms``; a literal zero agrees with anything."""
        described = [(term, self.dimension(term)) for term in terms]
        dims = [dim for term, dim in described if not _is_zero(term)]
        if any(dim != dims[0] for dim in dims[1:]):
            raise self.mismatch(f"{message} in '{expr}': {_describe(described, separator)}.",
                                *dict.fromkeys(dims), code=code)
        return dims[0] if dims else DIMENSIONLESS

    def power(self, expr):
        base, exponent = expr.args
        base_dim = self.dimension(base)
        exponent_dim = self.dimension(exponent)
        if exponent_dim != DIMENSIONLESS:
            raise self.mismatch(f"The exponent '{exponent}' in '{expr}' has dimension "
                                f"{_show(exponent_dim)}; exponents must be dimensionless.",
                                exponent_dim, code=codes.BAD_EXPONENT)
        if base_dim == DIMENSIONLESS:
            return DIMENSIONLESS
        if not exponent.is_Number:
            raise self.mismatch(f"'{base}' has dimension {_show(base_dim)}, so the exponent "
                                f"'{exponent}' in '{expr}' must be a number.", base_dim,
                                code=codes.BAD_EXPONENT,
                                hint="Only constant powers of dimensioned values are defined.")
        return base_dim ** float(exponent)

    def require_dimensionless(self, expr, argument, code, what):
        dim = self.dimension(argument)
        if dim != DIMENSIONLESS:
            raise self.mismatch(f"'{argument}' in '{expr}' has dimension {_show(dim)}, but "
                                f"{what} is needed here (dimensionless).", dim, code=code)

    def piecewise(self, expr):
        for _, condition in expr.args:
            self.require_dimensionless(expr, condition, codes.BOOLEAN_MISMATCH, "a condition")
        return self.same_dimensions(expr, [value for value, _ in expr.args],
                                    "The alternatives have different dimensions", ", ",
                                    codes.ARITHMETIC_MISMATCH)

    # -- functions ----------------------------------------------------------
    def function(self, expr, name, rule):
        if rule == "random":
            return DIMENSIONLESS  # the argument is an occurrence number, not a user value
        if rule == "poisson":  # an occurrence number, then the mean
            self.require_dimensionless(expr, expr.args[1], codes.NEEDS_DIMENSIONLESS,
                                       f"a dimensionless mean of {name}()")
            return DIMENSIONLESS
        if rule in ("dimensionless", "int"):
            for argument in expr.args:
                self.require_dimensionless(expr, argument, codes.NEEDS_DIMENSIONLESS,
                                           f"a dimensionless argument of {name}()")
            return DIMENSIONLESS
        if rule == "same":
            return self.same_dimensions(expr, expr.args, f"The arguments of {name}() have "
                                        "different dimensions", ", ", codes.ARITHMETIC_MISMATCH)
        if rule == "sqrt":
            return self.dimension(expr.args[0]) ** 0.5
        if rule == "sign":
            self.dimension(expr.args[0])
            return DIMENSIONLESS
        if rule == "floordiv":  # floor(a / b): the quotient's dimension
            return self.dimension(expr.args[0]) / self.dimension(expr.args[1])
        if rule == "timestep":
            for argument in expr.args:
                dim = self.dimension(argument)
                if dim != SECOND:
                    raise self.mismatch(f"timestep() needs times, but '{argument}' in '{expr}' "
                                        f"has dimension {_show(dim)}.", dim,
                                        code=codes.TIMESTEP_MISMATCH,
                                        hint="Use timestep(t, dt) with times in seconds.")
            return DIMENSIONLESS
        raise ValueError(f"Unknown dimension rule {rule!r} for {name}() in the function table.")

    def user_function(self, expr):
        name = expr.func.__name__
        rule = self.functions.get(name)
        if rule is None:
            suggestions = close_matches(name, list(self.functions) + list(FUNCTIONS))
            hint = (f"Did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions
                    else "Only the built-in functions and functions defined in the model "
                         "(such as TimedArrays) can be called.")
            raise UnresolvedNameError(f"Unknown function '{name}' in '{expr}'.",
                                      code=codes.UNKNOWN_FUNCTION, hint=hint, **self.context)
        argument_dims = [self.dimension(argument) for argument in expr.args]
        try:
            return rule(argument_dims)
        except EqsimError as error:
            raise error.with_context(**{key: value for key, value in self.context.items()
                                        if value is not None}) from None
