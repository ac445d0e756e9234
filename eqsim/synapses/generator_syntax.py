"""Parse Brian2's generator syntax for ``Synapses.connect(j=...)`` and ``connect(i=...)``.

The accepted grammar is exactly::

    <element> for <name> in range(<args>) [if <condition>]
    <element> for <name> in sample(<args>, p=<expr> | size=<expr>) [if <condition>]

with one to three positional arguments (``stop`` / ``start, stop`` /
``start, stop, step``). The string is parsed with :func:`ast.parse`, its shape is
checked against this whitelist, and each sub-expression is re-parsed with the
safe expression parser so that nothing in it is ever evaluated as Python. A
string that is not a generator (``j='i'``) is a plain expression: one target per
source index, represented as a generator over ``range(1)``.
"""
import ast
import io
import tokenize
from dataclasses import dataclass

import sympy

from eqsim.parsing import error_codes as parse_codes
from eqsim.parsing.expressions import parse_expression
from eqsim.parsing.source_positions import (SourceOrigin, check_identifier, parse_source,
                                            strip_with_origin)

__all__ = ["GeneratorSpec", "parse_index_expression", "range_generator", "implicit_variable_symbol",
           "MALFORMED_GENERATOR"]

#: A string that looks like a generator but is not of the accepted form.
MALFORMED_GENERATOR = "EQ510"

GENERATOR_HINT = ("Write the generator as '<expr> for k in range(start, stop[, step]) [if <cond>]' "
                  "or '<expr> for k in sample(start, stop[, step], p=<p> | size=<n>) [if <cond>]'.")

# Names the iteration variable may not take: they already mean something in connect().
_RESERVED = frozenset({"i", "j", "N_pre", "N_post", "N"})

# The variable of the implicit one-element loop behind a plain expression.
_IMPLICIT_VARIABLE = "_connect_k"


@dataclass(frozen=True)
class GeneratorSpec:
    """One parsed generator ``element for variable in iterator(...) if condition``.

    Attributes
    ----------
    element : sympy.Expr
        The generated index (``k``, ``k + 1``, ``i``...).
    variable : str
        The iteration variable's name.
    iterator : str
        ``'range'`` or ``'sample'``.
    start, stop, step : sympy.Expr
        The iterated range (``start`` 0 and ``step`` 1 when not written).
    p : sympy.Expr or None
        ``sample``'s keep probability of each element (``sample(..., p=...)``).
    size : sympy.Expr or None
        ``sample``'s fixed number of elements (``sample(..., size=...)``).
    condition : sympy.Expr or None
        The ``if`` clause.
    text : str
        The user's string.
    """
    element: sympy.Expr
    variable: str
    iterator: str
    start: sympy.Expr
    stop: sympy.Expr
    step: sympy.Expr
    p: sympy.Expr | None
    size: sympy.Expr | None
    condition: sympy.Expr | None
    text: str

    @property
    def variable_symbol(self):
        """The iteration variable as the parser spells symbols."""
        return sympy.Symbol(self.variable, real=True)


def range_generator(element, *, stop, condition=None, p=None, text=""):
    """A generator ``element for _ in range(stop)`` (or ``sample(stop, p=p)``) built in code.

    Used for ``connect(condition=..., p=...)``, which is the generator
    ``j for j in sample(N_post, p=p) if condition``; ``element`` may refer to
    the variable as :data:`GeneratorSpec.variable`.
    """
    return GeneratorSpec(element=element, variable=_IMPLICIT_VARIABLE,
                         iterator="range" if p is None else "sample",
                         start=sympy.Integer(0), stop=stop, step=sympy.Integer(1), p=p,
                         size=None, condition=condition, text=text)


def implicit_variable_symbol():
    """Symbol of the variable :func:`range_generator` iterates with."""
    return sympy.Symbol(_IMPLICIT_VARIABLE, real=True)


def parse_index_expression(text, *, obj=None):
    """Parse the string given as ``j=`` (or ``i=``) to ``connect``.

    Parameters
    ----------
    text : str
        A generator (``'k for k in range(i-3, i+4) if k != i'``) or a plain
        expression of the other index (``'i'``, ``'2*i + 1'``).
    obj : str, optional
        The Synapses' name, for error messages.

    Returns
    -------
    GeneratorSpec
        A plain expression becomes a generator over ``range(1)``.

    Raises
    ------
    EquationError
        On syntax errors, anything outside the accepted grammar, or a
        sub-expression the expression parser rejects; the error points at the
        offending part of ``text``.
    """
    origin = strip_with_origin(text, obj=obj)
    if not origin.text:
        raise origin.error(None, "The index expression is empty.", code=parse_codes.SYNTAX_ERROR,
                           hint=GENERATOR_HINT)
    conditional = _split_conditional(origin, obj)
    if conditional is not None:  # 'int(i/2) if i % 2 == 0': one target where the 'if' holds
        element, condition = conditional
        return GeneratorSpec(element=element, variable=_IMPLICIT_VARIABLE, iterator="range",
                             start=sympy.Integer(0), stop=sympy.Integer(1),
                             step=sympy.Integer(1), p=None, size=None, condition=condition,
                             text=text)
    # A bare generator is only valid Python inside parentheses; shift the
    # origin one column left so that positions still point into the user's text.
    wrapped = SourceOrigin("(" + origin.text + ")", origin.source, origin.line,
                           origin.column - 1, obj)
    body = parse_source(wrapped, "eval").body
    if not isinstance(body, ast.GeneratorExp):
        if isinstance(body, (ast.ListComp, ast.SetComp, ast.DictComp)):
            raise wrapped.error(body, "A connect index must be a bare generator, not a "
                                      "list/set/dict comprehension.",
                                code=MALFORMED_GENERATOR, hint="Remove the brackets.")
        element = parse_expression(text, obj=obj)
        return GeneratorSpec(element=element, variable=_IMPLICIT_VARIABLE, iterator="range",
                             start=sympy.Integer(0), stop=sympy.Integer(1),
                             step=sympy.Integer(1), p=None, size=None, condition=None,
                             text=text)
    return _GeneratorParser(wrapped, text).parse(body)


