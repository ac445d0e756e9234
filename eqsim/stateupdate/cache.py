"""Integration results kept between builds and between processes.

Deriving an exact update (a symbolic matrix exponential, then simplification) takes
seconds for a coupled system; the same equations give the same statements, so they are
derived once: kept in memory for this process, and pickled into the compiled-code cache
folder for the next one. That folder already holds shared libraries eqsim loads and runs,
so reading a pickle from it adds no new trust. A missing, stale or unreadable entry is
simply derived again.
"""
import hashlib
import logging
import os
import pickle
import tempfile

import sympy

from ..cache_folder import cache_dir

logger = logging.getLogger(__name__)

FORMAT = 1  # bump when the statements' structure changes
_memory = {}


def key(equations, method):
    """Text identifying ``(equations, method)``: every symbol's name and assumptions."""
    parts = [f"format {FORMAT}", f"sympy {sympy.__version__}", f"method {method}"]
    parts += [f"{name} = {sympy.srepr(expr)}" for name, expr in sorted(equations.items())]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _path(digest):
    return os.path.join(cache_dir(), "stateupdate", digest + ".pickle")


def load(digest):
    """``(statements, method)`` stored under ``digest``, or None."""
    if digest in _memory:
        return _memory[digest]
    try:
        with open(_path(digest), "rb") as handle:
            value = pickle.load(handle)
    except Exception:  # noqa: BLE001 - any unreadable entry (truncated, other Python) is re-derived
        return None
    _memory[digest] = value
    return value


def store(digest, value):
    _memory[digest] = value
    path = _path(digest)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)  # readers never see half a file
    except OSError as error:  # a read-only cache only costs the derivation next time
        logger.debug("could not keep integration result %s: %s", digest, error)
