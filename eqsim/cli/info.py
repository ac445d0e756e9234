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


#: a program starting a thread the way a network library's team does (eqsim_team_pool.h)
THREAD_CHECK = """#include <pthread.h>
static void *work(void *arg) { *(int *)arg = 1; return 0; }
int main(void) {
    pthread_t thread; int done = 0;
    if (pthread_create(&thread, 0, work, &done) != 0) return 1;
    pthread_join(thread, 0);
    return done ? 0 : 1;
}
"""


def threads_work(compiler):
    """Whether ``compiler -pthread`` builds a program that runs a second thread (a
    network's thread team needs it)."""
    with tempfile.TemporaryDirectory(prefix="eqsim-info-") as folder:
        path, program = os.path.join(folder, "team.c"), os.path.join(folder, "team")
        with open(path, "w") as handle:
            handle.write(THREAD_CHECK)
        try:
            built = subprocess.run([compiler, "-pthread", path, "-o", program],
                                   capture_output=True, timeout=60, check=False)
            return built.returncode == 0 and subprocess.run(
                [program], capture_output=True, timeout=60, check=False).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            return False


def mpi_status():
    """mpi4py's presence without importing MPI (importing it may start an MPI runtime)."""
    if importlib.util.find_spec("mpi4py") is None:
        return "not installed (pip install 'eqsim[mpi]' for runs across processes)"
    import mpi4py
    from ..distributed.launch import find_mpiexec
    from ..errors import MPIExecNotFoundError
    try:
        launcher = f"run with {find_mpiexec()} -n K"
    except MPIExecNotFoundError as error:
        launcher = f"but {error.message}"
    return f"mpi4py {mpi4py.__version__} installed, {launcher}"


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
        rows.append(("thread team", "works (-pthread)" if threads_work(COMPILER)
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
