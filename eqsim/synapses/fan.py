"""``N_incoming`` and ``N_outgoing``: each synapse's number of synapses onto its target
neuron and from its source neuron (Brian2's names). They are computed from the
connections when read, so they are always those of the latest ``connect()``."""
import numpy as np

FAN_NAMES = ("N_incoming", "N_outgoing")


class FanView:
    """``S.N_incoming`` / ``S.N_outgoing``: read-only, indexable like ``S.w``
    (``S.N_incoming[0, :]``, ``S.N_outgoing['i > 2']``)."""

    __array_priority__ = 100

    def __init__(self, synapses, name):
        self._synapses = synapses
        self._name = name

    def values(self):
        """One int32 per synapse."""
        return self._synapses._fan_counts()[self._name]

    def __getitem__(self, item):
        values = self.values()
        if isinstance(item, (int, np.integer)):
            return values[item]
        return values[self._synapses._indices(item, level=0)]

    def __setitem__(self, item, value):
        from ..groups.group import StateError
        raise StateError(f"'{self._name}' of '{self._synapses.name}' is read-only: it counts "
                         "the synapses", obj=self._synapses.name,
                         hint="it changes only with connect()")

    def __array__(self, dtype=None, copy=None):
        values = self.values()
        return values.astype(dtype) if dtype is not None else values

    def __len__(self):
        return self._synapses.N

    def __iter__(self):
        return iter(self.values())

    def __eq__(self, other):
        return self.values() == np.asarray(other)

    __hash__ = None

    def __getattr__(self, item):
        if item.startswith("__"):
            raise AttributeError(item)
        return getattr(self.values(), item)

    def __repr__(self):
        return f"<{self._synapses.name}.{self._name}: {self.values()!r}>"
