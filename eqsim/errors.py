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


class InvalidRenameError(EquationError, SyntaxError):
    """A keyword substitution renames a variable the equations define to something that
    cannot be a variable name (not an identifier, a leading '_', a name the simulator
    provides): Brian2 raises SyntaxError; this is one too."""
    default_code = "EQ282"

    __str__ = EqsimError.__str__  # SyntaxError would show only its first argument


class UnresolvedNameError(EquationError, KeyError):
    """An identifier in a user string resolves to nothing (Brian2 raises KeyError; this is
    one too)."""
    default_code = "EQ110"
    __str__ = EqsimError.__str__  # KeyError would quote the whole message


class InvalidSyntaxError(EquationError, SyntaxError):
    """A user string that is not valid Python syntax (code EQ101, given where it is raised):
    Brian2 raises SyntaxError; this is one too."""


class InvalidNameError(EquationError, ValueError, TypeError):
    """A name given as an argument (object, event, pathway, index variable) is not a
    plain identifier, or starts with '_'. Brian2 raises ValueError for an object's name and
    TypeError for an event's; this is both."""
    default_code = "EQ127"


class DimensionMismatchError(EqsimError):
    """Quantities with incompatible physical dimensions were combined.

    ``dims`` holds the dimensions involved, for programmatic inspection.
    """
    default_code = "EQ200"

    def __init__(self, message, *dims, **kwargs):
        self.dims = dims
        super().__init__(message, **kwargs)


class TimedArrayArgumentsError(DimensionMismatchError, ValueError):
    """A TimedArray called in a model string with another number of arguments than its
    values' dimensions need (``ta2d(t)`` for 2-D values): a ValueError, as in Brian2."""
    default_code = "EQ910"


class IntegrationError(EqsimError):
    """The chosen integration method cannot integrate the given equations."""
    default_code = "EQ300"


class RandomDrawInEquationError(IntegrationError, NotImplementedError):
    """A differential equation calls ``rand()``/``randn()``/``poisson()``: eqsim does not
    integrate draws (Brian2 refuses more than one call with a ``NotImplementedError``;
    this is one too)."""
    default_code = "EQ307"


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


class StoredObjectsMismatchError(CheckpointError, KeyError):
    """A stored state lacks objects or variables the network has, or has some it lacks
    (restoring into a network of other objects): a KeyError, as Brian2's lookup of the
    missing name."""
    default_code = "EQ274"

    __str__ = EqsimError.__str__  # KeyError would quote the whole message


class LimitError(EqsimError):
    """A number outside the range it may take: ``N=2.5``, a negative delay or rate,
    ``dt = inf``, a run of more steps than the step counter can hold."""
    default_code = "EQ610"


class SpikeGeneratorSizeError(LimitError, TypeError, ValueError):
    """A SpikeGeneratorGroup whose ``N`` is not a whole number >= 1: Brian2 raises
    TypeError ("N has to be an integer >=1"), ValueError for NaN; this is both."""
    default_code = "EQ276"


class TimeValueError(LimitError, ValueError):
    """A time that must be finite and not negative (or positive) is not: a negative run
    duration, ``dt = 0``, a negative refractory period or delay. Brian2 raises ValueError;
    this is one too."""
    default_code = "EQ611"


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


class NotConnectedError(EqsimError, TypeError):
    """A Synapses used before any ``connect()``: a synaptic variable set (there is no
    synapse to take the value, and the synapses made later would not have it), or a run
    with its pathways, which would do nothing (Brian2 raises TypeError; this is one too)."""
    default_code = "EQ166"


class NotRecordedError(EqsimError, AttributeError):
    """``M.i`` or ``M.t`` of a SpikeMonitor or EventMonitor made with ``record=False``
    (Brian2 raises AttributeError; this is one too)."""
    default_code = "EQ167"


class MonitorIndexError(EqsimError, IndexError):
    """``M[i]`` of an element the StateMonitor did not record (Brian2 raises IndexError;
    this is one too)."""
    default_code = "EQ165"


class SubgroupIndexError(EqsimError, IndexError):
    """``G[item]`` names no contiguous, non-empty range of the group's elements
    (Brian2 raises IndexError; this is one too)."""
    default_code = "EQ150"


