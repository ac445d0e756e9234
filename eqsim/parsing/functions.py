"""The functions a user string may call, as sympy objects.

This table is the single whitelist shared by the parser (which names may be
called), the dimension checker (what each does to units) and the code printers
(how each is written in C and in NumPy).
"""
import sympy


class _RandomDraw(sympy.Function):
    """A random draw: real, but no number known at build time.

    Its only argument is an occurrence number, so sympy would otherwise take
    ``rand(1)`` for a constant (it has no free symbols) and try to evaluate every
    comparison and condition holding it numerically; that never settles and made
    ``'0.1 if 1 < log(rand()) else 0.2'`` take minutes.
    """
    nargs = 1
    is_number = False
    is_real = True
    is_finite = True

    def _eval_evalf(self, prec):
        return None  # a draw has no value at build time (sympy would call mpmath's rand)


class rand(_RandomDraw):
    """A uniform draw in [0, 1). Its argument is an occurrence number that keeps
    two draws in one expression distinct (``rand() - rand()`` is not zero)."""


class randn(_RandomDraw):
    """A standard normal draw; the argument is an occurrence number as for ``rand``."""


class binomial_draw(_RandomDraw):
    """``binomial_draw(k, n, p)``: an exact Binomial(n, p) draw (what a
    ``BinomialFunction`` call becomes in a kernel); ``k`` is an occurrence number as
    for ``rand``, ``n`` and ``p`` are numbers."""
    nargs = 3


class poisson_draw(_RandomDraw):
    """``poisson_draw(k, lam)``: a Poisson draw of mean ``lam`` (``poisson(lam)`` in a
    model string); ``k`` is an occurrence number as for ``rand``."""
    nargs = 2


class _NumericFunction(sympy.Function):
    """A function sympy has no numeric value for, given one through an elementary form.

    With constant arguments sympy counts a call as a number (``exprel(0.5)``) and, when
    it compares one in a condition, asks for its value; without ``_eval_evalf`` it
    searches for it symbolically without end (``1 if exprel(0.5) > 1 else 0`` hung).
    """

    def _elementary(self, *args):
        raise NotImplementedError

    def _eval_evalf(self, prec):
        if not all(argument.is_number for argument in self.args):
            return None
        return self._elementary(*self.args)._evalf(prec)


class clip(_NumericFunction):
    """``clip(x, low, high)``: ``x`` limited to the closed interval [low, high]."""
    nargs = 3

    def _elementary(self, x, low, high):
        return sympy.Min(sympy.Max(x, low), high)

    @classmethod
    def eval(cls, x, low, high):
        # constant arguments fold to a number, so connect(p='clip(0.5, 0, 1)') is p=0.5
        if x.is_Number and low.is_Number and high.is_Number:
            return min(max(x, low), high)
        return None


class int_(_NumericFunction):
    """``int(x)``: truncation towards zero, as Python's ``int``."""
    nargs = 1

    def _elementary(self, x):
        return sympy.sign(x) * sympy.floor(sympy.Abs(x))

    @classmethod
    def eval(cls, x):
        # constants fold (int(2 < 1) is 0); sympy's int() of a number truncates towards zero
        if x is sympy.true or x is sympy.false:
            return sympy.Integer(bool(x))
        if x.is_Number:
            return sympy.Integer(int(x))
        return None

    def _eval_derivative(self, symbol):
        # a step function of its argument; sympy cannot differentiate a condition
        # (int(v < 0)), so the derivative stays unevaluated where the argument varies
        if symbol not in self.args[0].free_symbols:
            return sympy.S.Zero
        return sympy.Derivative(self, symbol, evaluate=False)


def _float_divmod(a, b, part):
    """``a // b`` (``part`` 0) or ``a % b`` (1) of two sympy numbers, one of them a float,
    as Python and NumPy compute it in doubles (one divmod); None for a zero ``b`` (left
    to the kernel: NumPy gives inf or NaN)."""
    if float(b) == 0:
        return None
    return sympy.Float(divmod(float(a), float(b))[part])


class floordiv(_NumericFunction):
    """``a // b`` as Python's (and NumPy's) floor division, kept as one call: as
    ``floor(a*(1/b))`` (sympy's ``a/98`` is ``a*Rational(1, 98)``, printed as a
    reciprocal), ``98 // 98`` was 0; two numbers fold as Python folds them
    (``7.0 // -0.7`` is -11, ``floor(7.0 / -0.7)`` -10)."""
    nargs = 2

    def _elementary(self, a, b):
        return sympy.floor(a / b)

    @classmethod
    def eval(cls, a, b):
        if a.is_Number and b.is_Number and not b.is_zero:
            if a.is_Rational and b.is_Rational:  # exact
                return sympy.floor(a / b)
            return _float_divmod(a, b, 0)
        return None

    def fdiff(self, argindex=1):
        return sympy.S.Zero  # a step function, flat between its steps (as floor)


