"""Operations: what one object does in one time step, as ordered statements."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Assignment:
    """``target op expr`` with ``op`` one of ``=``, ``+=``, ``-=``, ``*=``, ``/=``.

    ``expr`` is a sympy expression over names of the operation's variables.
    Targets that are not variables of the operation are local temporaries.
    """
    target: str
    op: str
    expr: object
    # where the user wrote it (1-based line within ``block``), for error messages only
    line: int = field(default=None, compare=False)
    block: str = field(default=None, compare=False, repr=False)

    def as_plain(self):
        """The same assignment with an in-place operator written out (``x = x + e``)."""
        import sympy
        if self.op == "=":
            return self
        sym = sympy.Symbol(self.target, real=True)
        expr = {"+=": sym + self.expr, "-=": sym - self.expr,
                "*=": sym * self.expr, "/=": sym / self.expr}[self.op]
        return Assignment(self.target, "=", expr, self.line, self.block)


@dataclass(eq=False)
class Operation:
    """One scheduled kernel.

    Attributes
    ----------
    name : str
        Unique name in the network (``neurongroup_stateupdater``).
    kind : str
        Which template renders it: ``stateupdate`` (statements over every element),
        ``threshold`` (``condition`` fills ``events``), ``reset`` (statements over
        the elements in ``events``), ``statemonitor``, ``spikemonitor``,
        ``ratemonitor``.
    owner : str
        Name of the group whose elements the kernel iterates over.
    size : str
        Name of the constant holding the owner's element count.
    start, stop : int
        The index range iterated (a subgroup is a range of its parent).
    statements : list of Assignment
        Run for each element; statements whose target is shared (or a temporary with
        a value common to all elements) are moved to ``scalar_statements``.
    condition : sympy expression or None
    variables : dict
        Name in statements -> Variable, for every name used.
    when, order : str, int
        Position in the schedule.
    clock : object
        The Clock the operation runs on.
    events : str or None
        Name of the event array written (threshold) or read (reset, monitors).
    extra : dict
        Kind-specific settings (monitor buffers, recorded indices, ...).
    conditional_writes : bool
        Whether writes to ``(unless refractory)`` variables apply only to elements that are
        not refractory (every kernel but the reset and ``run_on_event`` code, as in Brian2).
    """
    name: str
    kind: str
    owner: str
    start: int
    stop: int
    statements: list = field(default_factory=list)
    condition: object = None
    variables: dict = field(default_factory=dict)
    when: str = "groups"
    order: int = 0
    clock: object = None
    events: str = None
    extra: dict = field(default_factory=dict)
    source: object = None  # the user-facing object this came from (for error messages)
    conditional_writes: bool = True
    #: statements run once per call, before the element loop (Brian2's scalar code);
    #: split off ``statements`` when the operation is made
    scalar_statements: list = field(default_factory=list)

    def __post_init__(self):
        from .scalar import split_scalar
        self.scalar_statements, self.statements = split_scalar(self)
