"""Growing record storage shared by the monitors: chunks appended after each run."""
import numpy as np
import sympy

from ..core.state_check import check_array, check_keys
from ..core.preferences import prefs
from ..ir.operations import Assignment
from ..ir.variables import ArrayVariable, LinkedVariable


class Recording:
    """Named columns of recorded values; each run appends one chunk per column.

    Reading a column joins its chunks once and keeps only the joined array, so the data
    is held once, and reading again without a run in between returns the same memory.
    What a read returns is read-only: it is the monitor's own record, not a copy.
    """

    def __init__(self, dtypes):
        self.dtypes = dict(dtypes)
        self.chunks = {name: [] for name in self.dtypes}
        self._held = 0  # bytes (counted: summing the chunks grows with the runs)
        self._catch_up = None

    def follow(self, take):
        """While a run is under way: ``take()`` appends what its kernels have buffered so
        far, and every read calls it first, so a network operation reading the monitor
        (a stop condition on the spikes recorded) sees the records up to now, as in
        Brian2. ``None`` at the end of the run."""
        self._catch_up = take

    def append(self, name, values):
        values = np.asarray(values, dtype=self.dtypes[name]).view()
        values.flags.writeable = False
        if values.size or not self.chunks[name]:
            self.chunks[name].append(values)
            self._held += values.nbytes

    def get(self, name):
        if self._catch_up is not None:
            take, self._catch_up = self._catch_up, None  # take() appends, never reads
            try:
                take()
            finally:
                self._catch_up = take
        return self._column(name)

    def _column(self, name):
        chunks = self.chunks[name]
        if len(chunks) != 1:
            joined = (np.concatenate(chunks) if chunks
                      else np.empty(0, dtype=self.dtypes[name]))
            joined.flags.writeable = False
            chunks[:] = [joined]  # the parts are released: the data is held once
        return chunks[0]

    @property
    def nbytes(self):
        """Bytes held by all columns."""
        return self._held

    def state(self):
        return {name: self.get(name).copy() for name in self.dtypes}

    def set_state(self, state):
        self.chunks = {name: [] for name in self.dtypes}
        self._held = 0
        for name, values in state.items():
            self.append(name, values)

    def check_state(self, state, obj, lengths):
        """Raise ``CheckpointError`` unless ``state`` has one 1-D array per column, of its
        dtype, with ``lengths[name]`` values (a callable of the number of rows ``t``, or
        of events ``i``, recorded)."""
        check_keys(state, self.dtypes, obj, "recorded columns")
        rows = next(state[key].size if isinstance(state[key], np.ndarray) else 0
                    for key in ("t", "i") if key in state)
        for name, dtype in self.dtypes.items():
            check_array(state[name], obj, name, dtype, (lengths(name, rows),))


def recorded_dimensions(source, names):
    """Dimension of each recorded name (state variable or subexpression; for synapses
    also ``x_pre``, ``x_post`` and unsuffixed target names); None for an unknown name."""
    lookup = getattr(source, "name_dimension", None)
    if lookup is not None:
        return {v: lookup(v) for v in names}
    return {v: (source.variables[v].dim if v in source.variables
                else source._subexpressions[v][1] if v in source._subexpressions
                else None) for v in names}


def recorded_dtypes(source, names):
    """The type each recorded name is stored with: that of the variable (a float32 or
    integer variable is recorded as such, as in Brian2), or the type a subexpression
    declares (Brian2 stores an integer one's values in int32, truncated), else the default
    float type."""
    default = np.dtype(prefs["core.default_float_dtype"])
    dtypes = {}
    for v in names:
        variable = source.variables.get(v)
        if isinstance(variable, LinkedVariable) and variable.target is not None:
            variable = variable.storage()  # a link records the type of what it reads
        if isinstance(variable, ArrayVariable):
            dtypes[v] = variable.dtype
        else:
            dtypes[v] = _SUBEXPRESSION_DTYPES.get(_declared_type(source, v), default)
    return dtypes


_SUBEXPRESSION_DTYPES = {"integer": np.dtype(np.int32), "boolean": np.dtype(bool)}


def _declared_type(source, name):
    """The type (``'float'``, ``'integer'``, ``'boolean'``) ``source``'s equations give
    ``name``, None where they do not define it."""
    equations = getattr(source, "equations", None)
    try:
        return equations[name].var_type
    except (KeyError, TypeError):
        return None


def recording_statements(group, names, run_namespace):
    """``_rec_<v> = <v>`` for each recorded name (subexpressions expanded), and the
    variables the kernel needs for them."""
    statements = [Assignment(f"_rec_{v}", "=",
                             group.substitute_subexpressions(sympy.Symbol(v, real=True)))
                  for v in names]
    used = set()
    for a in statements:
        used |= {s.name for s in a.expr.free_symbols}
    return statements, group.resolve_for_kernel(used, run_namespace)


def raw_accessor(monitor, item, names):
    """``M.x_`` for a built-in attribute ``x`` in ``names`` (``t``, ``N``, ``rate``,
    ``count``...): its value as a plain NumPy array in SI base units, as Brian2 gives every
    variable of a monitor; None when ``item`` is not such a name."""
    if item.endswith("_") and item[:-1] in names:
        return np.asarray(getattr(monitor, item[:-1]))
    return None


def follow_run(recording, module, take):
    """Let ``recording`` take its monitor's buffered records (``take(module)``) when read
    during the run of ``module``; not when the run is split over processes, where taking
    them gathers from every process (they arrive at the end of the run there)."""
    from ..core.context import current_context
    if current_context().comm.size == 1:
        recording.follow(lambda: take(module))
