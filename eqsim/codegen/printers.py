"""Sympy expressions -> target source text.

Both printers take a ``names`` mapping from a symbol's name to the text that
stands for it in the target (a local variable, a module-level constant, an
index expression), and a ``random_streams`` mapping from the occurrence number
of each ``rand()``/``randn()`` to the name of its stream constant.

Every number is printed as the double the NumPy target computes with (see
:func:`double_literal`), so that both targets start from the same constants.
"""
import math

import sympy
from sympy.printing.c import C99CodePrinter
from sympy.printing.numpy import NumPyPrinter

from ..errors import CodegenError


# Integers print as integer literals only inside the range that a C ``int`` and a NumPy
# int32 both hold, so that integer arithmetic means the same on both targets (NumPy
# keeps int32 for an int32 array and a small Python int); beyond it they print as
# doubles, which is also what both targets compute with when they meet a float.
INTEGER_LITERAL_LIMIT = 2 ** 31


def rational_value(p, q):
    """``p/q`` rounded once to the nearest double (Python's int division is exact
    before rounding); ``inf`` with the quotient's sign when it is beyond the range."""
    try:
        return int(p) / int(q)
    except OverflowError:
        return math.inf if (p > 0) == (q > 0) else -math.inf


def double_literal(value, inf_text, nan_text):
    """Source text of the double ``value``: ``repr`` round-trips it exactly and always
    has a decimal point or an exponent (so C never reads it as an integer);
    infinities and NaN use the target's names for them."""
    value = float(value)
    if math.isnan(value):
        return nan_text
    if math.isinf(value):
        return inf_text if value > 0 else f"(-{inf_text})"
    return repr(value)


def integer_literal(n, inf_text, nan_text):
    """Source text of the integer ``n``: an integer literal when it is small (see
    ``INTEGER_LITERAL_LIMIT``), otherwise the double nearest to it."""
    if abs(n) < INTEGER_LITERAL_LIMIT:
        return str(n)
    return double_literal(rational_value(n, 1), inf_text, nan_text)


class _NameMixin:
    def __init__(self, names=None, random_streams=None, index="_i", user_functions=None,
                 draw_index=None):
        super().__init__()
        self._names = names or {}
        self._streams = random_streams or {}
        self._index = index
        # what names the element in its random draws (runtime.streams: never a storage
        # position); the element index itself unless the kernel context says otherwise
        self._draw = draw_index or index
        self._user_functions = user_functions or {}

    def _print_Symbol(self, expr):
        # every name has its generated-code text (identifiers.mangle); a name without one
        # is never printed as the user wrote it
        text = self._names.get(expr.name)
        if text is None:
            raise CodegenError(f"internal error: no generated name for {expr.name!r}")
        return text

    # -- numbers: one rule for both targets (see double_literal) ---------------
    def _print_Integer(self, expr):
        return integer_literal(int(expr), self._inf, self._nan)

    def _print_Rational(self, expr):
        return double_literal(rational_value(expr.p, expr.q), self._inf, self._nan)

    def _print_Float(self, expr):
        return double_literal(float(expr), self._inf, self._nan)

    def _print_Infinity(self, expr):
        return self._inf

    def _print_NegativeInfinity(self, expr):
        return f"(-{self._inf})"

    def _print_NaN(self, expr):
        return self._nan

    def _print_ComplexInfinity(self, expr):
        raise CodegenError("an expression evaluates to complex infinity (a division by zero)",
                           hint="check the model for a constant divided by zero")

    def _print_Pow(self, expr, rational=False):
        """One spelling of powers for both targets, so that they round alike: small whole
        exponents as products (numpy's power and C's pow would differ from them by an
        ulp), ±1/2 through sqrt, other exponents as doubles through pow/numpy.power (never
        C's cbrt, which takes cube roots of negative numbers where numpy gives NaN)."""
        base, exp = expr.args
        b = self._print(base)
        if exp.is_Number and exp.is_finite and float(exp).is_integer() and 0 < abs(exp) <= 4:
            product = "(" + "*".join([f"({b})"] * abs(int(exp))) + ")"
            return product if exp > 0 else f"(1.0/{product})"
        if exp.is_Number and abs(float(exp)) == 0.5:
            root = f"{self._sqrt}({b})"
            return root if exp > 0 else f"(1.0/{root})"
        if exp.is_Number:
            return self._power(b, double_literal(float(exp), self._inf, self._nan))
        return self._power(b, self._print(exp))

    def _print_Relational(self, expr):
        return f"({self._print(expr.lhs)} {expr.rel_op} {self._print(expr.rhs)})"

    def _print_Piecewise(self, expr):
        """Nested conditionals, last (default) branch innermost; no default gives NaN."""
        text = None
        for value, cond in reversed(expr.args):
            v = self._print(value)
            if cond is sympy.true:
                text = v
            else:
                text = self._conditional(self._print(cond), v, self._nan if text is None else text)
        return text

    def _print_Function(self, expr):
        name = expr.func.__name__
        if name in self._user_functions:
            function = self._user_functions[name]
            args = [self._print(a) for a in expr.args]
            if isinstance(function, tuple):  # (name, whether the element index is passed)
                function, with_index = function
                args += [self.as_float(self._index)] if with_index else []
            return f"{function}({', '.join(args)})"
        return super()._print_Function(expr)

    def _stream(self, expr):
        key = int(expr.args[0])
        if key not in self._streams:
            raise CodegenError(f"random draw {expr} has no stream assigned")
        return self._streams[key]


