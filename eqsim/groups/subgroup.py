"""Subgroup: a contiguous slice ``G[a:b]`` of a group, sharing its state."""
import numbers
from collections.abc import Sequence

import numpy as np

from ..core.state_check import check_keys
from ..errors import SubgroupIndexError, SubgroupTypeError
from .group import Group


def subgroup_range(item, size, obj):
    """``(start, stop)`` of ``G[item]`` as Brian2's ``to_start_stop``: a slice, one index
    (``G[k]``: the one-element subgroup of element k) or an ascending run of
    consecutive indices; anything else raises :class:`SubgroupIndexError`."""
    hint = "use G[a:b] (elements a to b-1) or G[k] (element k alone)"
    if isinstance(item, slice):
        start, stop, step = item.indices(size)
    elif isinstance(item, numbers.Integral) and not isinstance(item, bool):
        start, stop, step = int(item), int(item) + 1, 1
    elif isinstance(item, (Sequence, np.ndarray)) and not isinstance(item, str):
        values = np.asarray(item)
        if values.ndim != 1 or values.size == 0 or not np.all(np.diff(values) == 1):
            raise SubgroupIndexError("subgroups can only be made of contiguous indices, got "
                                     f"{item!r:.60}", obj=obj, hint=hint)
        if not np.issubdtype(values.dtype, np.integer):
            raise SubgroupTypeError(f"subgroups are made of integer indices, got {item!r:.60}",
                                    obj=obj, hint=hint)
        start, stop, step = int(values[0]), int(values[-1]) + 1, 1
    else:
        raise SubgroupTypeError(f"a subgroup is made with a slice, one integer index or an "
                                f"array of contiguous indices, not {item!r:.60}",
                                obj=obj, hint=hint)
    if step != 1:
        raise SubgroupIndexError(f"subgroups have to be contiguous, got step {step}", obj=obj,
                                 hint=hint)
    if start >= stop:
        raise SubgroupIndexError(f"illegal start/end values for a subgroup, {start}>={stop}",
                                 obj=obj, hint=hint)
    if start >= size:
        raise SubgroupIndexError(f"illegal start value for a subgroup, {start}>={size} (the "
                                 f"group has {size} elements)", obj=obj, hint=hint)
    if stop > size:
        raise SubgroupIndexError(f"illegal stop value for a subgroup, {stop}>{size} (the "
                                 f"group has {size} elements)", obj=obj, hint=hint)
    if start < 0:
        raise SubgroupIndexError(f"subgroup indices have to be positive, got {start}",
                                 obj=obj, hint="Brian2 does not count from the end here: "
                                 "use G[N-1] for the last element")
    return start, stop


def slice_subgroup(group, item):
    """``group[item]``: the Subgroup of the elements :func:`subgroup_range` names."""
    start, stop = subgroup_range(item, group.N, group.name)
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
    synapses use the parent's arrays with an offset. Of a group split over processes it
    stores the part of ``start:stop`` in this process's slice (possibly nothing); ``N``
    and ``len()`` are the whole subgroup's."""

    def __init__(self, source, start, stop, name=None):
        stored = source._stop  # the parent's elements stored here start at its global start
        local_start = min(max(start - source._global_start, 0), stored)
        local_stop = max(min(stop - source._global_start, stored), local_start)
        object.__setattr__(self, "variables", source.variables)
        object.__setattr__(self, "_subexpressions", source._subexpressions)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "name", name or f"{source.name}_subgroup_{start}_{stop}")
        object.__setattr__(self, "clock", source.clock)
        object.__setattr__(self, "namespace", getattr(source, "namespace", None))
        object.__setattr__(self, "contained_objects", [])
        object.__setattr__(self, "_first_index", start)
        object.__setattr__(self, "_start", local_start)
        object.__setattr__(self, "_stop", local_stop)
        object.__setattr__(self, "N", stop - start)
        object.__setattr__(self, "_locked", True)
        object.__setattr__(self, "active", True)
        object.__setattr__(self, "when", source.when)
        # Brian2 gives a subgroup its parent's order + 1 (its spikes are taken after the
        # parent's threshold), and the updater of a summed variable onto it, order - 1,
        # then ties with the synapses' state update and runs after it, by name
        object.__setattr__(self, "order", source.order + 1)
        object.__setattr__(self, "_scope_key", -1)  # never collected by run() on its own

    @property
    def _owner(self):
        return self.source

    @property
    def _first(self):
        return self._first_index

    @property
    def start(self):
        """Index of the first element in the parent group (as Brian2's ``Subgroup.start``)."""
        return self._first_index

    @property
    def stop(self):
        """One past the index of the last element in the parent group."""
        return self._first_index + self.N

    def event_array_name(self, event):
        return self.source.event_array_name(event)

    @property
    def events(self):
        return self.source.events

    def __getitem__(self, item):
        if not isinstance(item, slice):  # Brian2: a subgroup of a subgroup needs a slice
            raise SubgroupTypeError(f"a subgroup of the subgroup '{self.name}' is made with a "
                                    f"slice, not {item!r:.60}", obj=self.name,
                                    hint=f"use {self.source.name}[k] for element k of "
                                    f"'{self.source.name}'")
        start, stop = subgroup_range(item, self.N, self.name)
        return Subgroup(self.source, self.start + start, self.start + stop)

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
        return f"<{self.source.name}[{self.start}:{self.stop}]>"
