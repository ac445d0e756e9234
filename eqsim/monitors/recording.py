"""Growing record storage shared by the monitors: chunks appended after each run."""
import numpy as np
import sympy

from ..core.state_check import check_array, check_keys
from ..ir.operations import Assignment


class Recording:
    """Named columns of recorded values; each run appends one chunk per column."""

    def __init__(self, dtypes):
        self.dtypes = dict(dtypes)
        self.chunks = {name: [] for name in self.dtypes}
        self._cache = {}

    def append(self, name, values):
        self.chunks[name].append(np.asarray(values, dtype=self.dtypes[name]))
        self._cache.pop(name, None)

    def get(self, name):
        if name not in self._cache:
            chunks = self.chunks[name]
            self._cache[name] = (np.concatenate(chunks) if chunks
                                 else np.empty(0, dtype=self.dtypes[name]))
        return self._cache[name]

    def state(self):
        return {name: self.get(name).copy() for name in self.dtypes}

    def set_state(self, state):
        self.chunks = {name: [np.asarray(values)] for name, values in state.items()}
        self._cache = {}

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
    """Dimension of each recorded name (state variable or subexpression)."""
    return {v: (source.variables[v].dim if v in source.variables
                else source._subexpressions[v][1]) for v in names}


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
