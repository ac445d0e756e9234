"""Parse blocks of user statements (``reset``, ``on_pre``, ``run_regularly`` code).

A block holds one assignment per line (several may share a line, separated by
``;``). Values go through the same whitelist as expressions; nothing is
executed.
"""
import ast
from dataclasses import dataclass

import sympy

from eqsim.parsing import error_codes as codes
from eqsim.parsing.ast_to_sympy import build_checked, is_truth_value_only
from eqsim.parsing.equations import RESERVED_NAMES
from eqsim.parsing.functions import is_noise_name
from eqsim.parsing.source_positions import SourceOrigin, check_identifier, parse_source

__all__ = ["Statement", "parse_statements"]

_AUGMENTED_OPERATORS = {ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*=", ast.Div: "/="}

_ASSIGNMENT_HINT = ("Each statement assigns to one variable: 'v = expr', 'v += expr', 'v -= expr', "
                    "'v *= expr' or 'v /= expr'.")


@dataclass(frozen=True)
class Statement:
    """One assignment from a user code block.

    Attributes
    ----------
    var : str
        The variable assigned to.
    op : str
        One of ``'='``, ``'+='``, ``'-='``, ``'*='``, ``'/='``.
    expr : sympy.Expr
        The value (or increment, factor...) on the right-hand side.
    line : int
        1-based line of the statement within the block.
    text : str
        The statement as the user wrote it.
    """
    var: str
    op: str
    expr: sympy.Expr
    line: int
    text: str

    def __str__(self):
        return f"{self.var} {self.op} {self.expr}"


def parse_statements(text, *, obj=None):
    """Parse a block of assignments.

    Parameters
    ----------
    text : str
        The code block; comments (``#``), blank lines and leading indentation
        are ignored, so triple-quoted strings can be used freely.
    obj : str, optional
        Name of the object the code belongs to, for error messages.

    Returns
    -------
    list of Statement
        In the order written.

    Raises
    ------
    EquationError
        For anything that is not an assignment to a plain name, or a value
        outside the expression whitelist; the error names the line and column.
    """
    statements = []
    for number, raw_line in enumerate(text.splitlines(), start=1):
        code = raw_line.strip()
        if not code or code.startswith("#"):
            continue
        indent = len(raw_line) - len(raw_line.lstrip())
        origin = SourceOrigin(code, text, number, indent, obj)
        for node in parse_source(origin, "exec").body:
            statements.append(_statement(node, origin))
    return statements


def _check_assignable(target, origin):
    """The one rule for every code block: the names equations may not define (time, index,
    size, noise, constants) and the simulator's internal ``_`` names are never assignment
    targets. Variables of a model that are read-only or (constant) are refused where the
    block is attached to its model (EQ802)."""
    name = target.id
    if name.startswith("_"):
        raise origin.error(target, f"Cannot assign to '{name}': names starting with '_' are "
                                   "reserved for the simulator's internal variables.",
                           code=codes.READ_ONLY_VARIABLE,
                           hint="Use a name that starts with a letter.")
    if name in RESERVED_NAMES or is_noise_name(name):
        raise origin.error(target, f"Cannot assign to '{name}': it is provided by the simulator "
                                   "and is read-only.", code=codes.READ_ONLY_VARIABLE,
                           hint="Assign a state variable of the model, or use another name "
                                "for a temporary value.")


def _statement(node, origin):
    if isinstance(node, ast.Assign):
        if len(node.targets) != 1:
            raise origin.error(node.targets[1], "Chained assignments ('a = b = ...') are not "
                                                "allowed.", code=codes.NOT_AN_ASSIGNMENT,
                               hint=_ASSIGNMENT_HINT)
        target, op = node.targets[0], "="
    elif isinstance(node, ast.AugAssign):
        op = _AUGMENTED_OPERATORS.get(type(node.op))
        if op is None:
            written = ast.get_source_segment(origin.text, node) or ""
            raise origin.error(node, f"The augmented assignment in '{written}' is not supported.",
                               code=codes.NOT_AN_ASSIGNMENT, hint=_ASSIGNMENT_HINT)
        target = node.target
    else:
        written = ast.get_source_segment(origin.text, node) or type(node).__name__
        raise origin.error(node, f"'{written}' is not an assignment; a code block may only "
                                 "contain assignments.", code=codes.NOT_AN_ASSIGNMENT,
                           hint=_ASSIGNMENT_HINT)
    if not isinstance(target, ast.Name):
        raise origin.error(target, f"Cannot assign to '{ast.unparse(target)}': the target must "
                                   "be a plain variable name.", code=codes.NOT_AN_ASSIGNMENT,
                           hint=_ASSIGNMENT_HINT)
    check_identifier(target.id, target, origin)
    _check_assignable(target, origin)
    value = build_checked(node.value, origin)
    if op != "=" and is_truth_value_only(value):
        raise origin.error(node.value, f"'{ast.get_source_segment(origin.text, node.value)}' is a "
                                       f"condition, so it cannot be used with '{op}'.",
                           code=codes.INVALID_OPERAND, hint="Convert it to a number with int(...).")
    line, _ = origin.locate(node.lineno, node.col_offset)
    written = ast.get_source_segment(origin.text, node)
    return Statement(target.id, op, value, line, written)
