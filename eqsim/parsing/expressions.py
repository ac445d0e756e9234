"""Turn a user expression string into a sympy expression, safely.

The text is parsed by :func:`ast.parse` and the resulting tree is walked
against a whitelist (:mod:`eqsim.parsing.ast_to_sympy`); sympy objects are
built node by node. Nothing in the user's text is ever evaluated as Python (no
``eval``, ``exec``, ``sympify``), so a string such as
``__import__('os').system('...')`` is only ever data.
"""
import ast

from sympy.core.function import AppliedUndef

from eqsim.parsing import error_codes as codes
from eqsim.parsing.ast_to_sympy import build_checked
from eqsim.parsing.functions import FUNCTIONS
from eqsim.parsing.source_positions import SYNTAX_HINT, parse_source, strip_with_origin

__all__ = ["parse_expression", "get_identifiers"]


def parse_expression(text, *, source=None, line=1, col_offset=0, obj=None):
    """Parse a user expression into a sympy expression, without evaluating it.

    Parameters
    ----------
    text : str
        The expression, e.g. ``'v > v_th and not_refractory'``.
    source : str, optional
        The full user string ``text`` is part of (quoted in errors); ``text`` itself if omitted.
    line : int, optional
        1-based line of ``source`` on which ``text`` starts.
    col_offset : int, optional
        0-based column of that line at which ``text`` starts.
    obj : str, optional
        Name of the object the string belongs to, for error messages.

    Returns
    -------
    sympy.Expr or sympy.logic.boolalg.Boolean
        Names become ``Symbol(name, real=True)``; whitelisted functions their sympy
        counterparts; other called names ``sympy.Function(name)(...)``.

    Raises
    ------
    EquationError
        For syntax errors and any construct outside the whitelist.
    """
    origin = strip_with_origin(text, source=source, line=line, col_offset=col_offset, obj=obj)
    if not origin.text:
        raise origin.error(None, "The expression is empty.", code=codes.SYNTAX_ERROR,
                           hint=SYNTAX_HINT)
    tree = parse_source(origin, "eval")
    return build_checked(tree, origin)


def get_identifiers(expr_or_text):
    """Names an expression refers to: variables and called user functions.

    Parameters
    ----------
    expr_or_text : str or sympy.Basic
        A user expression (parsed and checked first) or an already built one.

    Returns
    -------
    set of str
        Free symbol names plus names of called functions that are not in the
        whitelist. Given text, every name written is reported, even where
        sympy would cancel it (``v - v``).
    """
    if isinstance(expr_or_text, str):
        origin = strip_with_origin(expr_or_text)
        parse_expression(expr_or_text)  # validates against the whitelist
        tree = parse_source(origin, "eval")
        called = {node.func for node in ast.walk(tree) if isinstance(node, ast.Call)}
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and (node not in called or node.id not in FUNCTIONS):
                names.add(node.id)
        return names
    expr = expr_or_text
    names = {symbol.name for symbol in expr.free_symbols}
    names.update(call.func.__name__ for call in expr.atoms(AppliedUndef))
    return names
