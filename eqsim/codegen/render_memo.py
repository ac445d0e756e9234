"""Sources rendered before in this process, found again by what they were rendered from.

A loop of ``run()`` calls renders the same network again and again (a millisecond or two
each time). The key of a render is the ``repr`` of its inputs: template contexts made of
strings, numbers, lists, dicts and the kernel's ``Access`` dataclasses, whose reprs tell
any two different values apart (``1``, ``1.0`` and ``True`` differ, strings are quoted,
floats print exactly). A repr that could hide a difference gets no key, and the inputs are
rendered as before: an object's default repr (its address, reused once it is freed), a
NumPy array's (rounded and shortened) or a shortened container's.
"""
import re
from collections import OrderedDict

#: rendered sources kept (each is tens to hundreds of kB)
KEPT_SOURCES = 16
_AMBIGUOUS = re.compile(r" at 0x[0-9a-fA-F]+>|array\(|\.\.\.")


def render_key(inputs):
    """A key equal for equal render inputs (their repr), or None if the repr could be
    equal for different inputs (then they are always rendered)."""
    key = repr(inputs)
    # substring tests first (a fraction of the regex's time on a 100 kB key); the regex
    # only confirms a default repr's address
    if (" at 0x" in key and _AMBIGUOUS.search(key)) or "array(" in key or "..." in key:
        return None
    return key


class SourceMemo:
    """The last :data:`KEPT_SOURCES` rendered sources by :func:`render_key`."""

    def __init__(self, kept=KEPT_SOURCES):
        self._kept = kept
        self._sources = OrderedDict()

    def source(self, key, render):
        """The source rendered for ``key`` before, or ``render()`` (kept under ``key``
        unless it is None)."""
        if key is None:
            return render()
        found = self._sources.get(key)
        if found is None:
            found = self._sources[key] = render()
            if len(self._sources) > self._kept:
                self._sources.popitem(last=False)
        else:
            self._sources.move_to_end(key)
        return found