class Mod(sympy.Mod):
    """``a % b`` as Python's (and NumPy's) remainder, the sign of the divisor's. Two
    numbers fold as Python folds them: sympy's ``Mod(7.0, -0.7)`` is 0, Python's
    -0.6999999999999995 (consistent with ``7.0 // -0.7 == -11``). Other arguments stay as
    written: sympy's rewritings of ``Mod`` are exact in real numbers, not in doubles."""

    @classmethod
    def eval(cls, p, q):
        if q.is_zero:
            return sympy.nan  # as sympy's (a literal zero divisor is refused, EQ106)
        if p.is_Number and q.is_Number:
            if p.is_Rational and q.is_Rational:  # exact
                return p - q * sympy.floor(p / q)
            return _float_divmod(p, q, 1)
        return None


class log10(sympy.Function):
    """Base-10 logarithm (kept as one call so that generated code stays readable)."""
    nargs = 1

    def fdiff(self, argindex=1):
        return 1 / (self.args[0] * sympy.log(10))


class expm1(sympy.Function):
    """``exp(x) - 1``, exact for small ``x`` (Brian2's; a call in the generated code)."""
    nargs = 1

    def fdiff(self, argindex=1):
        return sympy.exp(self.args[0])

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return sympy.Integer(0)
        return None


class log1p(sympy.Function):
    """``log(1 + x)``, exact for small ``x`` (Brian2's; a call in the generated code)."""
    nargs = 1

    def fdiff(self, argindex=1):
        return 1 / (1 + self.args[0])

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return sympy.Integer(0)
        return None


class exprel(_NumericFunction):
    """``exprel(x) = (exp(x) - 1)/x``, 1 at 0 (Brian2's, for Hodgkin-Huxley rate functions
    that would otherwise divide 0 by 0 at one voltage)."""
    nargs = 1

    def _elementary(self, x):
        return (sympy.exp(x) - 1) / x

    def fdiff(self, argindex=1):
        x = self.args[0]
        return (x * sympy.exp(x) - sympy.exp(x) + 1) / x ** 2

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return sympy.Integer(1)
        return None


class timestep(_NumericFunction):
    """``timestep(t, dt)``: the integer time step of time ``t`` (Brian2 semantics)."""
    nargs = 2

    def _elementary(self, t, dt):
        return sympy.floor((t + dt / 1000) / dt)


# name in user strings -> (sympy callable, number of arguments, dimension rule)
# dimension rules: 'dimensionless' (args and result dimensionless), 'same' (result has the
# first argument's dimension, all arguments must agree), 'sqrt', 'sign' (any arg, result
# dimensionless), 'random' (no arguments, dimensionless result), 'int' (dimensionless arg)
FUNCTIONS = {
    "exp": (sympy.exp, 1, "dimensionless"),
    "log": (sympy.log, 1, "dimensionless"),
    "log10": (log10, 1, "dimensionless"),
    "expm1": (expm1, 1, "dimensionless"),
    "log1p": (log1p, 1, "dimensionless"),
    "exprel": (exprel, 1, "dimensionless"),
    "sqrt": (sympy.sqrt, 1, "sqrt"),
    "sin": (sympy.sin, 1, "dimensionless"),
    "cos": (sympy.cos, 1, "dimensionless"),
    "tan": (sympy.tan, 1, "dimensionless"),
    "sinh": (sympy.sinh, 1, "dimensionless"),
    "cosh": (sympy.cosh, 1, "dimensionless"),
    "tanh": (sympy.tanh, 1, "dimensionless"),
    "arcsin": (sympy.asin, 1, "dimensionless"),
    "arccos": (sympy.acos, 1, "dimensionless"),
    "arctan": (sympy.atan, 1, "dimensionless"),
    "abs": (sympy.Abs, 1, "same"),
    "clip": (clip, 3, "same"),
    "floor": (sympy.floor, 1, "same"),
    "ceil": (sympy.ceiling, 1, "same"),
    "int": (int_, 1, "int"),
    "sign": (sympy.sign, 1, "sign"),
    "rand": (rand, 0, "random"),
    "randn": (randn, 0, "random"),
    "poisson": (poisson_draw, 1, "poisson"),
    "timestep": (timestep, 2, "timestep"),
}

RANDOM_FUNCTIONS = (rand, randn, binomial_draw, poisson_draw)


def is_noise_name(name):
    """``xi`` and ``xi_<suffix>`` are white-noise terms (dimension second**-0.5)."""
    return name == "xi" or name.startswith("xi_")
