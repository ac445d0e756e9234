"""``G.indices[...]``: the indices of the elements an index selects (Brian2's
``Group.indices``): ``G.indices['v > 10*mV']``, ``G.indices[:]``, ``G.indices[mask]``."""
import numbers

import numpy as np


class GroupIndices:
    """What ``G.indices`` returns; indexing it gives int32 indices into the group's
    arrays (for a subgroup ``G[a:b]``, indices of ``G``: ``G[2:4].indices[:]`` is
    ``[2, 3]``). A string is a condition whose names resolve where it is indexed."""

    def __init__(self, group):
        self._group = group

    def __getitem__(self, item):
        """The indices ``item`` selects.

        Parameters
        ----------
        item : str, int, slice, array of int or array of bool
            A condition (``'v > 10*mV'``, dimensionless truth value), one index (then a
            0-d array, as Brian2), a slice, indices or a mask over the elements.

        Returns
        -------
        ndarray of int32
        """
        group = self._group
        if isinstance(item, str) and item.strip() == "True":
            item = slice(None)
        positions = group._indices(item, level=0)
        indices = (positions + group._owner._global_start).astype(np.int32)
        if isinstance(item, numbers.Integral) and not isinstance(item, bool):
            return indices.reshape(())
        return indices

    def __repr__(self):
        return f"<{self._group.name}.indices>"
