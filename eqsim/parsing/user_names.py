"""Names a user gives as arguments: objects, custom events, synaptic pathways, index
variables. They become part of generated code (through
:func:`eqsim.codegen.identifiers.mangle`), so each is checked once, where it enters:
an ASCII identifier that does not start with ``_`` (which marks eqsim's own names).
"""
import re

from eqsim.errors import InvalidNameError

_USER_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z", re.ASCII)
MAX_NAME_LENGTH = 200


def check_user_name(name, what, *, obj=None):
    """Return ``name`` if it may name ``what``; raise :class:`InvalidNameError` otherwise.

    Parameters
    ----------
    name : str
        The name as the user gave it.
    what : str
        What it names, for the message (``'event'``, ``'pathway'``, ``'object name'``).
    obj : str, optional
        The object it belongs to, for the message.
    """
    hint = ("use a name made of ASCII letters, digits and '_' that starts with a letter, "
            "e.g. 'name_2'")
    if not isinstance(name, str):
        raise InvalidNameError(f"the {what} must be a string, not {type(name).__name__} "
                               f"({name!r:.60})", obj=obj, hint=hint)
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidNameError(f"the {what} {name[:40]!r}... is longer than {MAX_NAME_LENGTH} "
                               "characters", obj=obj, hint=hint)
    if name.startswith("_"):
        raise InvalidNameError(f"the {what} {name!r} starts with '_', which is reserved for "
                               "eqsim's internal names", obj=obj, hint=hint)
    if not _USER_NAME.match(name):
        raise InvalidNameError(f"the {what} {name!r} is not a valid name", obj=obj, hint=hint)
    return name
