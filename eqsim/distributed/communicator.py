"""What the simulator needs from the processes of a run, and the one-process implementation.

A run on K processes talks to the others only through these collectives. Every collective is
called by all processes at the same point of the program, in the same order; the serial
implementation (K = 1, no MPI imported) makes each one a copy or a no-op, so code written
against this interface runs unchanged without MPI.

A failure on one process must not leave the others waiting: the calls at safe points (spike
exchange, :meth:`Communicator.check_failures`) take this process's failure, if any, and raise
on every process when any one of them failed (see :mod:`eqsim.distributed.failure`).
"""
import numpy as np


class CompiledAllgather:
    """The collectives compiled spike exchanges call, with MPI's C signatures, as
    addresses in the MPI library the communicator runs on: ``address`` of
    ``MPI_Allgather(send, count, int32_type, recv, count, int32_type, comm)``,
    ``isend``, ``irecv`` and ``waitall`` of ``MPI_Isend``, ``MPI_Irecv`` and
    ``MPI_Waitall`` (overlapped exchanges), this process's ``rank``; the handles as
    integers, the C type that holds a handle (``int32_t`` or ``intptr_t``: MPICH's handles
    are ints, Open MPI's pointers), and
    ``capacity``: a one-element int64 array holding the slot size in int32 words (shared
    with the communicator's own exchange, so that both always send the same size).
    """

    def __init__(self, address, int32_type, comm, handle_ctype, size, capacity,
                 isend, irecv, waitall, rank):
        self.address, self.int32_type, self.comm = address, int32_type, comm
        self.handle_ctype, self.size, self.capacity = handle_ctype, size, capacity
        self.isend, self.irecv, self.waitall, self.rank = isend, irecv, waitall, rank


class Communicator:
    """The collectives of a run on ``size`` processes; this process is ``rank``.

    Attributes
    ----------
    rank : int
        This process, 0 to ``size - 1``.
    size : int
        Number of processes (K).
    """

    rank = 0
    size = 1
    stop_seen = False  # whether the last spike exchange carried a process's stop()
    stop_requested = False  # a network operation called stop(): ask at the next exchange

    def barrier(self):
        """Wait until every process has called it."""
        raise NotImplementedError

    def exchange_spikes(self, step_spikes, failure=None, stop=False):
        """The whole network's spikes of one communication interval, on every process.
        ``stop``: this process asks every process to end the run after this step; the
        exchange sets ``stop_seen`` when any process asked.

        Parameters
        ----------
        step_spikes : sequence of int arrays
            Global indices of this process's neurons that spiked, ascending, one array per step.
        failure : BaseException, optional
            What went wrong on this process since the last safe point.

        Returns
        -------
        list of numpy.ndarray of int32
            For each step, the spiking neurons of all processes in ascending index order (the
            order K = 1 gives).

        Raises
        ------
        RankFailedError
            On every other process when some process passed a ``failure``; that process gets
            its own exception back.
        """
        raise NotImplementedError

    def compiled_allgather(self):
        """What compiled code needs to run the spike exchange's collective itself, inside
        its step loop (:class:`CompiledAllgather`), or None: the exchange then runs in
        Python, returning from the loop every step."""
        return None

    def allgather_array(self, array, axis=0):
        """Every process's ``array`` joined along ``axis`` in rank order, on every process.

        The arrays must agree in dtype and in every other axis.
        """
        raise NotImplementedError

    def gather_array(self, array, root=0, axis=0):
        """Like :meth:`allgather_array`, but only on ``root``; None on the other processes."""
        raise NotImplementedError

    def broadcast(self, value, root=0):
        """``root``'s ``value`` (a number, string, array, or a structure of them) on every process."""
        raise NotImplementedError

    def check_failures(self, failure=None):
        """A safe point: return normally only when no process passed a failure.

        Raises
        ------
        BaseException
            ``failure`` itself, on the process that passed it.
        RankFailedError
            On the other processes, naming each failed rank and its message.
        """
        raise NotImplementedError

    def abort(self, code=1):
        """End every process of the run now, with exit status ``code``."""
        raise NotImplementedError


class SingleProcess(Communicator):
    """K = 1: the serial simulator; every collective is local and nothing imports MPI."""

    rank = 0
    size = 1

    def barrier(self):
        pass

    def exchange_spikes(self, step_spikes, failure=None, stop=False):
        self.check_failures(failure)
        self.stop_seen = stop
        return [np.asarray(spikes, dtype=np.int32) for spikes in step_spikes]

    def allgather_array(self, array, axis=0):
        return np.array(array, copy=True)

    def gather_array(self, array, root=0, axis=0):
        return self.allgather_array(array, axis)

    def broadcast(self, value, root=0):
        return value

    def check_failures(self, failure=None):
        if failure is not None:
            raise failure

    def abort(self, code=1):
        raise SystemExit(code)
