"""Unique names for objects, as Brian2 gives them (``neurongroup``, ``neurongroup_1``)."""
import itertools
import re

from ..errors import NetworkError

_counters = {}
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


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
        elif name.endswith("*"):
            name = unique_name(name[:-1])
        elif not _NAME.match(name):
            raise NetworkError(f"'{name}' is not a valid name",
                               hint="names start with a letter and contain letters, digits and _")
        self.name = name
