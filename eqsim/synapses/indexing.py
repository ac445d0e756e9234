"""Which synapses ``S[i, j]``, ``S.w[i, j, k]``, ``S.w['i > j']`` and ``S.indices[...]``
mean: Brian2's synaptic indexing.

An index is one of: a synapse number, slice or array of them; a string condition over
the synapses (``'i > 2 and w > 0'``); a :class:`SynapticSubgroup`; or a tuple
``(pre, post)`` / ``(pre, post, k)`` of neuron indices (int, slice, sequence) and, with
a ``multisynaptic_index``, the number ``k`` (int or slice) of the synapse between the
same pair. A tuple selects the synapses whose presynaptic neuron is in ``pre``, whose
postsynaptic neuron is in ``post`` (and whose number is in ``k``), sorted by synapse
number. As in Brian2, an integer outside a group selects nothing rather than raising
(``S[-1, :]`` is empty), a slice of neurons counts from the group's end as Python's do
(``S[:, -2:]``: the last two targets), and a neuron group or subgroup selects its neurons
(``S.w[G[1:3], H[2]]``, by their index in the whole group, as Brian2 does).
"""
import numbers

import numpy as np

from ..errors import SynapticIndexError

__all__ = ["SynapticSubgroup", "SynapticIndexing", "SynapticIndexingAccess",
           "neuron_pair_indices"]


def _matches(selection, values):
    """Mask of ``values`` (neuron indices or synapse numbers) selected by an int, a
    slice (as a test: start <= v < stop, (v - start) % step == 0) or a sequence."""
    if isinstance(selection, (numbers.Integral, np.integer)):
        return values == int(selection)
    if isinstance(selection, slice):
        start = 0 if selection.start is None else selection.start
        step = 1 if selection.step is None else selection.step
        mask = (values >= start) & ((values - start) % step == 0)
        if selection.stop is not None:
            mask &= values < selection.stop
        return mask
    if isinstance(selection, (str, bytes)) or np.ndim(selection) != 1:
        raise SynapticIndexError(f"a neuron index must be an int, a slice or a 1-d sequence "
                                 f"of ints, not {selection!r:.60}",
                                 hint="e.g. S.w[0, :], S.w[[0, 2], 1:3] or S.w['i > j']")
    selection = np.asarray(selection)
    if selection.size and selection.dtype.kind not in "iu":
        raise SynapticIndexError(f"neuron indices must be integers, not {selection!r:.60}",
                                 hint="e.g. S.w[[0, 2], :]")
    return np.isin(values, selection)


def _neurons(selection, group, synapses, side):
    """A pre- or postsynaptic selection as ``_matches`` takes it: a neuron group or
    subgroup becomes the indices (in ``group``) of its neurons that are in ``group``, a
    slice counts from ``group``'s end."""
    owner = getattr(selection, "_owner", None)
    if owner is not None and hasattr(selection, "_first"):
        if owner is not group._owner:
            raise SynapticIndexError(
                f"'{selection.name}' is not part of '{group.name}', the {side}synaptic group "
                f"of '{synapses.name}'", obj=synapses.name,
                hint=f"index the {side}synaptic side with neurons of '{group._owner.name}'")
        first = selection._first - group._first
        return np.arange(max(first, 0), min(first + len(selection), len(group)))
    if isinstance(selection, slice) and selection != slice(None):
        start, stop, step = selection.indices(len(group))
        return slice(start, stop, step) if step > 0 else np.arange(start, stop, step)
    return selection


def neuron_pair_indices(synapses, item):
    """Sorted synapse numbers selected by a ``(pre, post)`` or ``(pre, post, k)`` tuple."""
    if len(item) == 2:
        item = (item[0], item[1], slice(None))
    elif len(item) != 3:
        raise SynapticIndexError(f"synapses take 1, 2 or 3 indices, got {len(item)}",
                                 obj=synapses.name,
                                 hint="S[synapse], S[pre, post] or S[pre, post, k]")
    pre_sel, post_sel, k_sel = item
    pre = synapses.variables["_synaptic_pre"].array
    post = synapses.variables["_synaptic_post"].array
    mask = (_matches(_neurons(pre_sel, synapses.source, synapses, "pre"), pre)
            & _matches(_neurons(post_sel, synapses.target, synapses, "post"), post))
    if not (isinstance(k_sel, slice) and k_sel == slice(None)):
        if synapses.multisynaptic_index is None:
            raise SynapticIndexError(
                "to index by the third dimension (the synapse number k between a pair), the "
                "Synapses needs a multisynaptic index", obj=synapses.name,
                hint="create it with Synapses(..., multisynaptic_index='k')")
        if not isinstance(k_sel, (numbers.Integral, np.integer, slice)):
            raise SynapticIndexError(f"the synapse number k must be an int or a slice, not "
                                     f"{k_sel!r:.60}", obj=synapses.name,
                                     hint="e.g. S.w[0, 1, 0] or S.w[0, 1, 1:]")
        mask &= _matches(k_sel, synapses.variables[synapses.multisynaptic_index].array)
    return np.flatnonzero(mask)


