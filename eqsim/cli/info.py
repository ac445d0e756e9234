"""``python -m eqsim info``: what eqsim will use on this machine, for bug reports and set-up."""
import importlib.util
import os
import platform
import subprocess
import sys
import tempfile

from ..core.memory import format_bytes
from .cache_command import folder_size

VECTOR_FEATURES = ("sse2", "sse4_2", "avx", "avx2", "fma", "avx512f", "neon", "asimd", "sve")


def cpu_vector_features():
    """The SIMD features the CPU reports (from /proc/cpuinfo where there is one)."""
    try:
        with open("/proc/cpuinfo") as handle:
            text = handle.read()
    except OSError:
        return []
    for line in text.splitlines():
        if line.startswith(("flags", "Features")):
            present = set(line.split(":", 1)[1].split())
            return [name for name in VECTOR_FEATURES if name in present]
    return []


def compiler_version(compiler):
    try:
        result = subprocess.run([compiler, "--version"], capture_output=True, text=True,
                                timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.splitlines()[0] if result.returncode == 0 and result.stdout else None


def openmp_works(compiler):
    """Whether ``compiler -fopenmp`` builds and links a program (threads need it)."""
    source = "#include <omp.h>\nint main(void) { return omp_get_max_threads() > 0 ? 0 : 1; }\n"
    with tempfile.TemporaryDirectory(prefix="eqsim-info-") as folder:
        path = os.path.join(folder, "omp.c")
        with open(path, "w") as handle:
            handle.write(source)
        try:
            result = subprocess.run([compiler, "-fopenmp", path, "-o", os.path.join(folder, "omp")],
                                    capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return False
        return result.returncode == 0


def mpi_status():
    """mpi4py's presence without importing MPI (importing it may start an MPI runtime)."""
    if importlib.util.find_spec("mpi4py") is None:
        return "not installed (pip install 'eqsim[mpi]' for runs across processes)"
    import mpi4py
    return f"mpi4py {mpi4py.__version__} installed"


def facts(compile_check=True):
    """(label, value) pairs describing eqsim on this machine."""
    from .. import __version__, prefs
    from ..cache_folder import cache_dir
    from ..codegen.compiler import BASE_FLAGS, COMPILER
    import numpy
    version = compiler_version(COMPILER)
    rows = [
        ("eqsim", __version__),
        ("python", f"{platform.python_version()} ({sys.executable})"),
        ("numpy", numpy.__version__),
        ("platform", f"{platform.system()} {platform.machine()}"),
        ("CPUs", str(os.cpu_count())),
        ("CPU vector features", " ".join(cpu_vector_features()) or "unknown"),
        ("compiler", version or f"{COMPILER} NOT FOUND: the compiled target needs it "
                                f"(use prefs.codegen.target = 'numpy' meanwhile)"),
        ("compile flags", " ".join(BASE_FLAGS)),
    ]
    if compile_check and version:
        rows.append(("OpenMP", "works (-fopenmp)" if openmp_works(COMPILER)
                     else "not available: runs use one thread"))
    rows += [
        ("default target", prefs.codegen.target),
        ("threads", str(prefs.codegen.cython.num_threads)),
        ("MPI", mpi_status()),
    ]
    folder = cache_dir()
    size, files = folder_size(folder)
    rows.append(("cache folder", f"{folder} ({format_bytes(size)} in {files} files)"))
    return rows


def print_info(compile_check=True):
    rows = facts(compile_check)
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