class _GeneratorParser:
    """Check the shape of a generator's syntax tree and parse its parts."""

    def __init__(self, wrapped, text):
        self.wrapped = wrapped
        self.text = text

    def error(self, node, message, hint=GENERATOR_HINT):
        return self.wrapped.error(node, message, code=MALFORMED_GENERATOR, hint=hint)

    def sub_expression(self, node):
        """Re-parse one part of the generator with the safe expression parser."""
        segment = ast.get_source_segment(self.wrapped.text, node)
        line, column = self.wrapped.locate(node.lineno, node.col_offset)
        return parse_expression(segment, source=self.wrapped.source, line=line,
                                col_offset=column, obj=self.wrapped.obj)

    def parse(self, node):
        if len(node.generators) != 1:
            # comprehension nodes carry no position: point at the second loop's variable
            raise self.error(node.generators[1].target,
                             "A connect generator may have only one 'for'.")
        loop = node.generators[0]
        if loop.is_async:
            raise self.error(loop.target, "'async for' is not allowed in a connect generator.")
        if not isinstance(loop.target, ast.Name):
            raise self.error(loop.target, "A connect generator must iterate over a single "
                                          "variable name.")
        variable = loop.target.id
        check_identifier(variable, loop.target, self.wrapped)
        if variable in _RESERVED:
            raise self.error(loop.target, f"The iteration variable cannot be called "
                                          f"'{variable}': that name already has a meaning here.",
                             hint="Use another name, e.g. 'k'.")
        if len(loop.ifs) > 1:
            raise self.error(loop.ifs[1], "A connect generator may have only one 'if'.",
                             hint="Combine the conditions with 'and'.")
        iterator, arguments = self.iterator(loop.iter)
        element = self.sub_expression(node.elt)
        condition = self.sub_expression(loop.ifs[0]) if loop.ifs else None
        return GeneratorSpec(element=element, variable=variable, iterator=iterator,
                             condition=condition, text=self.text, **arguments)

    def iterator(self, call):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                and call.func.id in ("range", "sample")):
            raise self.error(call, "A connect generator must iterate over 'range(...)' or "
                                   "'sample(...)'.")
        name = call.func.id
        for argument in call.args:
            if isinstance(argument, ast.Starred):
                raise self.error(argument, "Starred arguments are not allowed here.")
        if not 1 <= len(call.args) <= 3:
            raise self.error(call, f"'{name}' takes one to three positional arguments "
                                   f"(stop / start, stop / start, stop, step), "
                                   f"not {len(call.args)}.")
        positional = [self.sub_expression(argument) for argument in call.args]
        if len(positional) == 1:
            positional.insert(0, sympy.Integer(0))
        if len(positional) == 2:
            positional.append(sympy.Integer(1))
        arguments = dict(zip(("start", "stop", "step"), positional), p=None, size=None)
        keywords = {keyword.arg: keyword for keyword in call.keywords}
        if name == "range":
            if keywords:
                raise self.error(call.keywords[0], "'range' takes no keyword arguments.")
            return name, arguments
        if None in keywords:
            raise self.error(keywords[None], "'**' arguments are not allowed here.")
        if len(keywords) != 1 or not keywords.keys() <= {"p", "size"}:
            raise self.error(call, "'sample' needs exactly one keyword argument: either 'p' "
                                   "(keep each element with this probability) or 'size' "
                                   "(this many elements, without replacement).")
        (keyword,) = keywords.values()
        arguments[keyword.arg] = self.sub_expression(keyword.value)
        return name, arguments



def _split_conditional(origin, obj):
    """``(element, condition)`` for Brian2's ``'<expr> if <cond>'`` (an index expression
    with an ``if`` and no ``else`` or ``for`` outside brackets), parsed with the safe
    expression parser at their positions in the user's text; None for any other text."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(origin.text).readline))
    except (tokenize.TokenError, SyntaxError):
        return None  # the generator parser reports it, with its position
    depth, keywords = 0, []
    for token in tokens:
        if token.type == tokenize.OP and token.string in "([{":
            depth += 1
        elif token.type == tokenize.OP and token.string in ")]}":
            depth -= 1
        elif token.type == tokenize.NAME and depth == 0 and \
                token.string in ("if", "else", "for", "lambda"):
            keywords.append(token)
    if [k.string for k in keywords] != ["if"]:
        return None
    lines = origin.text.splitlines(keepends=True)
    (if_row, if_col), (end_row, end_col) = keywords[0].start, keywords[0].end
    offset = sum(len(line) for line in lines[:if_row - 1])
    element_text = origin.text[:offset + if_col]
    after = sum(len(line) for line in lines[:end_row - 1]) + end_col
    condition_text = origin.text[after:]

    def parse(part, row, col):
        line = origin.line + row - 1
        column = origin.column + col if row == 1 else col
        return parse_expression(part, source=origin.source, line=line, col_offset=column,
                                obj=obj)
    return parse(element_text, 1, 0), parse(condition_text, end_row, end_col)
