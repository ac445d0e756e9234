"""What makes a compiled file in the cache folder trustworthy, and what removes the rest.

Every library the cache holds has a record beside it (``<name>.json``): the SHA-256 of
the library, the module name (cache key) it was built for, and the SHA-256 of the
source it was compiled from. A library is loaded only when its record exists, names
this key and matches the file byte for byte, so a truncated file, flipped bytes or
another network's library copied under this name are found before ``dlopen`` and
rebuilt instead of crashing the process or silently computing something else.

:func:`load_verified` is the one way in: build when missing, discard and rebuild when
damaged (or when a verified library still fails to load), under a per-module lock. Builds
happen in ``.build-<name>-*`` folders; a build killed mid-way leaves its folder behind, and
:func:`sweep_leftovers` removes those that are old and whose lock nobody holds.
"""
import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time

from ..cache_folder import CacheFolderError
from ..errors import CompilationError

logger = logging.getLogger(__name__)

RECORD_FORMAT = 1
RECORD_SUFFIX = ".json"
# A build takes seconds; a leftover this old whose lock is free was killed.
LEFTOVER_AGE = 10 * 60  # s
BUILD_PREFIX = ".build-"
MISSING = "missing"


def file_digest(path):
    """SHA-256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_swept = set()  # cache folders this process already cleared of killed builds' leftovers


def record_path(folder, name):
    return os.path.join(folder, name + RECORD_SUFFIX)


def write_record(build_dir, name, library, source):
    """Write the record vouching for ``library`` (built for ``name`` from ``source``)
    into ``build_dir``; the caller moves it into place before the library."""
    record = dict(format=RECORD_FORMAT, key=name, file=os.path.basename(library),
                  sha256=file_digest(library),
                  source_sha256=hashlib.sha256(source.encode("utf-8")).hexdigest())
    path = os.path.join(build_dir, name + RECORD_SUFFIX)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(record, handle)
    return path


def problem(folder, name, library):
    """Why the cached ``library`` of ``name`` must not be loaded, or None if it may.

    Returns :data:`MISSING` when there is no library (an ordinary first build) and a
    short description of the damage otherwise.
    """
    if not os.path.exists(library):
        return MISSING
    try:
        with open(record_path(folder, name), encoding="utf-8") as handle:
            record = json.load(handle)
    except FileNotFoundError:
        return "without its hash record"
    except (OSError, ValueError):
        return "with an unreadable hash record"
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
        return "with a hash record of an unknown format"
    if record.get("key") != name or record.get("file") != os.path.basename(library):
        return "with the hash record of another module"
    try:
        actual = file_digest(library)
    except OSError as error:
        return f"unreadable ({error.strerror})"
    if actual != record.get("sha256"):
        return "damaged or replaced (its hash does not match the one recorded at build time)"
    return None


def discard(folder, name, library):
    """Remove a cached library and its record (the caller holds the module's lock)."""
    for path in (library, record_path(folder, name)):
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
        except OSError as error:
            raise CacheFolderError.for_folder(folder, error) from error


def lock_path(folder, name):
    return os.path.join(folder, "locks", name + ".lock")


@contextlib.contextmanager
def build_lock(folder, name):
    """Hold the module's build lock (blocks while another process builds it)."""
    path = lock_path(folder, name)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle = open(path, "w")
    except OSError as error:
        raise CacheFolderError.for_folder(folder, error) from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _held_if_free(folder, name):
    """Take the module's lock without waiting; yields whether it was free (False while a
    process, this one included, holds it). Held until the block ends."""
    try:
        handle = open(lock_path(folder, name), "a")
    except FileNotFoundError:  # no lock file: nobody has ever built it here
        yield True
        return
    except OSError:
        yield False
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def sweep_leftovers(folder, now=None):
    """Remove ``.build-*`` entries of killed builds: older than :data:`LEFTOVER_AGE`
    and with their module's lock free. Returns the removed paths."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = [e for e in os.listdir(folder) if e.startswith(BUILD_PREFIX)]
    except OSError:
        return removed
    for entry in entries:
        path = os.path.join(folder, entry)
        name = entry[len(BUILD_PREFIX):].rsplit("-", 1)[0]  # .build-<name>-<random>
        try:
            if now - os.lstat(path).st_mtime < LEFTOVER_AGE:
                continue
        except FileNotFoundError:
            continue
        if not name.isidentifier():
            continue
        with _held_if_free(folder, name) as free:
            if not free:
                continue
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(path)
            removed.append(path)
    if removed:
        logger.info("removed %d leftover(s) of killed builds from %s", len(removed), folder)
    return removed


#: libraries this process has loaded from the cache (paths as given to the loader)
_loaded = set()


def load_verified(folder, name, path, source, compile_into, load, *, opens=True):
    """``load(path)`` of a verified build of ``name`` (``compile_into(build_dir)`` builds
    it from ``source`` and returns the built file); a verified build that fails to load
    is discarded and rebuilt once. ``opens``: ``load`` opens the library with the
    dynamic loader (False: it only takes the path, and the file is verified every time).

    Raises
    ------
    CompilationError
        If the rebuilt library does not load either.
    CacheFolderError
        If the cache folder cannot be written.
    """
    if opens and path in _loaded:
        # the loader hands back the copy this process loaded (libraries are never
        # closed), verified then: the file is not read again, so it is not hashed again
        # either (~1 ms of every run() of a network run again)
        return load(path)
    _ensure_built(folder, name, path, source, compile_into)
    try:
        loaded = load(path)
        if opens:
            _loaded.add(path)
        return loaded
    except (OSError, ImportError) as error:
        logger.warning("cached module %s passed its hash check but does not load (%s): "
                       "rebuilding it", path, error)
        try:
            refused = file_digest(path)
        except OSError:
            refused = None
    _ensure_built(folder, name, path, source, compile_into, refused=refused or "")
    try:
        # Spelled anew: the dynamic loader returns the library it already opened under the
        # same path string (Python never closes a failed extension), not the rebuilt file.
        return load(os.path.join(folder, ".", os.path.basename(path)))
    except (OSError, ImportError) as error:
        raise CompilationError(f"module '{name}' was rebuilt but still does not load: {error}",
                               hint=f"the library is {path}; please report this") from None


def _ensure_built(folder, name, path, source, compile_into, refused=None):
    """Leave a verified build of ``name`` at ``path``: build it when missing, discard and
    rebuild it when damaged, or when it is still the library of SHA-256 ``refused``
    (one that did not load; "": whatever is there)."""
    if folder not in _swept:
        _swept.add(folder)
        sweep_leftovers(folder)
    if refused is None and problem(folder, name, path) is None:
        return  # the common, lock-free path: a verified warm load
    with build_lock(folder, name):
        # another process may have built or rebuilt it while this one waited
        fault = problem(folder, name, path)
        if fault is None and refused is not None and (
                not refused or file_digest(path) == refused):
            fault = "not loadable"
        if fault is None:
            return
        if fault != MISSING:
            logger.warning("cached module %s is %s: discarding it and rebuilding", path, fault)
            discard(folder, name, path)
        _build_into_cache(folder, name, path, source, compile_into)


def _build_into_cache(folder, name, path, source, compile_into):
    """Build in a private folder (lock held), then move the hash record and the library
    into place: a half-written library is never visible under ``path``."""
    sweep_leftovers(folder)
    try:
        build_dir = tempfile.mkdtemp(prefix=f"{BUILD_PREFIX}{name}-", dir=folder)
    except OSError as error:
        raise CacheFolderError.for_folder(folder, error) from None
    try:
        built = compile_into(build_dir)
        record = write_record(build_dir, name, built, source)
        os.replace(record, record_path(folder, name))
        os.replace(built, path)
    except OSError as error:  # a full disk, a folder turned read-only: not the compiler's fault
        raise CacheFolderError.for_folder(folder, error) from error
    finally:
        shutil.rmtree(build_dir, ignore_errors=True)