class SynapticSubgroup:
    """``S[i, j]``: a fixed set of synapses of ``S``, usable as an index
    (``S.w[S[0, :]]``) and as ``record=`` of a StateMonitor on ``S``.

    Attributes
    ----------
    synapses : Synapses
    indices : ndarray of int32
        The synapse numbers, sorted.
    """

    def __init__(self, synapses, indices, single=False):
        self.synapses = synapses
        self._stored_indices = np.asarray(indices, dtype=np.int32)
        self._created_with = synapses.N
        #: made by ``S[k]`` with one synapse number: a monitor's ``M[S[k]].w`` is then one
        #: row, as ``M[k].w`` (Brian2)
        self.single = bool(single)

    @property
    def indices(self):
        """The synapse numbers (raises if synapses were added since: they may have moved)."""
        if self.synapses.N != self._created_with:
            raise SynapticIndexError(
                f"synapses were added to '{self.synapses.name}' since this subgroup was "
                f"created", obj=self.synapses.name, hint="index the Synapses again")
        return self._stored_indices

    def __len__(self):
        return len(self._stored_indices)

    def __repr__(self):
        return (f"<SynapticSubgroup, storing {len(self._stored_indices)} indices of "
                f"{self.synapses.name}>")


class SynapticIndexing:
    """``S.indices[...]``: the synapse numbers an index selects (``S.indices[0, :]``,
    ``S.indices['i > j']``, ``S.indices[0, 2, 1]``), as int32."""

    def __init__(self, synapses):
        self._synapses = synapses

    def __getitem__(self, item):
        return self._synapses._indices(item, level=0).astype(np.int32)

    def __call__(self, item=None):
        item = slice(None) if item is None else item
        return self._synapses._indices(item, level=0).astype(np.int32)


class SynapticIndexingAccess:
    """What Synapses gets from this module: ``S[...]``, ``S.indices`` and the synapse
    numbers behind ``S.w[...]``."""

    def _indices(self, item, level=1, namespace=None):
        """Synapse numbers for ``S.w[item]``: Brian2's synaptic indexing (`indexing`)."""
        if isinstance(item, tuple):
            return neuron_pair_indices(self, item)
        if isinstance(item, SynapticSubgroup):
            if item.synapses is not self:
                raise SynapticIndexError(f"a subgroup of '{item.synapses.name}' cannot index "
                                         f"'{self.name}'", obj=self.name,
                                         hint=f"index with {self.name}[...]")
            return item.indices.astype(np.int64)
        if hasattr(item, "_first") and hasattr(item, "_owner"):  # a neuron (sub)group
            raise SynapticIndexError(
                f"'{item.name}' holds neurons, not synapses of '{self.name}'", obj=self.name,
                hint=f"select by pre- or postsynaptic neurons: {self.name}.w[{item.name}, :] "
                     f"or {self.name}.w[:, {item.name}]")
        return super()._indices(item, level=level + 1, namespace=namespace)

    def __getitem__(self, item):
        """``S[i, j]`` (also ``S[i, :]``, ``S[:, j]``, ``S[i, j, k]``, ``S['i > j']``): the
        selected synapses, for ``S.w[...]`` and ``StateMonitor(S, 'w', record=...)``."""
        return SynapticSubgroup(self, self._indices(item, level=0),
                                single=isinstance(item, (numbers.Integral, np.integer)))

    @property
    def indices(self):
        """``S.indices[...]``: the synapse numbers an index selects (int32 array)."""
        return SynapticIndexing(self)
