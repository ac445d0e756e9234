"""One exception hierarchy for everything a user can get wrong.

Every error carries a short code (``EQ012``) so that docs and tests can name it,
and, where it applies, the user's source line with a caret under the column.
"""


class EqsimError(Exception):
    """Base class of all errors eqsim raises on purpose.

    Parameters
    ----------
    message : str
        What went wrong, in one sentence.
    code : str, optional
        Short catalogue code such as ``'EQ012'``.
    source : str, optional
        The full user string (equations, statement, expression) the error is in.
    line : int, optional
        1-based line number within ``source``.
    column : int, optional
        0-based column within that line (where the caret goes).
    hint : str, optional
        What the user can do about it.
    obj : str, optional
        The name of the object (group, synapses, monitor) the error concerns.
    """

    default_code = "EQ000"

    def __init__(self, message, *, code=None, source=None, line=None, column=None,
                 hint=None, obj=None):
        self.message = message
        self.code = code or self.default_code
        self.source = source
        self.line = line
        self.column = column
        self.hint = hint
        self.obj = obj
        super().__init__(self._format())

    def _format(self):
        parts = [f"[{self.code}] {self.message}"]
        where = []
        if self.obj:
            where.append(f"in '{self.obj}'")
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column}")
        if where:
            parts.append("  " + ", ".join(where) + ":")
        if self.source is not None:
            lines = str(self.source).splitlines() or [""]
            idx = (self.line or 1) - 1
            if 0 <= idx < len(lines):
                text = lines[idx]
                stripped = len(text) - len(text.lstrip())
                parts.append("    " + text.strip())
                if self.column is not None:
                    parts.append("    " + " " * max(0, self.column - stripped) + "^")
        if self.hint:
            parts.append(f"  hint: {self.hint}")
        return "\n".join(parts)

    def with_context(self, *, source=None, line=None, column=None, obj=None, hint=None):
        """Return a copy of this error with more context filled in (keeps the type)."""
        new = type(self).__new__(type(self))
        EqsimError.__init__(
            new, self.message, code=self.code,
            source=self.source if source is None else source,
            line=self.line if line is None else line,
            column=self.column if column is None else column,
            hint=self.hint if hint is None else hint,
            obj=self.obj if obj is None else obj)
        for key, value in self.__dict__.items():
            new.__dict__.setdefault(key, value)
        return new


class EquationError(EqsimError):
    """A model string (equations, expression, statement) is malformed or unsafe."""
    default_code = "EQ100"


class UnresolvedNameError(EquationError):
    """An identifier in a user string resolves to nothing."""
    default_code = "EQ110"


class InvalidNameError(EquationError):
    """A name given as an argument (object, event, pathway, index variable) is not a
    plain identifier, or starts with '_'."""
    default_code = "EQ127"


class DimensionMismatchError(EqsimError):
    """Quantities with incompatible physical dimensions were combined.

    ``dims`` holds the dimensions involved, for programmatic inspection.
    """
    default_code = "EQ200"

    def __init__(self, message, *dims, **kwargs):
        self.dims = dims
        super().__init__(message, **kwargs)


class IntegrationError(EqsimError):
    """The chosen integration method cannot integrate the given equations."""
    default_code = "EQ300"


class CodegenError(EqsimError):
    """Code generation or compilation failed."""
    default_code = "EQ400"


class CompilationError(CodegenError):
    """The C compiler or Cython rejected the generated module."""
    default_code = "EQ410"


class ConnectError(EqsimError):
    """A ``Synapses.connect`` call asked for something impossible."""
    default_code = "EQ500"


class NetworkError(EqsimError):
    """A network, clock or schedule is inconsistent."""
    default_code = "EQ600"


class CheckpointError(NetworkError):
    """A stored state (in memory or in a checkpoint file) cannot be read, is damaged, or
    does not fit the network it is restored into."""
    default_code = "EQ650"


class LimitError(EqsimError):
    """A number outside the range it may take: ``N=2.5``, a negative delay or rate,
    ``dt = inf``, a run of more steps than the step counter can hold."""
    default_code = "EQ610"


class EqsimWarning(UserWarning):
    """Base category of the warnings eqsim gives (filter them with ``warnings``)."""


class MonitorMemoryWarning(EqsimWarning):
    """The recordings a run would add are not expected to fit in the available memory."""


class NetworkWarning(EqsimWarning):
    """``run()`` changed what it runs (e.g. switched off an object whose groups it did not find)."""


# --- issue 12 section 2, synapses and monitors (syn12): EQ160-EQ169 ---
class SynapticIndexError(EqsimError, IndexError):
    """Synapses indexed in a way Brian2 does not allow (``S.indices[i, j, k]`` without a
    ``multisynaptic_index``, four indices, a subgroup made before new synapses were added).
    Also an ``IndexError``, as Brian2 raises."""
    default_code = "EQ160"


class MonitorError(EqsimError, TypeError):
    """A monitor used before it can answer (``record_single_timestep()`` before any run).
    Also a ``TypeError``, as Brian2 raises."""
    default_code = "EQ163"


# --- issue 12 section 2, user functions (func12): EQ170-EQ179 ---
class UserFunctionError(EqsimError, ValueError):
    """A user function (``Function``, ``@check_units`` Python function, ``@implementation``)
    cannot be used as declared: no unit information, an implementation eqsim cannot
    compile, or a Python function that failed while a compiled kernel called it.

    Also a ``ValueError``, the type Brian2 raises for the same declarations."""
    default_code = "EQ170"
