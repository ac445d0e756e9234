"""Sympy expressions -> target source text.

Both printers take a ``names`` mapping from a symbol's name to the text that
stands for it in the target (a local variable, a module-level constant, an
index expression), and a ``random_streams`` mapping from the occurrence number
of each ``rand()``/``randn()`` to the name of its stream constant.
"""
import sympy
from sympy.printing.c import C99CodePrinter
from sympy.printing.numpy import NumPyPrinter

from ..errors import CodegenError
from ..parsing import functions as fn


class _NameMixin:
    def __init__(self, names=None, random_streams=None, index="_i", user_functions=None):
        super().__init__()
        self._names = names or {}
        self._streams = random_streams or {}
        self._index = index
        self._user_functions = user_functions or {}

    def _print_Symbol(self, expr):
        # every name has its generated-code text (identifiers.mangle); a name without one
        # is never printed as the user wrote it
        text = self._names.get(expr.name)
        if text is None:
            raise CodegenError(f"internal error: no generated name for {expr.name!r}")
        return text

    def _print_Float(self, expr):
        # repr round-trips a double exactly; sympy's default printing keeps 15 digits
        return repr(float(expr))

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
            args = ", ".join(self._print(a) for a in expr.args)
            return f"{self._user_functions[name]}({args})"
        return super()._print_Function(expr)

    def _stream(self, expr):
        key = int(expr.args[0])
        if key not in self._streams:
            raise CodegenError(f"random draw {expr} has no stream assigned")
        return self._streams[key]


class CPrinter(_NameMixin, C99CodePrinter):
    """C code for kernels that run one element at a time (locals are doubles)."""

    statement_end = ";"

    @staticmethod
    def as_float(text):
        """An integer index expression used as a value (C would divide integers)."""
        return f"((double)({text}))"

    def _print_rand(self, expr):
        return f"eqsim_uniform(_seed, {self._stream(expr)}, _step, {self._index})"

    def _print_randn(self, expr):
        return f"eqsim_normal(_seed, {self._stream(expr)}, _step, {self._index})"

    def _print_clip(self, expr):
        x, lo, hi = (self._print(a) for a in expr.args)
        return f"fmin(fmax({x}, {lo}), {hi})"

    def _print_int_(self, expr):
        return f"trunc({self._print(expr.args[0])})"

    def _print_log10(self, expr):
        return f"log10({self._print(expr.args[0])})"

    def _print_exprel(self, expr):
        x = self._print(expr.args[0])
        return f"(({x}) == 0.0 ? 1.0 : expm1({x})/({x}))"

    def _print_timestep(self, expr):
        t, dt = (self._print(a) for a in expr.args)
        return f"eqsim_timestep({t}, {dt})"

    def _print_sign(self, expr):
        x = self._print(expr.args[0])
        return f"(({x} > 0) - ({x} < 0))"

    def _print_Mod(self, expr):
        a, b = (self._print(x) for x in expr.args)
        # Python (and sympy) take the sign of the divisor; C's fmod that of the dividend
        return f"(({a}) - floor(({a})/({b}))*({b}))"

    _nan = "NAN"

    def _conditional(self, cond, value, otherwise):
        return f"(({cond}) ? ({value}) : ({otherwise}))"

    def _print_BooleanTrue(self, expr):
        return "1"

    def _print_BooleanFalse(self, expr):
        return "0"

    def _print_Pow(self, expr):
        base, exp = expr.args
        if exp.is_Integer and 1 < int(exp) <= 4:
            b = self._print(base)
            return "(" + "*".join([f"({b})"] * int(exp)) + ")"
        if exp.is_Integer and -4 <= int(exp) < 0:
            b = self._print(base)
            return "(1.0/(" + "*".join([f"({b})"] * -int(exp)) + "))"
        return super()._print_Pow(expr)



class NumpyPrinter(_NameMixin, NumPyPrinter):
    """Vectorised NumPy code (the reference target): names stand for arrays or scalars."""

    statement_end = ""

    def __init__(self, names=None, random_streams=None, index="_idx", user_functions=None):
        super().__init__(names, random_streams, index, user_functions)

    @staticmethod
    def as_float(text):
        return text

    def _print_rand(self, expr):
        return f"_uniform(_seed, {self._stream(expr)}, _step, {self._index})"

    def _print_randn(self, expr):
        return f"_normal(_seed, {self._stream(expr)}, _step, {self._index})"

    def _print_clip(self, expr):
        x, lo, hi = (self._print(a) for a in expr.args)
        return f"numpy.minimum(numpy.maximum({x}, {lo}), {hi})"

    def _print_int_(self, expr):
        return f"numpy.trunc({self._print(expr.args[0])})"

    def _print_log10(self, expr):
        return f"numpy.log10({self._print(expr.args[0])})"

    def _print_exprel(self, expr):
        x = self._print(expr.args[0])
        return (f"numpy.where(({x}) == 0, 1.0, numpy.expm1({x})"
                f"/numpy.where(({x}) == 0, 1.0, {x}))")

    def _print_timestep(self, expr):
        t, dt = (self._print(a) for a in expr.args)
        return f"_timestep({t}, {dt})"

    _nan = "numpy.nan"

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



def random_calls(exprs):
    """The ``rand``/``randn`` occurrences in ``exprs``, in a stable order."""
    found = set()
    for e in exprs:
        if e is None:
            continue
        found |= {a for a in sympy.preorder_traversal(e) if isinstance(a, fn.RANDOM_FUNCTIONS)}
    return sorted(found, key=lambda a: int(a.args[0]))