class CPrinter(_NameMixin, C99CodePrinter):
    """C code for kernels that run one element at a time (locals are doubles)."""

    statement_end = ";"
    compiled = True

    @staticmethod
    def as_float(text):
        """An integer index expression used as a value (C would divide integers)."""
        return f"((double)({text}))"

    @staticmethod
    def as_u64(text):
        """An integer text as an unsigned 64-bit integer (wrapping arithmetic)."""
        return f"((uint64_t)({text}))"

    def _print_rand(self, expr):
        return f"eqsim_uniform(_seed, {self._stream(expr)}, _step, {self._draw})"

    def _print_randn(self, expr):
        return f"eqsim_normal(_seed, {self._stream(expr)}, _step, {self._draw})"

    def _print_poisson_draw(self, expr):
        return (f"eqsim_poisson({self._print(expr.args[1])}, _seed, {self._stream(expr)}, "
                f"_step, (uint64_t)({self._draw}))")

    def _print_binomial_draw(self, expr):
        _, n, p = expr.args
        return (f"((double)eqsim_binomial((uint64_t){int(n)}, {self._print(p)}, _seed, "
                f"{self._stream(expr)}, _step, (uint64_t)({self._draw})))")

    def _print_clip(self, expr):
        x, lo, hi = (self._print(a) for a in expr.args)
        return f"eqsim_clip({x}, {lo}, {hi})"  # NaN propagates, as in numpy (not fmin/fmax)

    def _print_int_(self, expr):
        return f"trunc({self._print(expr.args[0])})"

    def _print_log10(self, expr):
        return f"log10({self._print(expr.args[0])})"

    def _print_expm1(self, expr):
        return f"expm1({self._print(expr.args[0])})"

    def _print_floordiv(self, expr):
        a, b = (self._print(x) for x in expr.args)
        return f"eqsim_floordiv({a}, {b})"

    def _print_log1p(self, expr):
        return f"log1p({self._print(expr.args[0])})"

    def _print_exprel(self, expr):
        x = self._print(expr.args[0])
        return f"(({x}) == 0.0 ? 1.0 : expm1({x})/({x}))"

    def _print_timestep(self, expr):
        t, dt = (self._print(a) for a in expr.args)
        return f"eqsim_timestep({t}, {dt})"

    def _print_sign(self, expr):
        return f"eqsim_sign({self._print(expr.args[0])})"  # sign(NaN) is NaN, as numpy.sign

    def _print_Mod(self, expr):
        a, b = (self._print(x) for x in expr.args)
        # numpy.mod's result, sign of the divisor (C's fmod takes that of the dividend)
        return f"eqsim_mod({a}, {b})"

    _sqrt = "sqrt"

    def _power(self, base, exp):
        return f"pow({base}, {exp})"

    _nan = "NAN"
    _inf = "INFINITY"

    def _conditional(self, cond, value, otherwise):
        return f"(({cond}) ? ({value}) : ({otherwise}))"

    def _print_BooleanTrue(self, expr):
        return "1"

    def _print_BooleanFalse(self, expr):
        return "0"

