"""gcc's answers about itself (its version, the CPU options ``-march=native`` resolves to,
the optional flags it accepts, libmvec), kept in the cache folder per machine.

Every compiled module's cache key holds them, and asking gcc takes four subprocesses,
~45 ms: a third of a warm build (a network whose library is in the cache) in every new
Python process. They are kept in a small text file named by a digest of everything they
depend on that can be read without running gcc (:func:`identity`): the compiler binary
(resolved path, inode, size, modification time), the CPU (``/proc/cpuinfo``: vendor,
family, model, stepping, flags, cache size, the fields ``-march=native`` reads), the
environment variables gcc reads to find its programs and libraries, and the caller's own
inputs (e.g. the optional flags it probes). A new compiler or CPU gives another digest, so
a file is never read for a toolchain it does not describe; without ``/proc/cpuinfo`` (not
Linux) every process asks gcc. Python's, NumPy's and Cython's versions are not in the
file: the caller adds them to each key itself.
"""
import contextlib
import hashlib
import os
import shutil
import tempfile

#: the fields of /proc/cpuinfo that describe the CPU (the first processor's)
CPU_FIELDS = ("vendor_id", "cpu family", "model", "model name", "stepping", "flags",
              "cache size")
#: environment variables that change which programs and libraries gcc finds
GCC_ENVIRONMENT = ("COMPILER_PATH", "GCC_EXEC_PREFIX", "LIBRARY_PATH", "CPATH",
                   "C_INCLUDE_PATH", "PATH")
PREFIX = "toolchain-"


def identity(compiler, inputs, cpuinfo="/proc/cpuinfo"):
    """What gcc's answers depend on, read without running it: text, or None when the
    compiler is not found or the CPU cannot be read (the answers are then not kept)."""
    found = shutil.which(compiler)
    if found is None:
        return None
    cpu = _cpu_fields(cpuinfo)
    if cpu is None:
        return None
    parts = [compiler, repr(inputs)]
    for path in (found, os.path.realpath(found)):
        st = os.stat(path)
        parts.append(f"{path} {st.st_ino} {st.st_size} {st.st_mtime_ns}")
    parts.extend(f"{name}={os.environ.get(name, '')}" for name in GCC_ENVIRONMENT)
    parts.extend(cpu)
    return "\n".join(parts)


def _cpu_fields(cpuinfo):
    try:
        with open(cpuinfo, encoding="utf-8", errors="replace") as handle:
            first = handle.read().split("\n\n", 1)[0]
    except OSError:
        return None
    fields = {}
    for line in first.splitlines():
        key, _, value = line.partition(":")
        fields.setdefault(key.strip(), value.strip())
    if "flags" not in fields:
        return None
    return [f"{name}={fields.get(name, '')}" for name in CPU_FIELDS]


def remembered(folder, key, ask):
    """The text ``ask()`` gave for ``key`` on this machine before (from ``folder``), else
    ``ask()``'s text, kept there for the next process. ``key`` None: ``ask()``."""
    if key is None:
        return ask()
    path = os.path.join(folder, PREFIX + hashlib.sha256(key.encode()).hexdigest()[:20])
    with contextlib.suppress(OSError):
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    answer = ask()
    # written whole, then renamed: another process reads the old file or the new one
    with contextlib.suppress(OSError):
        handle, temporary = tempfile.mkstemp(prefix=".build-" + PREFIX, dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(answer)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.remove(temporary)
    return answer