class SubgroupTypeError(SubgroupIndexError, TypeError):
    """``G[item]`` with an item that is no slice, integer or sequence of integers (Brian2
    raises TypeError)."""
    default_code = "EQ152"


class LinkError(EqsimError, ValueError):
    """A ``(linked)`` variable cannot be linked as asked (Brian2 raises ValueError)."""
    default_code = "EQ151"


class LinkTypeError(LinkError, TypeError):
    """A link is given something of the wrong kind (a float index, a variable without the
    ``(linked)`` flag) or is used before it is set (Brian2 raises TypeError)."""
    default_code = "EQ154"


class ValueTypeError(EqsimError, TypeError):
    """A value given for a variable from Python is not a number, a quantity or a flat
    sequence of them."""
    default_code = "EQ157"

# -- issue 12, integration methods as objects (EQ220-EQ229) --------------------------------
class MethodRegistrationError(IntegrationError):
    """``StateUpdateMethod.register`` got a name that is taken or invalid, or no method."""
    default_code = "EQ220"


class StateUpdaterDescriptionError(IntegrationError):
    """An ``ExplicitStateUpdater`` description is not in Brian2's description language."""
    default_code = "EQ221"


class UnsupportedMethodError(IntegrationError):
    """A Brian2 integration feature eqsim does not have: the GSL integrators and
    ``method_options``."""
    default_code = "EQ222"


# -- neuron variables written through synapses (EQ230-EQ239) ----------------------------------
class NeuronWriteError(EqsimError, TypeError):
    """``S.x_pre = ...`` / ``S.x_post = ...`` of a neuron variable that cannot be set: a
    subexpression, a read-only or built-in variable (Brian2 raises TypeError; this is
    one too)."""
    default_code = "EQ230"


class NeuronIndexError(EqsimError, IndexError):
    """A shared neuron variable set through synapses for some of them
    (``S.s_post[0:2] = 1``, ``S.s_post['w > 0'] = 1``): it has one value (Brian2 raises
    IndexError; this is one too)."""
    default_code = "EQ231"


class NeuronWriteUnsupportedError(EqsimError, NotImplementedError):
    """A neuron variable eqsim cannot write through synapses: a linked variable,
    procedural synapses (no stored pairs), a group split over processes."""
    default_code = "EQ232"


# -- subgroups in every context (EQ240-EQ249) ------------------------------------------------
class SummedTargetOverlapError(EqsimError, NotImplementedError):
    """Two ``(summed)`` variables write one neuron variable in the same group or in
    overlapping subgroups of it: each would overwrite the other's sum (Brian2 raises
    NotImplementedError; this is one too)."""
    default_code = "EQ240"


class RecordIndexError(EqsimError, IndexError):
    """``StateMonitor(G, ..., record=[...])`` with an index outside the recorded group (for
    a subgroup: outside ``0 .. len(subgroup) - 1``). Brian2 raises IndexError; this is one
    too."""
    default_code = "EQ241"


# -- Brian2 test ports (EQ250-EQ259) --
class SmoothRateError(EqsimError, TypeError):
    """``PopulationRateMonitor.smooth_rate`` arguments that do not fit: a named window
    without ``width``, a ``width`` with explicit weights, weights that are not 1-D with an
    odd number of elements (Brian2 raises TypeError; this is one too)."""
    default_code = "EQ251"


class UnknownWindowError(EqsimError, NotImplementedError):
    """``smooth_rate(window=...)`` named a window other than ``'gaussian'`` and ``'flat'``
    (Brian2 raises NotImplementedError; this is one too)."""
    default_code = "EQ252"


class UnknownEventError(EqsimError, ValueError):
    """An event name the group has no condition for, in ``set_event_schedule``,
    ``run_on_event`` or an Event/SpikeMonitor (a SpikeMonitor of a group without threshold):
    Brian2 raises ValueError, this is one too."""
    default_code = "EQ217"


class NotInEqsimError(EqsimError, NotImplementedError):
    """A part of Brian2 eqsim does not have (``SpatialNeuron`` and its morphologies):
    raised where the script uses it, naming what to do instead. Also a
    ``NotImplementedError``."""
    default_code = "EQ734"


