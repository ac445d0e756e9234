"""Operations: what one object does in one time step, one dataclass per kind.

Every operation has the fields of :class:`Operation` (its statements over named
variables, the element range, its place in the schedule) and declares what its kind's
template needs as typed fields: *arrays* (names of variables the template indexes
itself), *constants* (values with a NumPy dtype, passed to compiled code at bind time)
and *record buffers* (a class-level table). Targets read these declarations
(:func:`declared_fields`); no operation carries untyped settings, and nothing here knows
a target's types.
"""
import dataclasses
import functools
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

#: kind name -> Operation subclass (:func:`operation_kind` fills it)
OPERATION_KINDS = {}


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
        if self.op == "=":
            return self
        return Assignment(self.target, "=", _written_out(self.target, self.op, self.expr),
                          self.line, self.block)


# every run() writes every kernel's statements out again, and sympy builds slowly;
# expressions compare by structure, so the cached one is the one it would build
@functools.lru_cache(maxsize=4096)
def _written_out(target, op, expr):
    import sympy
    sym = sympy.Symbol(target, real=True)
    return {"+=": sym + expr, "-=": sym - expr, "*=": sym * expr, "/=": sym / expr}[op]


def array(default=None):
    """A field naming a variable of the operation that the kind's template indexes
    directly (None: the template does without)."""
    return field(default=default, metadata={"role": "array"})


def constant(dtype, default=None):
    """A field holding a scalar the kind's template reads, of NumPy ``dtype``."""
    return field(default=default, metadata={"role": "constant", "dtype": np.dtype(dtype)})


def declared_fields(op):
    """``[(field name, role, dtype or None, value)]`` of the arrays and constants that
    ``op``'s kind declares."""
    out = []
    for f in dataclasses.fields(op):
        role = f.metadata.get("role")
        if role is not None:
            out.append((f.name, role, f.metadata.get("dtype"), getattr(op, f.name)))
    return out


def operation_kind(name):
    """Class decorator: register an Operation subclass as the kind ``name`` (the name of
    its templates)."""
    def register(cls):
        cls.kind = name
        OPERATION_KINDS[name] = cls
        return cls
    return register


@dataclass(eq=False)
class Operation:
    """One scheduled kernel (the common part of every kind).

    Attributes
    ----------
    name : str
        Unique name in the network (``neurongroup_stateupdater``).
    owner : str
        Name of the group whose elements the kernel iterates over.
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
    source : object
        The user-facing object this came from (error messages, random keys).
    conditional_writes : bool
        Whether writes to ``(unless refractory)`` variables apply only to elements that are
        not refractory (every kernel but the reset and ``run_on_event`` code, as in Brian2).
    var_index : dict
        Name -> ``(index, offset)``: the variable is read at ``index[element] + offset``,
        ``index`` an ArrayVariable (stored synapses' pre/post neuron) or a name the kind's
        template defines (procedural synapses' ``_src``/``_tgt``); other names are read at
        the element.
    index_offset : int
        ``i`` is the element minus this (a subgroup counts from its start).
    index_exprs : dict
        Name -> template local that stands for it (procedural ``i``/``j``).
    global_offset : int or None
        Global index of the owner's storage position 0: the owner stores the elements
        ``global_offset:global_offset + local size`` of its global size (0 in one process;
        None for owners whose elements are not partitioned, e.g. monitors). Element ``e``
        is the global element ``e + global_offset``; ``i`` is
        ``e + global_offset - index_offset``.
    draw_key : SynapseIdentity or None
        What names an element in its random draws: None for the global element index,
        else the canonical identity of a stored synapse (:func:`eqsim.runtime.streams.
        synapse_key`), never its storage position.
    template_locals : tuple of str
        Names the kind's template computes itself (internal names, ``_`` first).
    """
    #: the kind's name (its templates' name); set by :func:`operation_kind`
    kind: ClassVar[str] = None
    #: the targets with a template for the kind
    targets: ClassVar[tuple] = ("cython", "numpy")
    #: record buffers of the kind: field-like key -> (buffer suffix, NumPy dtype name)
    buffers: ClassVar[dict] = {}
    name: str
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
    source: object = None
    conditional_writes: bool = True
    var_index: dict = field(default_factory=dict)
    index_offset: int = 0
    index_exprs: dict = field(default_factory=dict)
    global_offset: int = field(default=None, kw_only=True)
    draw_key: object = field(default=None, kw_only=True)
    template_locals: tuple = ()
    #: statements run once per call, before the element loop (Brian2's scalar code);
    #: split off ``statements`` when the operation is made
    scalar_statements: list = field(default_factory=list)

    def __post_init__(self):
        from .scalar import split_scalar
        self.scalar_statements, self.statements = split_scalar(self)


