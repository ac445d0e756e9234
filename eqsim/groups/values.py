"""Values given from Python for a group's variable (``G.v = ...``, ``G.v[k] = ...``) and
where they are stored (a ``(linked)`` variable stores in another group's array)."""
import numpy as np

from ..errors import ValueTypeError
from ..ir.variables import LinkedVariable


def storage_of(var):
    """The ArrayVariable holding ``var``'s values."""
    return var.storage() if isinstance(var, LinkedVariable) else var


def storage_indices(var, indices):
    """Indices into ``storage_of(var).array`` of the owner's elements ``indices``."""
    return var.map_indices(indices) if isinstance(var, LinkedVariable) else indices


def element_values(var, indices):
    """Values of ``var`` at the owner's elements ``indices`` (a copy)."""
    storage = storage_of(var)
    if storage.shared:
        return np.full(np.shape(indices), storage.array[0])
    return storage.array[storage_indices(var, indices)]


def plain_sequence(value, name, obj):
    """``value`` with a Python ``range`` made an array, as NumPy (and Brian2) read it:
    ``G.k = range(N)``. Other values are returned as given."""
    if isinstance(value, range):
        return np.asarray(value)
    return value


def as_values(value, boolean, name, obj):
    """``value`` (numbers, a sequence of numbers or quantities) as a float (or bool)
    array, or a clear error for anything that is not numbers."""
    try:
        if np.asarray(value).dtype == object:  # None would become NaN
            raise TypeError
        return np.asarray(value, dtype=bool if boolean else float)
    except (TypeError, ValueError):
        raise ValueTypeError(f"cannot set '{name}' of '{obj}' to {value!r:.60}: the values are "
                             "not numbers", obj=obj,
                             hint="give a number, a quantity, or a flat sequence of them "
                                  "(one per element)") from None

