"""Growing record storage shared by the monitors: chunks appended after each run."""
import numpy as np


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
