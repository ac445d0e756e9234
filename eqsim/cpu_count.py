"""How many CPUs this process may use: the runtime splits connect()'s walk and the
compiler its gcc runs by it. Its own module so that neither layer reaches into the other."""
import os


def usable_cpus():
    """CPUs this process may run on (an MPI rank bound to one core: one)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
