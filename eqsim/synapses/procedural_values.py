"""Per-synapse values of procedural synapses, given as an expression and computed again at
every spike (BrainPy's ``JitFPUniformLinear`` / ``JitFPNormalLinear`` weights).

A procedural Synapses stores nothing per synapse, so a ``(constant)`` per-synapse
variable gets an expression instead of values::

    S = Synapses(src, tgt, 'w : siemens (constant)', on_pre='g_post += w')
    S.connect(p=0.1, procedural=True)
    S.w = 'w_low + (w_high - w_low)*rand()'

Its ``rand()``/``randn()`` are keyed by the synapse's identity (connection seed, a stream of
its own, ``i*N_post + j``) and not by the time step, so a synapse has the same value at
every spike; ``value_draws`` gives the same numbers for stored synapses (the stored twin of
a procedural projection). The expression may use ``i``, ``j``, constants, ``rand()`` and
``randn()``: anything that changes during a run would make the value change too.
"""
import sympy

from ..errors import ProceduralValueError
from ..ir.variables import ConstantVariable
from ..parsing import functions as fn
from ..parsing.dimensions import dimension_of
from ..parsing.expressions import parse_expression
from ..runtime.random import normal, uniform
from ..runtime.streams import procedural_value_stream, synapse_key_text
from ..units import DIMENSIONLESS
from ..units.display_names import symbol_text

I, J = sympy.Symbol("i", real=True), sympy.Symbol("j", real=True)


class _SynapseDraw(sympy.Function):
    """A draw keyed by (seed, stream, synapse identity): args ``(i, j, n_post, seed, stream)``.
    Printed directly (sympy's ``_ccode``/``_numpycode`` hooks); never hoisted, since it
    depends on ``i`` and ``j``."""
    c_function = numpy_function = None

    def _key(self, printer, cast):
        i, j, n_post, seed, stream = self.args
        # the key of a stored synapse of rank 0 (runtime.streams)
        key = synapse_key_text(printer._print(i), printer._print(j), None, str(int(n_post)),
                               None, type(printer).as_u64)
        return f"{int(seed)}{cast}, {int(stream)}{cast}, 0, {key}"

    def _ccode(self, printer):
        return f"{self.c_function}({self._key(printer, 'ULL')})"

    def _numpycode(self, printer):
        return f"{self.numpy_function}({self._key(printer, '')})"

    def _eval_evalf(self, prec):
        return None


class synapse_uniform(_SynapseDraw):
    c_function, numpy_function = "eqsim_uniform", "_uniform"


class synapse_normal(_SynapseDraw):
    c_function, numpy_function = "eqsim_normal", "_normal"


def per_synapse_constants(synapses):
    """Names of the ``(constant)`` per-synapse variables a procedural Synapses may have."""
    return {name for name, eq in synapses.equations.equations.items()
            if eq.kind == "parameter" and "constant" in eq.flags and "shared" not in eq.flags}


def set_value_expression(synapses, name, value, item):
    """``S.name = 'expression'`` on procedural synapses: keep the parsed expression."""
    if not isinstance(value, str) or not (isinstance(item, slice) and item == slice(None)):
        raise ProceduralValueError(
            f"'{name}' of procedural synapses is not stored: it takes one expression for all "
            f"synapses, got {type(value).__name__}{'' if item == slice(None) else ' for a subset'}",
            obj=synapses.name,
            hint=f"e.g. {synapses.name}.{name} = 'w_low + (w_high - w_low)*rand()', or connect "
                 "without procedural=True to store values")
    synapses._procedural["values"][name] = (value, parse_expression(value, obj=synapses.name))


def _stream(synapses, name, occurrence):
    return procedural_value_stream(synapses.draw_key()[1], name, occurrence)


def _keyed(synapses, name, expr):
    """``expr`` with each ``rand()``/``randn()`` replaced by a draw keyed by the synapse."""
    spec, n_post = synapses._procedural, synapses.target.global_size()
    draws = sorted({a for a in sympy.preorder_traversal(expr)
                    if isinstance(a, (fn.rand, fn.randn))}, key=lambda a: int(a.args[0]))
    return expr.xreplace({
        draw: (synapse_uniform if isinstance(draw, fn.rand) else synapse_normal)(
            I, J, n_post, spec["seed"], _stream(synapses, name, k))
        for k, draw in enumerate(draws)})


def keyed_value(synapses, name, run_namespace):
    """``(expression, constants)``: the value expression of the per-synapse constant
    ``name``, each draw keyed by the synapse, and the constants it uses {name: variable},
    after checking its names and unit.

    Raises
    ------
    ProceduralValueError
        No expression was given, or it uses something other than i, j, constants,
        rand() and randn(), or has another unit.
    """
    if name not in synapses._procedural["values"]:
        raise ProceduralValueError(f"'{name}' of procedural synapses has no expression",
                                   obj=synapses.name,
                                   hint=f"assign one before run(): {synapses.name}.{name} "
                                        "= 'w_low + (w_high - w_low)*rand()'")
    text, expr = synapses._procedural["values"][name]
    names = {s.name for s in expr.free_symbols} - {"i", "j"}
    variables = synapses.resolve_for_kernel(names, run_namespace)
    changing = sorted(n for n in names if not isinstance(variables.get(n), ConstantVariable))
    if changing:
        raise ProceduralValueError(
            f"the expression of '{name}' of procedural synapses uses '{changing[0]}', "
            "which is not a constant: the value would change between spikes",
            obj=synapses.name, source=text, hint="use i, j, constants, rand() and randn()")
    dims = {n: v.dim for n, v in variables.items()}
    dims.update(i=DIMENSIONLESS, j=DIMENSIONLESS)
    found = dimension_of(expr, dims, obj=synapses.name, source=text)
    expected = synapses.variables[name].dim
    if found != expected:
        raise ProceduralValueError(f"the expression of '{name}' has unit {symbol_text(found)}, but "
                                   f"'{name}' has {symbol_text(expected)}", obj=synapses.name,
                                   source=text, hint="write the expression in the variable's unit")
    return _keyed(synapses, name, expr), {n: variables[n] for n in names}


def substitute_values(synapses, statements, run_namespace):
    """The pathway statements with each per-synapse constant replaced by its keyed
    expression (:func:`keyed_value`, which raises ``ProceduralValueError``)."""
    constants = per_synapse_constants(synapses)
    used = set().union(*(st.expr.free_symbols for st in statements)) if statements else set()
    replacements = {symbol: keyed_value(synapses, symbol.name, run_namespace)[0]
                    for symbol in used if symbol.name in constants}
    if not replacements:
        return statements
    return [st.__class__(**{**st.__dict__, "expr": st.expr.xreplace(replacements)})
            for st in statements]


def synapse_draws(synapses, name, kinds, i, j):
    """The draws a procedural value expression of ``name`` makes for synapses (``i``,
    ``j``): one array per ``rand()`` ('uniform') or ``randn()`` ('normal') of ``kinds``,
    in the order they appear, from the synapses' draw seed (``Synapses.draw_key``). A
    stored twin of a procedural projection computes its values from these."""
    import numpy as np
    seed = synapses.draw_key()[0]
    index = np.asarray(i, dtype=np.int64) * len(synapses.target) + np.asarray(j, dtype=np.int64)
    return [{"uniform": uniform, "normal": normal}[kind](seed, _stream(synapses, name, k), 0,
                                                         index)
            for k, kind in enumerate(kinds)]