class NumpyPrinter(_NameMixin, NumPyPrinter):
    """Vectorised NumPy code (the reference target): names stand for arrays or scalars."""

    statement_end = ""
    compiled = False

    def __init__(self, names=None, random_streams=None, index="_idx", user_functions=None,
                 draw_index=None):
        super().__init__(names, random_streams, index, user_functions, draw_index)

    @staticmethod
    def as_u64(text):
        """An integer (array) text as unsigned 64-bit integers (wrapping, as in C)."""
        return f"numpy.asarray({text}).astype(numpy.uint64)"

    @staticmethod
    def as_float(text):
        # parenthesised: the index of a subgroup is "_i - start", and i*x must not print
        # as "_i - start*x"
        return f"({text})"

    def doprint(self, expr, assign_to=None):
        text = super().doprint(expr, assign_to)
        # a bare number would make a Python float local, whose division by zero raises
        # where NumPy (and C) give inf or NaN
        return f"numpy.float64({text})" if isinstance(expr, sympy.Number) else text

    def _print_Mul(self, expr):
        # NumPy refuses to negate a boolean array, and "-flag*x" negates the refractory flag of
        # a conditional write (v -= w): negate the product instead (exact, the same number)
        coefficient, rest = expr.as_coeff_Mul()
        if coefficient == -1 and rest != 1:
            return f"-({self._print(rest)})"
        return super()._print_Mul(expr)

    def _print_rand(self, expr):
        return f"_uniform(_seed, {self._stream(expr)}, _step, {self._draw})"

    def _print_randn(self, expr):
        return f"_normal(_seed, {self._stream(expr)}, _step, {self._draw})"

    def _print_binomial_draw(self, expr):
        _, n, p = expr.args
        return (f"numpy.asarray(_binomial({int(n)}, {self._print(p)}, _seed, "
                f"{self._stream(expr)}, _step, {self._draw}), dtype=numpy.float64)")

    def _print_poisson_draw(self, expr):
        return (f"_poisson({self._print(expr.args[1])}, _seed, {self._stream(expr)}, _step, "
                f"{self._draw})")

    def _print_clip(self, expr):
        x, lo, hi = (self._print(a) for a in expr.args)
        return f"numpy.minimum(numpy.maximum({x}, {lo}), {hi})"

    def _print_Mod(self, expr):
        # in doubles, as C's eqsim_mod (NumPy's int32 remainder of a division by 0 is 0,
        # C's NaN)
        a, b = (self._print(x) for x in expr.args)
        return f"numpy.mod(numpy.asarray({a}, dtype=numpy.float64), {b})"

    _sqrt = "numpy.sqrt"

    def _power(self, base, exp):
        # as C's pow: always in doubles (numpy.power would raise int32 arrays to an int32
        # power with wrap-around, and ** of a negative Python float is complex)
        return f"numpy.float_power({base}, {exp})"

    def _print_int_(self, expr):
        # in doubles, as C's trunc: numpy.trunc keeps a truth value boolean (int(v > 1))
        return f"numpy.trunc(numpy.asarray({self._print(expr.args[0])}, dtype=numpy.float64))"

    def _print_log10(self, expr):
        return f"numpy.log10({self._print(expr.args[0])})"

    def _print_expm1(self, expr):
        return f"numpy.expm1({self._print(expr.args[0])})"

    def _print_floordiv(self, expr):
        # Python's a // b (divmod: 7.0 // -0.7 is -11, not floor(7.0 / -0.7) = -10), in
        # doubles as C's eqsim_floordiv
        a, b = (self._print(x) for x in expr.args)
        return f"numpy.floor_divide(numpy.asarray({a}, dtype=numpy.float64), {b})"

    def _print_log1p(self, expr):
        return f"numpy.log1p({self._print(expr.args[0])})"

    def _print_exprel(self, expr):
        x = self._print(expr.args[0])
        return (f"numpy.where(({x}) == 0, 1.0, numpy.expm1({x})"
                f"/numpy.where(({x}) == 0, 1.0, {x}))")

    def _print_timestep(self, expr):
        t, dt = (self._print(a) for a in expr.args)
        return f"_timestep({t}, {dt})"

    _nan = "numpy.nan"
    _inf = "numpy.inf"

    def _conditional(self, cond, value, otherwise):
        return f"numpy.where({cond}, {value}, {otherwise})"

    def _print_And(self, expr):
        return "(" + " & ".join(f"numpy.asarray({self._print(a)}, dtype=bool)" for a in expr.args) + ")"

    def _print_Or(self, expr):
        return "(" + " | ".join(f"numpy.asarray({self._print(a)}, dtype=bool)" for a in expr.args) + ")"

    def _print_Not(self, expr):
        return f"numpy.logical_not({self._print(expr.args[0])})"

    def _print_BooleanTrue(self, expr):
        return "True"

    def _print_BooleanFalse(self, expr):
        return "False"
