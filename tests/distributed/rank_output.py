"""Run a script as one MPI process with its stdout and stderr in files of its own.

``mpiexec -n K python rank_output.py FOLDER script.py [args]``: process R writes
``FOLDER/R.out`` and ``FOLDER/R.err`` (file descriptors 1 and 2, so the output of C code and
of the abort hook lands there too), whatever launcher started it (MPICH and Open MPI tag
merged output differently). Not a test: the helper in conftest.py starts it.
"""
import os
import runpy
import sys

from eqsim.distributed.detect import launcher_world

folder, script = sys.argv[1], sys.argv[2]
rank = (launcher_world() or (0, 1))[0] or 0
for descriptor, suffix in ((1, "out"), (2, "err")):
    handle = os.open(os.path.join(folder, f"{rank}.{suffix}"), os.O_WRONLY | os.O_CREAT, 0o644)
    os.dup2(handle, descriptor)
    os.close(handle)
sys.argv = [script, *sys.argv[3:]]
runpy.run_path(script, run_name="__main__")
