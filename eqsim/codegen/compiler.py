"""Compile Cython source text into an imported extension module, cached on disk.

The cold-build budget is a few seconds per network, so the build skips
setuptools: Cython translates the source in-process, then one ``gcc`` call
compiles and links the C file. Modules are cached under a content hash of
everything that can change the binary (source, included headers, flags,
Cython/NumPy/Python versions, compiler version and the CPU ``-march=native``
resolves to), so a warm load is a plain import of a ``.so``.

Concurrent builds of the same module (several processes, MPI ranks) are safe:
a per-module ``flock`` lets one process build while the others wait, and a
build happens in a private directory and is moved into place with
``os.replace``, so a half-written ``.so`` is never visible. A cached library is
loaded only when it matches the hash recorded at build time (``cache_entries``).
"""
import contextlib
import functools
import hashlib
import importlib.machinery
import importlib.util
import io
import json
import logging
import os
import platform
import shutil
import subprocess
import sys
import sysconfig
import threading
import time

from . import cache_entries, toolchain_answers
from ..cache_folder import cache_dir
from ..errors import CompilationError

__all__ = ["load_module", "cache_dir", "clear_cache"]

logger = logging.getLogger(__name__)

COMPILER = "gcc"
# -ffast-math minus -ffinite-math-only (isnan must keep working), spelled out:
# with -ffast-math or -funsafe-math-optimizations on the link line, gcc < 13
# links crtfastmath.o into the shared object, whose constructor sets
# flush-to-zero for the whole Python process when the module is imported.
# Also minus -fassociative-math and with -ffp-contract=off: reassociation and FMA
# contraction came out differently in a loop's vector body and its scalar tail (the last
# elements of a range), and in two kernels of the same statement (stored and procedural
# synapses), so an element's bits depended on where a loop's range ended: a group split
# among processes lost the one-process numbers (on AVX-512 it did; AVX2's tails had
# hidden it). Without them, the same statement gives the same bits in every lane; the
# benchmarks' run times did not change (old and new trees in turns,
# `python benchmarks/run.py --quick --no-brian2 --only coba,cuba,brunel,tian,coba_x16`).
FLOAT_FLAGS = (
    "-fno-math-errno", "-fno-trapping-math", "-fno-signed-zeros",
    "-freciprocal-math", "-fcx-limited-range", "-ffp-contract=off",
    "-fno-finite-math-only",
)
BASE_FLAGS = (
    "-shared", "-fPIC", "-O3", "-march=native", *FLOAT_FLAGS, "-fopenmp-simd",
    "-w", "-DNPY_NO_DEPRECATED_API=NPY_1_7_API_VERSION",
)
# Used where gcc knows them (probed once): no vectorised epilogue loops. Kernels loop over
# blocks of 256 elements, a multiple of every vector length, so an epilogue only ever runs on
# the last block's few elements; the epilogues were ~15 % of a library's machine code and
# of gcc's time (einet: 0.83-1.07 -> 0.66-0.94 s), with the same run times and spikes.
# Measured again 2026-12-04: the scalar tail costs cuba's fused neuron update (4,000
# neurons: its last 32 one at a time where a loop reads a byte per neuron) ~4 % of the step
# while that loop also stored not_refractory, 1-2 % (within the noise) since refractoriness
# is kept from spike to spike (codegen/refractory_release.py); the epilogues added 20-60 ms
# of gcc to the larger part of brunel's 2-thread library, whose cold build is ~0.8 s.
OPTIONAL_FLAGS = (("--param", "vect-epilogues-nomask=0"),)
# Python's headers (and so Cython's output) need it; generated network libraries do
# not, and with strict aliasing gcc keeps their array pointers in registers across
# the stores of a synaptic loop instead of reloading them for every synapse.
CYTHON_FLAGS = ("-fno-strict-aliasing",)
# Files in include directories whose contents go into the cache key.
HEADER_SUFFIXES = (".h", ".pxd", ".pxi")
ERROR_LINES = 40

_loaded = {}
_thread_lock = threading.Lock()


