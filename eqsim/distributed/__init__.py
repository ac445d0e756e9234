"""Running one network on several processes with MPI (``mpiexec -n K python script.py``).

Layer modules, one job each:

* :mod:`~eqsim.distributed.detect`: was this process started by an MPI launcher (environment
  only, no MPI import);
* :mod:`~eqsim.distributed.launch`: the ``mpiexec`` that matches this Python's mpi4py;
* :mod:`~eqsim.distributed.communicator`: the collectives a run needs, and K = 1 without MPI;
* :mod:`~eqsim.distributed.mpi_communicator`: the same collectives on mpi4py;
* :mod:`~eqsim.distributed.spike_packing`: the wire format of a spike exchange;
* :mod:`~eqsim.distributed.failure`: one failing process ends all of them, never a hang;
* :mod:`~eqsim.distributed.recorded`: monitor data gathered at the end of a run, so that
  reading it on one process does not wait for the others;
* :mod:`~eqsim.distributed.process_world`: this process's communicator, chosen once;
* :mod:`~eqsim.distributed.spike_exchange`: the step of a run that gives every process
  the whole network's spikes (one collective per communication interval, inside the
  compiled step loop);
* :mod:`~eqsim.distributed.monitor_gather`: monitors made the whole network's after a run;
* :mod:`~eqsim.distributed.state_reads`: ``G.v[:]``, ``S.w[:]`` of a split network;
* :mod:`~eqsim.distributed.recording_files`: monitors recorded to per-process files, joined;
* :mod:`~eqsim.distributed.unsupported`: what K > 1 refuses (EQ837).

The simulation context (:mod:`eqsim.core.context`) holds the communicator; groups are
built as this process's slice (:mod:`eqsim.groups.partition`).
"""
from .detect import started_under_mpiexec
from .launch import find_mpiexec, mpiexec_command
from .process_world import num_processes, rank, world
from .recording_files import load_recording

__all__ = ["find_mpiexec", "load_recording", "mpiexec_command", "num_processes", "rank",
           "started_under_mpiexec", "world"]