# -- units: values that cannot take part in unit arithmetic (EQ290-EQ299) ---------------------
class QuantityTypeError(EqsimError, TypeError):
    """A value that cannot be combined with or turned into a quantity (a string operand,
    a list mixing quantities and plain numbers, an array of different exponents). Brian2
    raises TypeError for these; this is one too."""
    default_code = "EQ290"


class QuantityIndexError(DimensionMismatchError, TypeError):
    """A quantity with a unit used where Python needs an integer index (``'ab' * (3*mV)``,
    ``items[1*mV]``): Brian2 (NumPy) raises TypeError; this is one too, and a
    DimensionMismatchError."""
    default_code = "EQ293"


# -- issue 12, units (EQ320-EQ329) ----------------------------------------------------------
class UnitDefinitionError(EqsimError):
    """A :class:`~eqsim.units.Unit` cannot be made or registered as asked."""
    default_code = "EQ320"


# --- issue 12 section 2, network control and infrastructure (net12): EQ710-EQ729 ---
class BrianObjectException(EqsimError):
    """An error met while an object was prepared for a run, naming the object and the line
    of the script that created it (Brian2's exception of the same name).

    eqsim raises it as a subclass of the original error's class as well (see
    :func:`object_error`), so the original code (``EQ110`` ...) and ``except`` clauses for
    the original class keep working; ``__cause__`` is the original error.

    Parameters
    ----------
    message : str
        What went wrong.
    brianobj : object, optional
        The object concerned (its ``name`` and ``_creation_site`` are shown).
    """
    default_code = "EQ710"

    def __init__(self, message, brianobj=None, **kwargs):
        self._brian_objname = getattr(brianobj, "name", None)
        self._brian_objcreate = getattr(brianobj, "_creation_site", None)
        super().__init__(message, **kwargs)

    def _format(self):
        text = super()._format()
        name = getattr(self, "_brian_objname", None)
        if name is None:
            return text
        where = getattr(self, "_brian_objcreate", None) or "(unknown)"
        return (f"Error encountered with object named '{name}'.\n"
                f"Object was created here:\n  {where}\n\n{text}")


class MagicError(NetworkError):
    """The magic ``run()`` / ``store()`` cannot tell what the script means (a mix of objects
    that ran and new ones, changing ``magic_network`` by hand), Brian2's ``MagicError``."""
    default_code = "EQ711"


class NetworkStateError(NetworkError, KeyError):
    """``Network.set_states`` names an object the network does not contain (a ``KeyError``,
    as in Brian2)."""
    default_code = "EQ712"

    __str__ = EqsimError.__str__  # KeyError would quote the whole message


class NotRunningError(NetworkError, ValueError):
    """A ``Network`` method that needs a finished run (``profiling_info`` without a run
    with ``profile=True``; a ``ValueError``, as Brian2's)."""
    default_code = "EQ713"


class ScheduleError(NetworkError, ValueError):
    """``Network.schedule`` set to something that is not a list of slot names."""
    default_code = "EQ716"


class ScheduleTypeError(ScheduleError, TypeError):
    """``Network.schedule`` set to something that is not a sequence of slot-name strings
    (``net.schedule = object()``): Brian2 raises TypeError there, ValueError only for
    badly named slots."""
    default_code = "EQ271"


class NetworkItemError(NetworkError, TypeError):
    """``Network(...)``/``Network.add`` given something that is not a group, synapses,
    monitor or network operation (a string, a number): a TypeError, as in Brian2."""
    default_code = "EQ270"


class MissingDependencyError(NetworkError, ValueError):
    """An object is in a ``Network`` without the object it depends on (a monitor without
    its group, synapses without their source): a ValueError when the run starts, as in
    Brian2."""
    default_code = "EQ601"


class UnknownReportError(NetworkError, ValueError):
    """``run(report=...)`` given a name that is not a known report: a ValueError, as in
    Brian2."""
    default_code = "EQ272"


class ReportTypeError(NetworkError, TypeError):
    """``run(report=...)`` given something that is neither a report name nor a function
    (``report=object()``): a TypeError, as in Brian2."""
    default_code = "EQ278"