def clear_cache():
    """Delete every cached module, build leftover and kept failing source.

    Modules already imported in this process stay usable (Python cannot
    unload extension modules); the next ``load_module`` of the same source
    rebuilds.
    """
    path = cache_dir()
    for entry in os.listdir(path):
        full = os.path.join(path, entry)
        if os.path.isdir(full) and not os.path.islink(full):
            shutil.rmtree(full, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                os.remove(full)
    _loaded.clear()


def _run(command):
    return subprocess.run(command, capture_output=True, text=True, check=False)


@functools.lru_cache(maxsize=None)
def _toolchain_signature(cython=True):
    """Everything outside the source that changes the binary, once per process; Cython's
    version only for modules Cython translates (importing Cython for a plain C network
    library took 4-8 ms of a first run() whose glue was installed)."""
    import numpy

    answers = _gcc_answers()
    translator = []
    if cython:
        import Cython
        translator = [f"cython {Cython.__version__}"]
    return "\n".join(translator + [
        f"numpy {numpy.__version__}",
        f"python {sys.version}", f"abi {sys.implementation.cache_tag} {_extension_suffix()}",
        f"machine {platform.machine()}", f"gcc {answers['version']}", answers["target"],
        f"mvec {answers['libmvec']}",
        "flags " + " ".join(BASE_FLAGS + tuple(answers["optional_flags"]) + CYTHON_FLAGS),
    ])


@functools.lru_cache(maxsize=None)
def _optional_flags():
    """The flags of :data:`OPTIONAL_FLAGS` this gcc accepts."""
    return tuple(_gcc_answers()["optional_flags"])


@functools.lru_cache(maxsize=None)
def _has_libmvec():
    return _gcc_answers()["libmvec"]


def _gcc_answers():
    """gcc's answers about itself (:func:`_ask_gcc`), from the cache folder when this
    machine's gcc gave them before (toolchain_answers)."""
    key = toolchain_answers.identity(COMPILER, ("json 1", BASE_FLAGS, OPTIONAL_FLAGS,
                                                CYTHON_FLAGS))
    try:
        return json.loads(toolchain_answers.remembered(cache_dir(), key, _ask_gcc))
    except ValueError:  # a damaged file: ask again
        return json.loads(_ask_gcc())


def _ask_gcc():
    """gcc's version, the target options ``-march=native`` resolves to on this CPU
    (``gcc -march=native -Q --help=target`` lists every one), whether it links libmvec and
    which of :data:`OPTIONAL_FLAGS` it accepts, as JSON text."""
    try:
        version = _run([COMPILER, "-dumpfullversion", "-dumpversion"])
        target = _run([COMPILER, "-march=native", "-Q", "--help=target"])
        # gcc echoes the bare name back when the library is not on its search path
        mvec = _run([COMPILER, "-print-file-name=libmvec.so"]).stdout.strip()
        accepted = [flag for flags in OPTIONAL_FLAGS
                    if _run([COMPILER, *flags, "-E", "-x", "c", os.devnull]).returncode == 0
                    for flag in flags]
    except OSError:
        version = target = None
    if version is None or version.returncode != 0 or target.returncode != 0:
        raise CompilationError(
            f"the C compiler '{COMPILER}' does not run",
            hint="install gcc, or use the numpy target (prefs.codegen.target = 'numpy')")
    return json.dumps({
        "version": version.stdout.strip(), "target": target.stdout,
        "libmvec": os.path.isabs(mvec) and os.path.exists(mvec), "optional_flags": accepted})


def _extension_suffix():
    return importlib.machinery.EXTENSION_SUFFIXES[0]


@functools.lru_cache(maxsize=None)
def _python_include_dirs():
    import numpy
    return (sysconfig.get_paths()["include"], numpy.get_include())


def _header_digest(include_dirs):
    stamps = tuple((folder, _header_stamps(folder)) for folder in include_dirs)
    found = _header_digests.get(stamps)
    if found is None:
        found = _header_digests[stamps] = _read_header_digest(include_dirs)
    return found


#: header digests by the headers' names, sizes and modification times: every run()
#: builds its network's cache key, and reading every header took ~0.4 ms of it
_header_digests = {}


def _header_stamps(folder):
    if not os.path.isdir(folder):
        return None
    stamps = []
    for entry in sorted(os.listdir(folder)):
        if entry.endswith(HEADER_SUFFIXES):
            st = os.stat(os.path.join(folder, entry))
            stamps.append((entry, st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(stamps)


def _read_header_digest(include_dirs):
    digest = hashlib.sha256()
    for folder in include_dirs:
        digest.update(os.path.abspath(folder).encode() + b"\0")
        if not os.path.isdir(folder):
            continue
        for entry in sorted(os.listdir(folder)):
            if entry.endswith(HEADER_SUFFIXES):
                digest.update(entry.encode() + b"\0")
                with open(os.path.join(folder, entry), "rb") as handle:
                    digest.update(handle.read() + b"\0")
    return digest.hexdigest()


def _module_name(source, name_hint, include_dirs, compile_args, language_level):
    if not name_hint.isidentifier():
        raise ValueError(f"name_hint must be a Python identifier, not {name_hint!r}")
    return _hashed_name(source, name_hint, _header_digest(include_dirs), "\0".join(compile_args),
                        str(language_level))


@functools.lru_cache(maxsize=64)
def _hashed_name(source, name_hint, header_digest, compile_args, language_level):
    """The cache name of these inputs: a network run again asks it at every run() (the
    source, 50-150 kB, is the same string object then, whose hash Python keeps)."""
    digest = hashlib.sha256()
    for part in (source, header_digest, compile_args, language_level,
                 _toolchain_signature(cython=language_level != "c")):
        digest.update(part.encode("utf-8") + b"\0\1")
    return f"{name_hint}_{digest.hexdigest()[:16]}"


def _import_extension(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules[name] = module
    return module


def load_module(source, *, name_hint="eqsim_module", include_dirs=(), extra_compile_args=(),
                language_level=3):
    """Compile Cython source text into a module, or load it from the cache.

    Parameters
    ----------
    source : str
        Cython (``.pyx``) source.
    name_hint : str, optional
        Prefix of the module name; the name is ``<name_hint>_<16 hex digits of
        the cache key>``.
    include_dirs : sequence of str, optional
        Folders searched for ``cdef extern from`` headers and ``cimport``-ed
        ``.pxd`` files. Their ``.h``/``.pxd``/``.pxi`` files are part of the
        cache key.
    extra_compile_args : sequence of str, optional
        Appended to the gcc command line.
    language_level : int, optional
        Cython language level.

    Returns
    -------
    types.ModuleType

    Raises
    ------
    CompilationError
        If Cython or gcc rejects the source; the message holds the first
        lines of the compiler output and the path of the kept source.
    CacheFolderError
        If the cache folder cannot be created or written.
    """
    include_dirs = tuple(os.path.abspath(str(d)) for d in include_dirs)
    compile_args = tuple(str(a) for a in extra_compile_args)
    name = _module_name(source, name_hint, include_dirs, compile_args, language_level)
    if name in _loaded:
        return _loaded[name]
    with _thread_lock:  # Cython's compiler keeps global state: one build at a time
        if name in _loaded:
            return _loaded[name]
        folder = cache_dir()
        path = os.path.join(folder, name + _extension_suffix())
        start = time.perf_counter()
        module = cache_entries.load_verified(
            folder, name, path, source,
            lambda build_dir: _build(source, name, folder, build_dir, include_dirs,
                                     compile_args, language_level),
            lambda library: _import_extension(name, library))
        logger.debug("loaded %s in %.1f ms", name, 1e3 * (time.perf_counter() - start))
        _loaded[name] = module
    return module


def build_library(source, *, name_hint="eqsim_lib", include_dirs=(), extra_compile_args=(),
                  parts=1, load=None):
    """Compile plain C source into a shared library, or find it in the cache.

    Network kernels are plain C: gcc alone builds them in a fraction of a second,
    and the hand-written Cython glue (``eqsim.runtime.network_glue``) loads them.
    Same cache, key, locking and verification as :func:`load_module`.

    Parameters
    ----------
    parts : int, optional
        Compile the source as this many parts at once (``-DEQSIM_PART=k``), then link
        them: the source must define each symbol in one part (network.c.j2 does).
    load : callable, optional
        ``load(path)`` opens the library; an ``OSError`` or ``ImportError`` from it
        (a library that does not export what it should) discards the cached library
        and rebuilds it once.

    Returns
    -------
    str or object
        Path of the shared library, or what ``load`` returned for it.
    """
    include_dirs = tuple(os.path.abspath(str(d)) for d in include_dirs)
    compile_args = tuple(str(a) for a in extra_compile_args)
    name = _module_name(source, name_hint, include_dirs, compile_args, "c")
    folder = cache_dir()
    path = os.path.join(folder, name + ".so")

    def compile_into(build_dir):
        c_file = os.path.join(build_dir, name + ".c")
        with open(c_file, "w", encoding="utf-8") as handle:
            handle.write(source)
        built = os.path.join(build_dir, name + ".so")
        start = time.perf_counter()
        _gcc(c_file, built, c_file, name, folder, include_dirs, compile_args, (), parts)
        # the source stays next to the library: it is what a user reads when asking
        # what a network compiled to
        os.replace(c_file, os.path.join(folder, name + ".c"))
        logger.debug("built %s: gcc %.2f s", name, time.perf_counter() - start)
        return built

    return cache_entries.load_verified(folder, name, path, source, compile_into,
                                       load or (lambda library: library),
                                       opens=load is not None)


def _build(source, name, folder, build_dir, include_dirs, compile_args, language_level):
    pyx = os.path.join(build_dir, name + ".pyx")
    with open(pyx, "w", encoding="utf-8") as handle:
        handle.write(source)
    start = time.perf_counter()
    c_file = _cythonize(pyx, name, folder, include_dirs, language_level)
    translated = time.perf_counter()
    built = os.path.join(build_dir, name + _extension_suffix())
    _gcc(c_file, built, pyx, name, folder, include_dirs, compile_args, CYTHON_FLAGS)
    logger.debug("built %s: cython %.2f s, gcc %.2f s", name, translated - start,
                 time.perf_counter() - translated)
    return built


def _keep_failed(pyx, name, folder, c_file=None):
    failed_dir = os.path.join(folder, "failed")
    os.makedirs(failed_dir, exist_ok=True)
    kept = os.path.join(failed_dir, name + os.path.splitext(pyx)[1])
    shutil.copyfile(pyx, kept)
    if c_file and os.path.exists(c_file):
        shutil.copyfile(c_file, os.path.join(failed_dir, name + ".c"))
    return kept


def _first_lines(text):
    lines = text.strip().splitlines()
    if len(lines) > ERROR_LINES:
        lines = lines[:ERROR_LINES] + [f"... ({len(lines) - ERROR_LINES} more lines)"]
    return "\n".join(lines)


def _cythonize(pyx, name, folder, include_dirs, language_level):
    from Cython.Compiler import Main

    options = Main.CompilationOptions(
        Main.default_options, include_path=list(include_dirs),
        compiler_directives={"language_level": language_level},
        output_file=os.path.splitext(pyx)[0] + ".c")
    messages = io.StringIO()
    try:
        with contextlib.redirect_stderr(messages), contextlib.redirect_stdout(messages):
            result = Main.compile_single(pyx, options, full_module_name=name)
        failed = result.num_errors > 0 or not os.path.exists(result.c_file)
    except Exception as error:  # Cython raises for some fatal errors instead of counting
        messages.write(f"{type(error).__name__}: {error}\n")
        failed = True
    if failed:
        kept = _keep_failed(pyx, name, folder)
        report = messages.getvalue().replace(pyx, kept)
        raise CompilationError(
            f"Cython rejected module '{name}':\n{_first_lines(report)}",
            hint=f"the source is kept in {kept}")
    return result.c_file


def _gcc(c_file, output, pyx, name, folder, include_dirs, compile_args, language_flags,
         parts=1):
    """Compile and link ``c_file``; with ``parts`` > 1, one ``gcc -c -DEQSIM_PART=k`` per
    part at once, then one link of their objects (eqsim.codegen.library_parts)."""
    # absolute paths start with "/", so gcc never reads one as an option ("-Dx/net.c");
    # the command is a list, never a shell line, so spaces and quotes stay literal
    c_file, output = os.path.abspath(c_file), os.path.abspath(output)
    includes = [f"-I{os.path.abspath(d)}" for d in (*_python_include_dirs(), *include_dirs)]
    libraries = ["-lm"] + (["-lmvec"] if _has_libmvec() else [])
    # eqsim_support.h declares vector math only where libmvec can be linked
    mvec = ["-DEQSIM_HAS_LIBMVEC"] if _has_libmvec() else []
    flags = [COMPILER, *BASE_FLAGS, *_optional_flags(), *mvec, *language_flags, *includes,
             *compile_args]
    if parts == 1:
        results = [_run([*flags, c_file, "-o", output, *libraries])]
    else:
        objects = [f"{output}.{k}.o" for k in range(parts)]
        running = [subprocess.Popen([*flags, "-c", f"-DEQSIM_PART={k}", c_file, "-o", obj],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for k, obj in enumerate(objects)]
        results = []
        for process in running:
            out, err = process.communicate()
            results.append(subprocess.CompletedProcess(process.args, process.returncode,
                                                       out, err))
        if all(r.returncode == 0 for r in results):
            results.append(_run([*flags, *objects, "-o", output, *libraries]))
        for obj in objects:
            with contextlib.suppress(FileNotFoundError):
                os.remove(obj)
    failed = next((r for r in results if r.returncode != 0), None)
    if failed is not None or not os.path.exists(output):
        kept = _keep_failed(pyx, name, folder, c_file)
        report = "" if failed is None else failed.stderr or failed.stdout
        report = report.replace(c_file, os.path.splitext(kept)[0] + ".c")
        raise CompilationError(
            f"gcc failed on module '{name}':\n{_first_lines(report)}",
            hint=f"the source is kept in {kept} (C file beside it)")
