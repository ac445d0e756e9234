"""The one rule for what a statement may assign, for every kind of statement block.

Resets, custom event code (``run_on_event``), ``run_regularly`` code, synaptic
``on_pre``/``on_post`` pathways (stored or procedural) and summed variables all
check their targets here, so a ``(constant)`` variable, a read-only or built-in
name can be written by none of them (Brian2's rule: constants change only
between runs, from Python).
"""
from ..errors import EquationError
from ..ir.variables import ArrayVariable, LinkedVariable
from ..parsing.equations import RESERVED_NAMES

#: The error code of an assignment to something that is not a writable state variable.
NOT_WRITABLE = "EQ802"

# Built-in names that statements can never define as temporaries either.
BUILT_IN_NAMES = RESERVED_NAMES | {"j", "N_pre", "N_post", "N_incoming", "N_outgoing",
                                   "lastupdate"}


def statement_column(source, statement):
    """0-based column of ``statement``'s target in its line of ``source``."""
    lines = str(source or "").splitlines()
    if not 0 < statement.line <= len(lines):
        return None
    text = lines[statement.line - 1]
    found = text.find(statement.text.strip()) if statement.text else -1
    return found if found >= 0 else len(text) - len(text.lstrip())


def why_not_writable(var):
    """Why ``var`` cannot be assigned by a statement, or None when it can."""
    if isinstance(var, LinkedVariable):  # Brian2 writes through the link
        var = var.storage()
    if not isinstance(var, ArrayVariable):
        return "not a state variable"
    if var.constant:
        return "constant"
    if var.read_only:
        return "read-only"
    if var.link_bound is not None:  # a write could move a link's reads out of its target
        return "the index of a linked variable (set it from Python)"
    return None


def check_writable(statement, var, *, source, obj, where, through_links=True):
    """Raise EquationError (EQ802) when ``statement`` assigns a variable it may not.

    Parameters
    ----------
    statement : Statement
        The parsed statement (its ``var``, ``line`` and ``text`` locate the error).
    var : Variable or None
        What the statement's target resolves to in its kernel (None: nothing).
    source : str
        The user's whole code block.
    obj : str
        Name of the object whose code it is.
    where : str
        The kind of code, for the message (``"reset"``, ``"on_pre code"``...).
    through_links : bool
        Whether the code may write another group's variable through a ``(linked)``
        variable (the group's own code may; synaptic code may not: its NumPy form
        would lose writes of two synapses onto one linked element).
    """
    built_in = statement.var in BUILT_IN_NAMES and not getattr(var, "declared", False)
    reason = "a built-in name" if built_in else why_not_writable(var)
    if reason is None and not through_links and isinstance(var, LinkedVariable):
        reason = "a linked variable"
    if reason is None:
        return
    raise EquationError(
        f"'{statement.var}' is {reason} and cannot be assigned in the {where} of '{obj}'",
        code=NOT_WRITABLE, obj=obj, source=source, line=statement.line,
        column=statement_column(source, statement),
        hint="statements assign state variables and temporaries; (constant) and (shared, "
             "constant) variables change only between runs, set from Python")