class DtChangeError(NetworkError, ValueError):
    """A clock's ``dt`` changed between runs to one of which the time where the next run
    starts is not a multiple (t = 0.5 ms, dt from 0.5 ms to 1 ms): Brian2 raises ValueError
    when that run starts; this is one too."""
    default_code = "EQ257"


_OBJECT_ERROR_CLASSES = {}


def _reduce_object_error(error):
    # the combined class is made at run time: pickle (multiprocessing) rebuilds it
    return _rebuild_object_error, (error._original_class, dict(error.__dict__))


def _rebuild_object_error(cls, state):
    plain = cls.__new__(cls)
    plain.__dict__.update(state)
    return object_error(plain, _Named(state.get("_brian_objname"),
                                      state.get("_brian_objcreate")))


class _Named:
    def __init__(self, name, site):
        self.name, self._creation_site = name, site


def object_error(error, obj):
    """``error`` (an :class:`EqsimError`) as a :class:`BrianObjectException` about ``obj``
    that is still an instance of ``type(error)`` with the same code and details."""
    if isinstance(error, BrianObjectException) or not isinstance(error, EqsimError):
        return error
    cls = type(error)
    combined = _OBJECT_ERROR_CLASSES.get(cls)
    if combined is None:
        combined = type(cls.__name__, (cls, BrianObjectException),
                        {"__module__": cls.__module__, "__qualname__": cls.__qualname__,
                         "_original_class": cls, "__reduce__": _reduce_object_error})
        _OBJECT_ERROR_CLASSES[cls] = combined
    new = combined.__new__(combined)
    new.__dict__.update(error.__dict__)
    new._brian_objname = getattr(obj, "name", None)
    new._brian_objcreate = getattr(obj, "_creation_site", None)
    EqsimError.__init__(new, error.message, code=error.code, source=error.source,
                        line=error.line, column=error.column, hint=error.hint, obj=error.obj)
    return new

# --- issue 12 section 2, user functions (func12): EQ170-EQ179 ---
class UserFunctionError(EqsimError, ValueError):
    """A user function (``Function``, ``@check_units`` Python function, ``@implementation``)
    cannot be used as declared: no unit information, an implementation eqsim cannot
    compile, or a Python function that failed while a compiled kernel called it.

    Also a ``ValueError``, the type Brian2 raises for the same declarations."""
    default_code = "EQ170"


class UnresolvableFunctionError(UserFunctionError, KeyError):
    """A plain Python function found in a namespace says nothing about units, so a model
    string cannot call it: Brian2 reports the name as unresolvable with a ``KeyError``;
    this is one too (and the ``ValueError`` of the declaration)."""
    default_code = "EQ280"

    __str__ = EqsimError.__str__  # KeyError would quote the whole message


class FunctionDeclarationTypeError(UserFunctionError, TypeError):
    """``Function(...)`` declarations Brian2 refuses with a ``TypeError``: units given by
    argument name without (enough) ``arg_names``, or a non-float argument type with a
    unit. A ``TypeError`` here too."""
    default_code = "EQ281"

# --- issue 12, linked variables of Synapses and Brian2's last errors (linkedsyn12): EQ143-EQ149 ---
class LinkTargetError(LinkError, NotImplementedError):
    """A link to a variable whose number of elements changes (a Synapses' or a monitor's):
    Brian2 raises NotImplementedError; this is one too."""
    default_code = "EQ143"


class StatefulSubexpressionError(EquationError, SyntaxError):
    """A subexpression calls ``rand()``/``randn()`` without ``(constant over dt)``: it
    would give another value wherever it is used (Brian2 raises SyntaxError at run)."""
    default_code = "EQ144"


class ShadowingNameError(EquationError, ValueError):
    """A synaptic variable named as a variable of the pre- or postsynaptic group (``x`` in
    both): statements could mean either; Brian2 refuses it with a ValueError, this is
    one too."""
    default_code = "EQ145"


# --- issue 11, plasticity part (plast11): EQ190-EQ199 ---
class ProceduralValueError(EquationError):
    """A per-synapse value of procedural synapses (given by an expression, regenerated at
    every spike) is missing, not an expression, or depends on something that changes."""
    default_code = "EQ190"


