"""Subgroup: a contiguous slice ``G[a:b]`` of a group, sharing its state."""
from ..core.state_check import check_keys
from ..errors import EqsimError
from .group import Group


def slice_subgroup(group, item):
    """``group[a:b]``: the Subgroup of elements a to b-1 (contiguous slices only)."""
    if not isinstance(item, slice):
        raise EqsimError("subgroups are created with slices, e.g. G[10:20]", obj=group.name)
    start, stop, step = item.indices(group.N)
    if step != 1 or stop <= start:
        raise EqsimError(f"invalid subgroup slice {item}", obj=group.name,
                         hint="use a contiguous, non-empty slice such as G[0:100]")
    return Subgroup(group, start, stop)


class SpikeSource:
    """Mixin of the input groups: their one event is 'spike', and they slice into
    subgroups like a NeuronGroup."""

    @staticmethod
    def event_array_name(event):
        return "_spikespace"

    @property
    def events(self):
        return ["spike"]

    def __getitem__(self, item):
        return slice_subgroup(self, item)


class Subgroup(Group):
    """Neurons ``start`` to ``stop - 1`` of ``source``; state access, monitors and
    synapses use the parent's arrays with an offset."""

    def __init__(self, source, start, stop, name=None):
        object.__setattr__(self, "variables", source.variables)
        object.__setattr__(self, "_subexpressions", source._subexpressions)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "name", name or f"{source.name}_subgroup_{start}_{stop}")
        object.__setattr__(self, "clock", source.clock)
        object.__setattr__(self, "namespace", getattr(source, "namespace", None))
        object.__setattr__(self, "contained_objects", [])
        object.__setattr__(self, "_start", start)
        object.__setattr__(self, "_stop", stop)
        object.__setattr__(self, "N", stop - start)
        object.__setattr__(self, "_locked", True)
        object.__setattr__(self, "active", True)
        object.__setattr__(self, "when", source.when)
        object.__setattr__(self, "order", source.order)
        object.__setattr__(self, "_scope_key", -1)  # never collected by run() on its own

    @property
    def _owner(self):
        return self.source

    def event_array_name(self, event):
        return self.source.event_array_name(event)

    @property
    def events(self):
        return self.source.events

    def __getitem__(self, item):
        start, stop, _ = item.indices(self.N)
        return Subgroup(self.source, self._start + start, self._start + stop)

    def run_regularly(self, code, dt=None, clock=None, when="start", order=0, name=None):
        """Run ``code`` (statements) for the neurons of this subgroup at intervals of ``dt``
        (second); it runs whenever the parent group is in the network."""
        from .run_regularly import attach_run_regularly
        return attach_run_regularly(self, self.source, code, dt=dt, clock=clock, when=when,
                                    order=order, name=name)

    def get_state(self):
        return {}

    def set_state(self, state):
        pass

    def check_state(self, state):  # the parent group holds (and checks) the values
        check_keys(state, (), self.name)

    def __repr__(self):
        return f"<{self.source.name}[{self._start}:{self._stop}]>"
