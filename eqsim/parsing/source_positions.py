"""Where a piece of user text sits in the user's string, and the errors that point there.

Shared by the expression, statement and equation parsers so that every error
quotes the user's line and puts a caret under the right column.
"""
import ast
import difflib
import re
from dataclasses import dataclass

from eqsim.errors import EquationError, InvalidSyntaxError
from eqsim.parsing import error_codes as codes

__all__ = ["SYNTAX_HINT", "SourceOrigin", "strip_with_origin", "parse_source", "check_identifier",
           "close_matches"]

_ASCII_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

SYNTAX_HINT = ("Expressions use Python syntax: numbers, variable names, + - * / ** // %, "
               "comparisons, and/or/not, 'a if condition else b' and function calls.")


@dataclass(frozen=True)
class SourceOrigin:
    """Where a piece of parsed text sits inside the user's full string.

    Used to translate AST positions into line/column of the user's text for
    error messages.

    Parameters
    ----------
    text : str
        The text handed to :func:`ast.parse`.
    source : str
        The full user string, quoted in error messages.
    line : int
        1-based line of ``source`` on which ``text`` starts.
    column : int
        0-based column of ``source``'s line at which ``text`` starts.
    obj : str or None
        Name of the object the string belongs to.
    """
    text: str
    source: str
    line: int = 1
    column: int = 0
    obj: str | None = None

    def locate(self, lineno, col_offset):
        """Line and column in ``source`` of an AST position in ``text``.

        ``col_offset`` counts UTF-8 bytes (as the ``ast`` module does).
        """
        lines = self.text.splitlines() or [""]
        index = min(max(lineno, 1), len(lines)) - 1
        prefix = lines[index].encode("utf-8")[:max(col_offset, 0)]
        column = len(prefix.decode("utf-8", errors="ignore"))
        if index == 0:
            return self.line, self.column + column
        return self.line + index, column

    def error(self, node, message, *, code, hint=None, error_type=EquationError):
        """An error located at ``node`` (an AST node, or None for the start)."""
        lineno = getattr(node, "lineno", 1)
        col_offset = getattr(node, "col_offset", 0)
        line, column = self.locate(lineno, col_offset)
        return error_type(message, code=code, source=self.source, line=line, column=column,
                          hint=hint, obj=self.obj)


def strip_with_origin(text, *, source=None, line=1, col_offset=0, obj=None):
    """Strip surrounding whitespace from ``text`` and describe where the rest starts.

    Returns
    -------
    SourceOrigin
        Origin whose ``text`` is the stripped text.
    """
    if source is None:
        source = text
    body = text.strip()
    leading = text[:len(text) - len(text.lstrip())]
    if "\n" in leading:
        line += leading.count("\n")
        col_offset = len(leading) - leading.rfind("\n") - 1
    else:
        col_offset += len(leading)
    return SourceOrigin(body, source, line, col_offset, obj)


def parse_source(origin, mode):
    """``ast.parse(origin.text, mode=mode)`` with errors turned into EquationError."""
    try:
        return ast.parse(origin.text, mode=mode)
    except SyntaxError as exc:
        column = _character_to_byte_offset(origin.text, exc.lineno, exc.offset)
        node = ast.Constant(None, lineno=exc.lineno or 1, col_offset=column)
        detail = exc.msg or "invalid syntax"
        raise origin.error(node, f"Invalid syntax: {detail}.", code=codes.SYNTAX_ERROR,
                           hint=SYNTAX_HINT, error_type=InvalidSyntaxError) from None
    except ValueError as exc:  # e.g. null bytes, on some Python versions
        raise origin.error(None, f"Invalid text: {exc}.", code=codes.SYNTAX_ERROR,
                           hint=SYNTAX_HINT) from None
    except (MemoryError, RecursionError):
        raise origin.error(None, "The expression is nested too deeply to be parsed.",
                           code=codes.TOO_DEEPLY_NESTED,
                           hint="Split it into several subexpressions.") from None


def _character_to_byte_offset(text, lineno, offset):
    # SyntaxError.offset is a 1-based character offset; SourceOrigin wants bytes.
    lines = text.splitlines() or [""]
    index = min(max(lineno or 1, 1), len(lines)) - 1
    # Python reports offset 0 for errors at the end of the input ("1 +").
    characters = len(lines[index]) if not offset else offset - 1
    return len(lines[index][:characters].encode("utf-8"))


def check_identifier(name, node, origin):
    """Reject names that are dunders or not plain ASCII identifiers."""
    if name.startswith("__") or name.endswith("__"):
        raise origin.error(node, f"The name '{name}' is not allowed: names starting or ending "
                                 "with '__' are reserved.", code=codes.FORBIDDEN_NAME,
                           hint="Rename the variable so that it does not start or end with '__'.")
    if not _ASCII_IDENTIFIER.match(name):
        raise origin.error(node, f"The name '{name}' is not allowed: names must consist of "
                                 "ASCII letters, digits and '_'.", code=codes.FORBIDDEN_NAME,
                           hint="Use a name made of a-z, A-Z, 0-9 and '_'.")


def close_matches(name, candidates, count=3):
    """Up to ``count`` candidate names similar to ``name`` (for "did you mean" hints)."""
    return difflib.get_close_matches(name, list(candidates), n=count)