# --- issue 9, the MPI layer (comm9): EQ830-EQ849 ---
class DistributedError(EqsimError):
    """A run across MPI processes cannot start or go on."""
    default_code = "EQ830"


class MPINotInstalledError(DistributedError, ImportError):
    """The script was started by ``mpiexec`` but mpi4py is not installed in this Python."""
    default_code = "EQ831"


class MPIExecNotFoundError(DistributedError, FileNotFoundError):
    """No ``mpiexec`` belonging to the installed MPI was found."""
    default_code = "EQ832"


class MPIWorldMismatchError(DistributedError):
    """The launcher started K processes but MPI sees another number: ``mpiexec`` of one MPI
    started a Python whose mpi4py uses another, so every process would run the whole network."""
    default_code = "EQ833"


class RankFailedError(DistributedError):
    """Another process of the run raised an exception; this one stops with its message.

    Attributes
    ----------
    failures : list of (int, str)
        ``(rank, message)`` of each process that failed, in rank order.
    """
    default_code = "EQ834"

    def __init__(self, message, *, failures=(), **kwargs):
        self.failures = list(failures)
        super().__init__(message, **kwargs)


class NotGatheredHereError(DistributedError):
    """Monitor data were gathered to another process only, so this one cannot read them."""
    default_code = "EQ835"


# --- issue 9, design step: the context and the backend interface (ctx9): EQ810-EQ819 ---
class ContextError(EqsimError):
    """A simulation context was asked for something it cannot give (a Philox
    implementation that is not available)."""
    default_code = "EQ810"


# --- Brian2's refusals of names, pathways, shared values and connect arguments: EQ183-EQ188 ---
class SynapticSuffixError(EquationError, ValueError):
    """A model variable named with the suffix ``_pre`` or ``_post`` (``x_pre : 1``):
    synaptic code uses these suffixes for the variables of the pre- and postsynaptic
    groups, so Brian2 refuses such names with a ValueError; this is one too."""
    default_code = "EQ183"


class PathwayError(EquationError, ValueError):
    """A pathway argument of ``Synapses`` that names no pathway (``delay=`` without
    ``on_pre``) or a trigger that does not exist (Brian2 raises ValueError; this is one
    too)."""
    default_code = "EQ184"


class PathwayArgumentError(EquationError, TypeError):
    """A pathway given twice to ``Synapses``, under its name and its old one (``pre=`` and
    ``on_pre=``); Brian2 raises TypeError, this is one too."""
    default_code = "EQ193"


class SharedSubexpressionError(EquationError, SyntaxError):
    """A ``(shared)`` subexpression reads a per-element variable (``s = x : 1 (shared)``
    with a per-neuron ``x``, or ``i``): it would not have one value for all elements
    (Brian2 raises SyntaxError; this is one too)."""
    default_code = "EQ185"


class ConnectIndexError(ConnectError, IndexError):
    """``Synapses.connect`` indices outside their group, given or generated, or a
    ``sample(..., size=...)`` larger than its range or negative (Brian2 raises IndexError;
    this is one too)."""
    default_code = "EQ501"


class ConnectNameError(ConnectError, ValueError):
    """``Synapses.connect`` code that reads ``N_incoming``/``N_outgoing``, which change
    while it creates synapses (Brian2 raises ValueError; this is one too)."""
    default_code = "EQ161"


class ConnectTypeError(ConnectError, TypeError):
    """``Synapses.connect`` arguments of kinds that cannot be combined (index arrays
    ``i=``/``j=`` with a string ``n=``); Brian2 raises TypeError, this is one too."""
    default_code = "EQ186"


class SharedIndexError(EqsimError, IndexError):
    """A ``(shared)`` variable indexed with anything but ``[:]`` (``G.x[0]``,
    ``G.x['i > 0']``): it has one value for all elements, not one per element (Brian2
    raises IndexError; this is one too). Assignments may also use ``['True']``."""
    default_code = "EQ187"


