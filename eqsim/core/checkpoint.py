"""The checkpoint file format: stored network states that cannot run code when read.

A checkpoint is an uncompressed ``.npz`` archive (``numpy.savez``) read back with
``numpy.load(allow_pickle=False)``. It holds one JSON header (a UTF-8 ``uint8`` array),
the SHA-256 digest of that header, and plain numeric arrays ``a0``, ``a1``, ...::

    {"format": "eqsim-checkpoint", "version": 2, "eqsim_version": "0.1.0",
     "arrays": {"a0": {"dtype": "float64", "shape": [4000], "sha256": "..."}, ...},
     "states": {"<store name>": {"t": 0.05, "clocks": {...}, "random": {...},
                                 "objects": {"<object name>": {...}}}}}

Inside a state, a value is a JSON scalar, list or object, or ``{"$array": "a0"}`` for a
numeric array. Nothing else can be written, so nothing else can be read: no pickles,
no object arrays, no class names. This module knows the file, not the network; whether
a state fits a network is checked by :mod:`eqsim.core.network_state`.
"""
import hashlib
import json
import math
import os
import tempfile
import zipfile

import numpy as np

from ..errors import CheckpointError, CheckpointVersionError

FORMAT = "eqsim-checkpoint"
#: version 2 (issue 9): states in global order, any number of processes
#: (:mod:`eqsim.distributed.checkpoint_layout`); version 1: in the order objects stored
#: them, readable into a network on one process
VERSION = 2
READABLE = (1, 2)
HEADER = "checkpoint"
DIGEST = "checkpoint_sha256"
#: dtypes a checkpoint may hold (native byte order): numbers and booleans only
DTYPES = frozenset(["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                    "uint64", "float32", "float64"])
_ARRAY_TAG = "$array"
_NPY_HEADER_MAX = 1 << 16  # an .npy member's own header is far smaller than this


def write_checkpoint(filename, name, state):
    """Store ``state`` under ``name`` in ``filename``, keeping its other stored states.

    The existing file is read (and checked) first, so a damaged or foreign file is an
    error, never overwritten; the new file replaces the old one atomically.
    """
    version, states = read_checkpoint_file(filename) if os.path.exists(filename) else \
        (VERSION, {})
    if version != VERSION and set(states) - {name}:
        raise CheckpointVersionError(
            f"the checkpoint '{filename}' holds states of format version {version}, which a "
            f"version {VERSION} file cannot keep",
            hint="store into a new file (the old one still restores on one process)")
    states[name] = state
    members = _encode(states)
    folder = os.path.dirname(os.path.abspath(filename))
    handle, temporary = tempfile.mkstemp(prefix=".eqsim-checkpoint-", dir=folder)
    try:
        os.chmod(temporary, _file_mode(filename))  # mkstemp's 0600, not what open() gives
        with os.fdopen(handle, "wb") as f:
            np.savez(f, **members)  # a file object: numpy adds no '.npz' to the name
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, filename)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def _file_mode(filename):
    """The permissions of the file replaced, or those a new file gets (umask)."""
    if os.path.exists(filename):
        return os.stat(filename).st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def read_checkpoint(filename):
    """Every state stored in ``filename``, as ``{name: state}`` (arrays as NumPy arrays).

    Raises
    ------
    CheckpointError
        As :func:`read_checkpoint_file`.
    """
    return read_checkpoint_file(filename)[1]


def read_checkpoint_file(filename):
    """``(format version, {name: state})`` of ``filename``.

    Raises
    ------
    CheckpointError
        The file is not a checkpoint (a pickle is named as such and never loaded), is
        damaged or truncated, or has a format version this eqsim cannot read.
    """
    _check_magic(filename)
    try:
        with zipfile.ZipFile(filename) as archive, np.load(filename, allow_pickle=False) as npz:
            infos = {info.filename: info for info in archive.infolist()}
            header = _read_header(filename, npz, infos)
            arrays = {key: _read_array(filename, npz, infos, key, meta)
                      for key, meta in header["arrays"].items()}
        unused = set(arrays)
        states = {name: _decode(filename, state, arrays, unused)
                  for name, state in header["states"].items()}
        version = header["version"]
    except CheckpointError:
        raise
    except Exception as e:  # zipfile and numpy's .npy parsing fail in many ways on bad bytes
        raise _damaged(filename, f"{type(e).__name__}: {e}") from None
    if unused:
        raise _damaged(filename, f"arrays {sorted(unused)} belong to no state")
    return version, states


# --- writing ------------------------------------------------------------------------------
def _encode(states):
    arrays, meta = {}, {}

    def encode(value):
        if isinstance(value, dict):
            if any(not isinstance(k, str) or k.startswith("$") for k in value):
                raise TypeError(f"a stored state has a key that cannot be written: {list(value)}")
            return {k: encode(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [encode(v) for v in value]
        if isinstance(value, np.ndarray):
            array = np.ascontiguousarray(value)
            if array.dtype.name not in DTYPES:
                raise TypeError(f"a stored state holds an array of dtype {array.dtype}")
            key = f"a{len(arrays)}"
            arrays[key] = array
            meta[key] = {"dtype": array.dtype.name, "shape": list(array.shape),
                         "sha256": hashlib.sha256(array.tobytes()).hexdigest()}
            return {_ARRAY_TAG: key}
        if isinstance(value, np.generic):
            value = value.item()
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        raise TypeError(f"a stored state holds a {type(value).__name__}, which a checkpoint "
                        f"cannot hold")

    from .. import __version__
    encoded = {name: encode(state) for name, state in states.items()}
    header = json.dumps({"format": FORMAT, "version": VERSION, "eqsim_version": __version__,
                         "arrays": meta, "states": encoded}).encode("utf-8")
    return {HEADER: np.frombuffer(header, dtype=np.uint8),
            DIGEST: np.frombuffer(hashlib.sha256(header).digest(), dtype=np.uint8), **arrays}


# --- reading ------------------------------------------------------------------------------
def _damaged(filename, detail):
    return CheckpointError(f"the checkpoint '{filename}' is damaged or truncated ({detail})",
                           hint="store the state again; a damaged checkpoint cannot be repaired")


def _check_magic(filename):
    try:
        with open(filename, "rb") as f:
            start = f.read(4)
            f.seek(max(0, os.fstat(f.fileno()).st_size - 1))
            end = f.read(1)
    except FileNotFoundError:
        raise CheckpointError(f"no checkpoint file '{filename}'") from None
    except OSError as e:
        raise CheckpointError(f"cannot read the checkpoint '{filename}': {e}") from None
    if start == b"PK\x03\x04":
        return
    # protocol 2+ starts with PROTO; older ones with a MARK, GLOBAL, ... and end with STOP
    if start[:1] == b"\x80" or (start[:1] and start[:1] in b"(c]}ldISVNF" and end == b"."):
        raise CheckpointError(
            f"'{filename}' is a pickle, not an eqsim checkpoint; it was not loaded, because "
            f"loading a pickle can run any code",
            hint="checkpoints written by older eqsim versions were pickles: store the state "
                 "again with this version (only from a trusted source)")
    raise CheckpointError(f"'{filename}' is not an eqsim checkpoint",
                          hint="give a file written by Network.store(filename=...)")


def _read_header(filename, npz, infos):
    expected = {HEADER + ".npy", DIGEST + ".npy"}
    if not expected <= set(infos):
        raise CheckpointError(f"'{filename}' is an .npz archive but not an eqsim checkpoint",
                              hint="give a file written by Network.store(filename=...)")
    for info in infos.values():
        if info.compress_type != zipfile.ZIP_STORED:
            raise _damaged(filename, f"member '{info.filename}' is compressed")
    raw = _plain(npz[HEADER], np.uint8, filename, HEADER)
    digest = _plain(npz[DIGEST], np.uint8, filename, DIGEST)
    if hashlib.sha256(raw.tobytes()).digest() != digest.tobytes():
        raise _damaged(filename, "the header does not match its checksum")
    try:
        header = json.loads(raw.tobytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise _damaged(filename, f"header: {type(e).__name__}") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise CheckpointError(f"'{filename}' is not an eqsim checkpoint")
    version = header.get("version")
    if version not in READABLE or isinstance(version, bool):
        raise CheckpointError(
            f"the checkpoint '{filename}' has format version {version!r}; this eqsim "
            f"reads versions {', '.join(map(str, READABLE))}",
            hint=f"it was written by eqsim {header.get('eqsim_version')!r}: restore it with "
                 f"that version")
    if not isinstance(header.get("arrays"), dict) or not isinstance(header.get("states"), dict):
        raise _damaged(filename, "the header lacks 'arrays' or 'states'")
    members = {key[:-4] for key in infos if key.endswith(".npy")} - {HEADER, DIGEST}
    if members != set(header["arrays"]) or len(infos) != len(members) + 2:
        raise _damaged(filename, "its arrays are not the ones its header lists")
    return header


def _plain(array, dtype, filename, key, shape=None):
    if not isinstance(array, np.ndarray) or array.dtype != dtype or \
            (shape is not None and array.shape != shape) or (shape is None and array.ndim != 1):
        raise _damaged(filename, f"member '{key}' has an unexpected type or shape")
    return array


def _read_array(filename, npz, infos, key, meta):
    if not isinstance(meta, dict) or meta.get("dtype") not in DTYPES or \
            not isinstance(meta.get("shape"), list) or not isinstance(meta.get("sha256"), str) \
            or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0
                       for n in meta["shape"]):
        raise _damaged(filename, f"the header's entry for array '{key}' is malformed")
    dtype, shape = np.dtype(meta["dtype"]), tuple(meta["shape"])
    nbytes = math.prod(shape) * dtype.itemsize
    size = infos[key + ".npy"].file_size
    if not nbytes <= size <= nbytes + _NPY_HEADER_MAX:  # before numpy allocates anything
        raise _damaged(filename, f"array '{key}' has {size} bytes, its header says {nbytes}")
    array = _plain(npz[key], dtype, filename, key, shape=shape)
    if hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest() != meta["sha256"]:
        raise _damaged(filename, f"array '{key}' does not match its checksum")
    return array


def _decode(filename, value, arrays, unused):
    if isinstance(value, list):
        return [_decode(filename, v, arrays, unused) for v in value]
    if isinstance(value, dict):
        if _ARRAY_TAG in value:
            key = value[_ARRAY_TAG]
            if len(value) != 1 or not isinstance(key, str) or key not in arrays:
                raise _damaged(filename, f"a reference to a missing array: {value!r}")
            unused.discard(key)
            return arrays[key].copy()
        return {k: _decode(filename, v, arrays, unused) for k, v in value.items()}
    return value
