"""Unique names for objects, as Brian2 gives them (``neurongroup``, ``neurongroup_1``)."""
import itertools

from ..parsing.user_names import check_user_name

_counters = {}


def unique_name(base):
    """Next free name for ``base``: ``base``, ``base_1``, ``base_2`` ..."""
    counter = _counters.setdefault(base, itertools.count())
    n = next(counter)
    return base if n == 0 else f"{base}_{n}"


class Nameable:
    """Base of objects with a unique ``name``; ``name='x*'`` asks for ``x``, ``x_1``..."""
    _base_name = "object"

    def __init__(self, name=None):
        if name is None:
            name = unique_name(self._base_name)
        elif isinstance(name, str) and name.endswith("*"):
            name = unique_name(check_user_name(name[:-1], "object name"))
        else:
            check_user_name(name, "object name")
        self.name = name