class SynapseIdentity:
    """Where a stored synapse's canonical identity is read: its presynaptic and
    postsynaptic (global) neuron indices ``pre``/``post`` and its multisynaptic ``rank``
    (ArrayVariables, ``rank`` None when every pair is connected once), in groups of global
    sizes ``n_pre`` and ``n_post``.

    ``rank`` may be given as a function returning it: finding repeated pairs costs a pass
    over every synapse, so it is done only when a kernel that draws asks for it.
    """

    def __init__(self, pre, post, rank, n_pre, n_post):
        self.pre, self.post, self.n_pre, self.n_post = pre, post, n_pre, n_post
        self._rank = rank

    @property
    def rank(self):
        if callable(self._rank):
            self._rank = self._rank()
        return self._rank

    def __repr__(self):
        return f"SynapseIdentity({self.pre!r}, {self.post!r}, n_pre={self.n_pre}, " \
               f"n_post={self.n_post})"


_KW = dict(eq=False, kw_only=True)


@operation_kind("stateupdate")
@dataclass(**_KW)
class StateUpdateOp(Operation):
    """Statements over every element (equations, run_regularly)."""


@operation_kind("threshold")
@dataclass(**_KW)
class ThresholdOp(Operation):
    """``condition`` fills the ``events`` array; ``flags`` is one byte per element for
    the vectorised condition (None: a plain loop)."""
    flags: str = array()


@operation_kind("reset")
@dataclass(**_KW)
class ResetOp(Operation):
    """Statements over the elements listed in ``events``."""


@operation_kind("assign")
@dataclass(**_KW)
class AssignOp(Operation):
    """A string assignment run once, outside the step loop, for the elements in
    ``indices``, at time ``time``, its draws from the fixed ``random_streams``; elements
    with equal ``rounds_by`` values (synapses writing one neuron, ``S.v_post = '...'``)
    act one after another, in the order listed."""
    indices: str = array()
    n_indices: int = constant(np.int64, 0)
    time: float = constant(np.float64, 0.0)
    random_streams: tuple = ()
    rounds_by: tuple = ()


@operation_kind("pathway")
@dataclass(**_KW)
class PathwayOp(Operation):
    """on_pre/on_post over the stored synapses of the spikes that arrive: spikes of the
    sources ``source_start:source_stop`` wait in ``queue``, by a homogeneous ``delay``
    (steps) or per synapse (``delay_steps`` array); ``csr_ptr``/``csr_order`` list each
    source's synapses; ``rounds_by`` the index arrays whose equal values must be written
    one synapse after another; ``post_index`` the target neuron of each synapse."""
    queue: str = None
    homogeneous: bool = True
    delay: int = constant(np.int64, 0)
    delay_steps: str = array()
    csr_ptr: str = array()
    csr_order: str = array()
    source_start: int = constant(np.int64, 0)
    source_stop: int = constant(np.int64, 0)
    rounds_by: tuple = ()
    post_index: str = None
    #: per event, how many steps ago it happened (exchanged events, K > 1): its synapses'
    #: delays are shortened by that much (None: every event is of this step)
    event_lags: str = array()


@operation_kind("procedural")
@dataclass(**_KW)
class ProceduralOp(Operation):
    """on_pre over synapses regenerated at each spike: the targets of a source are the
    Bernoulli(``p``) draws over ``n_post`` neurons keyed by ``conn_seed``/``conn_stream``,
    as connect() draws them (``runtime.sampling``: block by block, each block drawn alone);
    only the targets ``target_start:target_stop`` (global indices; all of them in one
    process) are made."""
    queue: str = None
    delay: int = constant(np.int64, 0)
    source_start: int = constant(np.int64, 0)
    source_stop: int = constant(np.int64, 0)
    n_post: int = constant(np.int64, 0)
    target_start: int = constant(np.int64, 0)
    target_stop: int = constant(np.int64, 0)
    p: float = constant(np.float64, 0.0)
    conn_seed: int = constant(np.uint64, 0)
    conn_stream: int = constant(np.uint64, 0)
    #: as PathwayOp.event_lags
    event_lags: str = array()


@operation_kind("summed")
@dataclass(**_KW)
class SummedOp(Operation):
    """``target[target_index[synapse] + offset]`` (elements ``target_start:target_stop``)
    becomes the sum over synapses of the statement's ``_summed``."""
    target: object = None            # the ArrayVariable written
    target_index: tuple = None       # (index ArrayVariable, offset)
    target_start: int = constant(np.int64, 0)
    target_stop: int = constant(np.int64, 0)


