"""The elements an index of ``G.v[item]``, ``G.indices[item]`` or ``S.w[item]`` selects,
with Brian2's rules for what an index may be: an integer, a slice, a 1-D array of integers
or booleans. ``None`` is refused although NumPy reads it as a new axis: matplotlib probes
``x[0, None]`` to decide whether something is an array, and a view that quietly answered
would be plotted wrongly (Brian2 refuses it for the same reason)."""
import numbers

import numpy as np

from ..errors import ElementIndexError, ElementIndexTypeError


def as_index(item, size):
    """``item`` as an array of positions in ``range(size)``."""
    if hasattr(item, "_owner") and hasattr(item, "indices"):
        # a group (G.v[G[4:9]] = 1): its indices in its owner's arrays, as Brian2's
        item = item.indices[:]
    if isinstance(item, (numbers.Integral, np.integer)) and not isinstance(item, bool):
        if not -size <= item < size:
            raise ElementIndexError(f"index {item} is out of range for {size} elements")
        return np.array([item % size])
    if isinstance(item, slice):
        return np.arange(size)[item]
    if isinstance(item, tuple):
        raise ElementIndexError(f"an element index has one dimension, got {len(item)}: "
                                f"{item!r}", hint="index with one integer, slice or array")
    array = _index_array(item)
    try:
        return np.atleast_1d(np.arange(size)[array])
    except IndexError as error:  # out of range, or a mask of the wrong length
        raise ElementIndexError(f"{error} (the group has {size} elements)") from None


def _index_array(item):
    """``item`` as an integer or boolean array, or the TypeError Brian2 raises."""
    array = None
    if item is not None:
        try:
            array = np.asarray(item)
        except (TypeError, ValueError):  # ragged lists and the like
            array = None
        if array is not None and array.size == 0:  # [] selects nothing, whatever
            array = array.astype(np.intp)         # dtype NumPy guessed
    if array is None or not (array.dtype == bool or np.issubdtype(array.dtype, np.integer)):
        raise ElementIndexTypeError(
            f"an element index must be an integer, a slice or an array of integers or "
            f"booleans, not {type(item).__name__} {item!r}"[:200],
            hint="write G.v[:] for all elements, G.v[2:5], G.v[[0, 3]] or G.v['v > 0*mV']")
    if array.ndim > 1:
        raise ElementIndexError(f"an element index has one dimension, got {array.ndim}",
                                hint="index with a 1-D array")
    return array
