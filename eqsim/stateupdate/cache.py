"""Integration results kept between builds and between processes.

Deriving an exact update (a symbolic matrix exponential, then simplification) takes
seconds for a coupled system; the same equations give the same statements, so they are
derived once: kept in memory for this process, and pickled into the compiled-code cache
folder for the next one. That folder already holds shared libraries eqsim loads and runs,
so reading a pickle from it adds no new trust. Each entry starts with a header line
holding its key and the SHA-256 of the pickle after it, checked before unpickling: a
missing, stale, damaged or misplaced entry is simply derived again.
"""
import hashlib
import json
import logging
import os
import pickle
import tempfile
import time

import sympy

from ..cache_folder import cache_dir
from ..errors import EqsimError

logger = logging.getLogger(__name__)

FORMAT = 5  # bump when the statements' structure, the file layout or a method's choice changes
LEFTOVER_AGE = 10 * 60  # s; a temporary file this old belongs to a killed process
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
        path = _path(digest)
        with open(path, "rb") as handle:
            header, _, payload = handle.read().partition(b"\n")
    except Exception:  # noqa: BLE001 - missing, unreadable, no usable cache folder: derived again
        return None
    try:
        header = json.loads(header)
        intact = (header["format"] == FORMAT and header["key"] == digest
                  and header["sha256"] == hashlib.sha256(payload).hexdigest())
        value = pickle.loads(payload) if intact else None
    except Exception:  # noqa: BLE001 - any damage (truncated, other Python) is re-derived
        value = None
    if value is None:
        logger.warning("integration cache entry %s is damaged or misplaced: deriving it again",
                       path)
        return None
    _memory[digest] = value
    return value


def store(digest, value):
    _memory[digest] = value
    try:
        path = _path(digest)
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        _remove_leftovers(folder)
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        header = json.dumps(dict(format=FORMAT, key=digest,
                                 sha256=hashlib.sha256(payload).hexdigest()))
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(header.encode() + b"\n" + payload)
        os.replace(temporary, path)  # readers never see half a file
    except (OSError, EqsimError) as error:  # a read-only cache only costs the derivation next time
        logger.debug("could not keep integration result %s: %s", digest, error)


def _remove_leftovers(folder):
    """Delete temporary files of processes killed while storing (writing one takes ms)."""
    now = time.time()
    for entry in os.listdir(folder):
        if entry.endswith(".tmp"):
            path = os.path.join(folder, entry)
            try:
                if now - os.stat(path).st_mtime > LEFTOVER_AGE:
                    os.remove(path)
            except OSError:
                pass
