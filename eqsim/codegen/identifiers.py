"""The one place where identifiers of generated code are made.

Every name in a generated C library or NumPy module that stands for something of the
model (a variable's value, an array, a scalar, a record buffer, a helper function) is
``mangle(role, ...)``: an underscore, a role tag, a fixed number of short eqsim-made
qualifiers and, last, the name it stands for. User names never start with an underscore
(checked where they enter, :mod:`eqsim.parsing.user_names`), and template-internal
names (``_i``, ``_step``, ``_seed``, ``_flags`` ...) are not of this shape, so a
mangled name collides neither with them, nor with C keywords, libc and libm functions,
compiler macros (``linux``, ``NAN``, ``M_PI``) or Python modules (``numpy``), nor with
another mangled name: every role has a fixed number of parts and no part but the last
contains an underscore, so the parts can be read back from the result.

Anything that is not an ASCII identifier is refused here as well, so that a future entry
point that forgets to validate a name cannot put text into generated code.
"""
import functools
import re

from ..errors import CodegenError

# the name is the last part of the identifier: it may start with a digit (a draw number)
_NAME = re.compile(r"[A-Za-z0-9_]+\Z", re.ASCII)
_QUALIFIER = re.compile(r"[A-Za-z0-9]+\Z", re.ASCII)
# generated identifiers stay well below what compilers and humans handle
MAX_LENGTH = 1000

#: role tag -> number of parts after it (qualifiers, then the name)
ROLES = {
    "v": 1,      # a kernel's local value of a variable or temporary: name
    "a": 2,      # an array, by owner alias and variable name
    "k": 2,      # a user constant, by operation alias and name
    "ki": 2,     # an eqsim-made scalar of an operation (start, stop, delay ...): alias, key
    "kf": 3,     # a scalar of a tabulated function's helper: alias, key, function name
    "b": 2,      # a monitor's record buffer: operation alias, recorded name
    "r": 2,      # a random stream number: operation alias, draw number
    "lio": 2,    # a loop-invariant value: kernel alias, number
    "f": 2,      # a tabulated function's helper: kernel alias, function name
    "uf": 2,     # a user function's C code or Python trampoline: function alias, name
    "kernel": 1, # a kernel function: operation alias
    "q": 1,      # a spike queue: number
    "rs": 1,     # a kernel's refractoriness lists (eqsim_refractory.h): operation alias
}


@functools.lru_cache(maxsize=65536, typed=True)  # pure; a run() call makes thousands
def mangle(role, *parts):
    """The generated-code identifier for ``parts`` in ``role`` (see :data:`ROLES`).

    Parameters
    ----------
    role : str
        One of :data:`ROLES`.
    *parts : str or int
        The qualifiers (ASCII letters and digits) and, last, the name (ASCII letters,
        digits and '_').

    Raises
    ------
    CodegenError
        For an unknown role, a wrong number of parts or a part that is not allowed.
    """
    if role not in ROLES:
        raise CodegenError(f"internal error: unknown identifier role '{role}'")
    if len(parts) != ROLES[role]:
        raise CodegenError(f"internal error: role '{role}' takes {ROLES[role]} parts, "
                           f"got {len(parts)}")
    *qualifiers, name = (str(p) for p in parts)
    for qualifier in qualifiers:
        if not _QUALIFIER.match(qualifier):
            raise CodegenError(f"internal error: qualifier {qualifier!r} of a generated name "
                               "is not alphanumeric")
    if not _NAME.match(name):
        raise CodegenError(f"the name {name!r} cannot be used in generated code: names must "
                           "consist of ASCII letters, digits and '_'",
                           hint="rename it (the name was not checked where it entered: "
                                "please report this as a bug)")
    identifier = "_".join(["", role, *qualifiers, name])
    if len(identifier) > MAX_LENGTH:
        raise CodegenError(f"the name {name[:40]!r}... is too long for generated code",
                           hint=f"use names shorter than {MAX_LENGTH - 20} characters")
    return identifier
