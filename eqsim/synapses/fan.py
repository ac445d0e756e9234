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
        from ..groups.group import ReadOnlyVariableError
        raise ReadOnlyVariableError(f"'{self._name}' of '{self._synapses.name}' is read-only: "
                                    "it counts the synapses", obj=self._synapses.name,
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


def _arithmetic(name):
    def operator(self, *other):
        return getattr(self.values(), name)(*other)
    operator.__name__ = name
    return operator


# arithmetic as on the integer array it stands for (Brian2's scripts divide by it:
# ``w_max / S.N_incoming``), also as the right operand of a Quantity
for _name in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
              "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__", "__mod__",
              "__pow__", "__rpow__", "__neg__", "__pos__", "__abs__", "__lt__", "__le__",
              "__gt__", "__ge__", "__ne__"):
    setattr(FanView, _name, _arithmetic(_name))


class FanCounts:
    """What Synapses gets from this module: the numbers of synapses per neuron."""

    @property
    def N_incoming_post(self):
        """Number of synapses onto each postsynaptic neuron (int32, one per target neuron)."""
        return self._fan_in_out()[1]

    @property
    def N_outgoing_pre(self):
        """Number of synapses from each presynaptic neuron (int32, one per source neuron)."""
        return self._fan_in_out()[0]

    def _fan_in_out(self):
        """(N_outgoing_pre, N_incoming_post): synapses per source and per target neuron."""
        pre = self.variables["_synaptic_pre"].array
        post = self.variables["_synaptic_post"].array
        return (np.bincount(pre, minlength=len(self.source)).astype(np.int32),
                np.bincount(post, minlength=len(self.target)).astype(np.int32))

    def _fan_counts(self):
        """``N_outgoing`` and ``N_incoming`` of each synapse (its source's and its target's
        number of synapses), computed from the connections as they are now."""
        n_out, n_in = self._fan_in_out()
        return {"N_outgoing": n_out[self.variables["_synaptic_pre"].array],
                "N_incoming": n_in[self.variables["_synaptic_post"].array]}