# --- issue 11, models part (models11): EQ182-EQ189, EQ191-EQ198 ---
class ProceduralReadError(EqsimError, MemoryError):
    """Per-synapse values of procedural synapses (computed on read, never stored) cannot
    be read as asked: they would not fit in the available memory, or the index is a
    condition."""
    default_code = "EQ182"


# --- issue 9, distributed runs (mpi9): EQ836-EQ849 ---
class RemoteNeuronError(DistributedError):
    """Synaptic code reads (or writes) a neuron variable of the presynaptic group, whose
    neurons are stored by other processes in a run under ``mpiexec``; only their spikes
    travel between processes."""
    default_code = "EQ836"


class NotDistributableError(DistributedError):
    """An object or option that a run split over several processes does not support."""
    default_code = "EQ837"


# --- issue 9, callbacks and checkpoints across process counts (cb9): EQ811-EQ819 ---
class RunCallbackError(EqsimError, ValueError):
    """A monitor's ``callback=`` or ``callback_period=`` (or a BrainPy-style runner's
    ``spike_callback``/``volt_callback``) cannot be used: not a function, not a whole
    number of time steps, or a monitor that cannot be made."""
    default_code = "EQ811"


class CheckpointLayoutError(CheckpointError):
    """A checkpoint's network does not have the global sizes or synapses of the network
    (or of this process's part of it) it is restored into."""
    default_code = "EQ812"


class CheckpointVersionError(CheckpointError):
    """A checkpoint of an older format version cannot be used this way: restored into a
    network split over processes, or given more states of the new format."""
    default_code = "EQ813"


class SpikeExchangeError(DistributedError, MemoryError):
    """The compiled spike exchange could not go on: its buffers could not grow, or the MPI
    library returned an error."""
    default_code = "EQ838"


class ProcessFilesError(NotGatheredHereError):
    """A monitor of a run on several processes recorded to per-process files (``to_file=``
    under ``mpiexec -n K``): no process holds the whole recording."""
    default_code = "EQ839"


# -- groups, views, variables, refractoriness (EQ260-EQ269) --
class WholeNumberTypeError(LimitError, TypeError):
    """A size or count that is not a number at all: ``NeuronGroup('v : 1', 10)`` (the
    equations first), ``N=object()``, ``N=True``. Brian2 raises TypeError; this is one too."""
    default_code = "EQ260"


class WholeNumberValueError(LimitError, ValueError):
    """A size or count that is a number but not an allowed one: ``N=0``, ``N=-1``,
    ``N=2.5``, ``N=nan``. Brian2 raises ValueError; this is one too."""
    default_code = "EQ261"


class NetworkOperationArgumentsError(NetworkError, TypeError):
    """A function given to ``network_operation`` that takes more than the time ``t`` (or a
    plain function whose first argument is ``self``): it could not be called each step.
    Brian2 raises TypeError when the operation is created; this is one too."""
    default_code = "EQ262"


class ElementIndexTypeError(EqsimError, TypeError, IndexError):
    """``G.v[item]``, ``G.indices[item]``, ``S.w[item]`` with an ``item`` that is not an
    integer, a slice, an array of integers or booleans, or a condition string: ``None``,
    ``1.5``, ``object()``. Brian2 raises TypeError for a group and IndexError for synapses;
    this is both."""
    default_code = "EQ263"


class ElementIndexError(EqsimError, IndexError):
    """An element index outside the group (``G.v[10]`` of 4 neurons) or with more than one
    dimension (``G.v[0, 0]``). Brian2 raises IndexError; this is one too."""
    default_code = "EQ264"


class SharedWriteError(EquationError, SyntaxError):
    """Code that writes a shared variable where Brian2 forbids it: in a reset, an event's
    code or on_pre/on_post (also ``x += 1`` in a reset for ``x`` linked to a group of one
    element), a shared variable given a per-element value, or written after a per-element
    one. Brian2 raises SyntaxError when the run starts; this is one too."""
    default_code = "EQ265"


class RefractoryTypeError(EquationError, TypeError):
    """``refractory=`` that is neither a time nor a boolean condition: ``'3*Hz'``, ``'3'``,
    a variable with units of Hz. Brian2 raises TypeError when the run starts; this is one
    too."""
    default_code = "EQ269"
