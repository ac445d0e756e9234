"""The presynaptic index of each synapse, stored as little as possible.

Synapses are usually created in order of their presynaptic neuron (every
``connect`` form but explicit unsorted ``i=`` arrays does so). Then one offset per
presynaptic neuron (CSR row pointers) says everything, and the per-synapse array
is only computed when something reads it (``S.i``, ``i`` or ``x_pre`` in code).
That saves 4 bytes per synapse: a weighted synapse costs 12 bytes (target index
and weight).
"""
import numpy as np

from ..ir.variables import ArrayVariable
from ..units import DIMENSIONLESS


class PresynapticIndex(ArrayVariable):
    """``_synaptic_pre``: an ArrayVariable whose array may be implicit (row pointers)."""

    def __init__(self, owner, n_sources):
        self._explicit = None
        self._ptr = np.zeros(n_sources + 1, dtype=np.int64)
        super().__init__("_synaptic_pre", owner, DIMENSIONLESS,
                         array=np.zeros(0, dtype=np.int32), read_only=True, dynamic=True)

    @property
    def array(self):
        if self._explicit is not None:
            return self._explicit
        counts = np.diff(self._ptr)
        return np.repeat(np.arange(counts.size, dtype=np.int32), counts)

    @array.setter
    def array(self, values):
        values = np.asarray(values, dtype=np.int32)
        if values.size == 0 and self._explicit is None:
            return  # the dataclass initialiser
        self._explicit = values

    @property
    def dtype(self):
        """int32, without making the implicit form's array (one int per synapse)."""
        return np.dtype(np.int32) if self._explicit is None else self._explicit.dtype

    def fingerprint_arrays(self):
        """The arrays that hold the indices (:mod:`eqsim.codegen.module_reuse`: reading
        :attr:`array` of the implicit form makes a new one)."""
        return self._ptr, self._explicit

    @property
    def implicit(self):
        return self._explicit is None

    @property
    def row_pointers(self):
        """CSR row pointers (sorted storage), or None when stored explicitly."""
        return self._ptr if self._explicit is None else None

    def append(self, new):
        """Add the presynaptic indices of new synapses (appended at the end): an array, or
        a :class:`~eqsim.synapses.connect_sampled.RowCounts` (sorted, counted by source)."""
        n_sources = self._ptr.size - 1
        current_max = np.flatnonzero(np.diff(self._ptr))[-1] if self._ptr[-1] else -1
        counts = getattr(new, "counts", None)
        if counts is not None and counts.size == n_sources and self._explicit is None:
            used = np.flatnonzero(counts)
            if not used.size or used[0] >= current_max:
                self._ptr[1:] += np.cumsum(counts)
                return
        if counts is not None:
            new = new.indices()
        new = np.asarray(new)
        if new.dtype.kind not in "iu":
            new = new.astype(np.int64)
        if self._explicit is None:
            in_order = new.size == 0 or (new[0] >= current_max
                                         and bool(np.all(new[1:] >= new[:-1])))
            if in_order:  # sorted: the row pointers grow by the new ones' (no per-synapse copy)
                bounds = np.arange(n_sources + 1)
                if np.can_cast(np.min_scalar_type(n_sources), new.dtype):
                    bounds = bounds.astype(new.dtype)  # else NumPy converts all of `new`
                self._ptr += np.searchsorted(new, bounds)
                return
            self._explicit = self.array  # give up the implicit form for good
        self._explicit = np.concatenate([self._explicit, new.astype(np.int32)])

    def assign(self, values):
        """Replace all indices (restoring a stored state)."""
        self._explicit = None
        self._ptr = np.zeros_like(self._ptr)
        self.append(values)