@operation_kind("synapticcode")
@dataclass(**_KW)
class SynapticCodeOp(Operation):
    """Synapses.run_regularly code writing pre/post neurons: synapses with equal
    ``rounds_by`` values run one after another."""
    rounds_by: tuple = ()


@operation_kind("statemonitor")
@dataclass(**_KW)
class StateMonitorOp(Operation):
    """Record the statements' values at ``indices`` each step: ``recorded`` is a list of
    ``(variable name, statement target)``."""
    buffers: ClassVar[dict] = {"time_buffer": ("t", "float64")}
    indices: str = array()
    n_indices: int = constant(np.int64, 0)
    recorded: list = field(default_factory=list)


@operation_kind("spikemonitor")
@dataclass(**_KW)
class SpikeMonitorOp(Operation):
    """Record each event's time, index and ``recorded`` values; ``count`` per element."""
    buffers: ClassVar[dict] = {"time_buffer": ("t", "float64"), "index_buffer": ("i", "int32")}
    count: str = array()
    recorded: list = field(default_factory=list)
    #: storage position of the source's element 0: an event at position e is of i = e - origin
    #: (the source's start in one process; differs for a slice of a split group)
    origin: int = constant(np.int64, 0)


@operation_kind("ratemonitor")
@dataclass(**_KW)
class RateMonitorOp(Operation):
    """Record the fraction of elements with an event, per second."""
    buffers: ClassVar[dict] = {"time_buffer": ("t", "float64"), "rate_buffer": ("rate", "float64")}


@operation_kind("spikegenerator")
@dataclass(**_KW)
class SpikeGeneratorOp(Operation):
    """Emit the spikes of this step's bin (``timebins`` sorted, ``lastindex`` the next)."""
    neuron_index: str = array()
    timebins: str = array()
    lastindex: str = array()
    n_spikes: int = constant(np.int64, 0)
    period_bins: int = constant(np.int64, 0)


@operation_kind("poissonskip")
@dataclass(**_KW)
class PoissonSkipOp(Operation):
    """Constant-rate Poisson spikes by geometric skips (``next_spike`` per element)."""
    rates: str = array()
    next_spike: str = array()
    stream: int = constant(np.uint64, 0)
    #: global index of element 0: draws are keyed by global index (groups.partition)
    draw_offset: int = constant(np.int64, 0)


@operation_kind("poissoninput")
@dataclass(**_KW)
class PoissonInputOp(Operation):
    """``n_inputs`` Poisson inputs of ``probability`` per step into each element: the
    template draws the arrivals (a template local) with ``uniforms`` as scratch."""
    uniforms: str = array()
    n_inputs: int = constant(np.int64, 0)
    probability: float = constant(np.float64, 0.0)
    stream: int = constant(np.uint64, 0)
    #: global index of storage position 0: draws are keyed by global index
    draw_offset: int = constant(np.int64, 0)


@operation_kind("spikeexchange")
@dataclass(**_KW)
class SpikeExchangeOp(Operation):
    """Under K processes, every process gets the whole network's events in one collective
    per communication interval, inside the compiled step loop
    (:mod:`eqsim.distributed.spike_exchange`). ``groups`` lists, per exchanged source,
    ``(local events, exchanged events, lags, shift, low, high)``: the names of its local
    event array (count last), of the array its pathways read and of their lags
    (:func:`eqsim.synapses.spike_sources.exchanged_events`), the global index shift of
    storage position 0 in the one index space of the exchange, and that group's range
    ``[low, high)`` there. ``capacity`` names the one-element array holding the slot size
    (int32 words per process), shared with the communicator, which grows it;
    ``collective`` is the communicator's
    :class:`~eqsim.distributed.communicator.CompiledAllgather`; ``overlapped``: each
    exchange is collected one interval after it was posted
    (:func:`~eqsim.distributed.spike_exchange.communication_interval`)."""
    #: the longest interval compiled code stages
    MAX_INTERVAL: ClassVar[int] = 64
    #: the NumPy target exchanges in Python (spike_exchange.SpikeExchange.call)
    targets: ClassVar[tuple] = ("cython",)
    groups: tuple = ()
    capacity: str = array()
    collective: object = None
    #: steps per exchange (the communication interval, 1 to MAX_INTERVAL)
    interval: int = constant(np.int64, 1)
    #: post each exchange without waiting and collect it one interval later (the template
    #: changes: a structural choice, not a constant)
    overlapped: bool = False
