"""The :class:`~eqsim.distributed.communicator.Communicator` of K processes started by mpiexec.

mpi4py is imported only when this module's :func:`connect` runs, i.e. only when a launcher
started the process (:mod:`eqsim.distributed.detect`).

Spike exchange: one ``Allgather`` of fixed-size slots per communication interval
-------------------------------------------------------------------------------
Every process needs every spike (synapses onto its neurons come from anywhere), so the choice
is between the ways of sending the same buffer to all. ``benchmarks/mpi_exchange.py`` measured
them under ``mpiexec -n 2`` on the 2-core development machine (MPICH 5.0.2 wheel, shared memory)
at the size of the coba x16 network (64,000 neurons at ~15 Hz, dt = 0.1 ms: ~48 spikes per
process per step): wall time per exchange including packing and unpacking, median of 3 rounds
of 1,000 steps (in brackets: an earlier run, 5 rounds of 2,000 steps, before unpacking lost its
sort). The machine was shared and oversubscribed (load average 9-14 on 2 CPUs), so a
collective waits for the other process to be scheduled: absolute times are milliseconds where
an idle machine gives microseconds, but in every run (four) the one-collective form was the
fastest at every interval, and the two two-collective forms traded places:

    ========================  ==============  ==============  ==============
    interval (steps)                 1               5              20
    ========================  ==============  ==============  ==============
    Allgather + Allgatherv    5272 (4491) us  5976 (4781) us  6106 (4437) us
    Alltoall + Alltoallv      4996 (4441) us  5933 (4510) us  6685 (5327) us
    Allgather, fixed slots    2780 (3644) us  3293 (3365) us  3323 (3453) us
    pack + unpack only         228 us          968 us          826 us
    ========================  ==============  ==============  ==============

(Packing two processes' spikes and unpacking them costs 20, 83 and 132 us of CPU time at 1, 5
and 20 steps, measured in one process: the "only" row above is mostly waiting for a CPU.)

At these sizes (a few hundred bytes to ~4 kB per process) a collective costs its latency, not
its bandwidth: the variable-size forms need a first collective to learn the sizes, the
fixed-slot form needs one. Each process sends a slot of ``capacity`` int32 words
``[length, packed spikes..., padding]`` (:mod:`~eqsim.distributed.spike_packing`); a process
whose spikes do not fit sends ``-length`` instead, every process then sees the largest need,
grows the capacity (to twice it, so it happens rarely) and the interval is sent again.
Alltoallv would pay off only once processes stop needing every spike (sparse, local
connectivity: send each process only the spikes with targets there); with dense random
connectivity it sends the same bytes as Allgather in two collectives. Packing and unpacking
here are NumPy calls per interval; inside the C step loop they would cost little.

A ``length`` of ``FAILED`` (the most negative int32) marks a process that failed: the exchange
is also a safe point (:mod:`~eqsim.distributed.failure`). A length with ``STOP_FLAG`` set
marks a process whose network operation called ``stop()``: every process ends the run after
that step (:attr:`MPICommunicator.stop_seen`).
"""
import numpy as np

from ..errors import MPINotInstalledError, MPIWorldMismatchError
from .communicator import Communicator
from .failure import failure_message, failures_error
from .spike_packing import WIRE_DTYPE, pack, packed_length, unpack

# slot header of a process that failed (a length is >= 0, a need that does not fit > -2**31)
FAILED = np.iinfo(WIRE_DTYPE).min
# a length with this bit: that process called stop(); every process ends after this step
# (EQSIM_STOP_FLAG in templates/cython/network.c.j2)
STOP_FLAG = 1 << 30
_FIRST_CAPACITY = 256


def connect(launched_size=None):
    """The MPI world of this process (imports mpi4py, which starts MPI).

    Parameters
    ----------
    launched_size : int, optional
        The number of processes the launcher says it started, to check against MPI's.

    Raises
    ------
    MPINotInstalledError
        If mpi4py is not installed.
    MPIWorldMismatchError
        If MPI's world size is not the launcher's.
    """
    try:
        from mpi4py import MPI
    except ImportError as error:
        raise MPINotInstalledError(
            "this process was started by an MPI launcher but mpi4py is not installed",
            hint="pip install 'eqsim[mpi]' (mpi4py and the mpich wheel) into this Python") \
            from error
    communicator = MPICommunicator(MPI.COMM_WORLD)
    check_world_size(launched_size, communicator.size)
    return communicator


def compiled_allgather(comm, capacity_cell):
    """``MPI_Allgather``, ``MPI_Isend``, ``MPI_Irecv`` and ``MPI_Waitall`` of the library
    mpi4py runs on, for compiled code (no MPI header or compiler wrapper needed: the
    functions' addresses are looked up through mpi4py's own extension module, whose
    dependencies hold them; the handles are mpi4py's)."""
    import ctypes
    from mpi4py import MPI
    from .communicator import CompiledAllgather
    library = ctypes.CDLL(MPI.__file__)
    address = {name: ctypes.cast(getattr(library, name), ctypes.c_void_p).value
               for name in ("MPI_Allgather", "MPI_Isend", "MPI_Irecv", "MPI_Waitall")}
    handle_bytes = MPI._sizeof(MPI.Comm)
    if handle_bytes not in (4, 8) or any(MPI._sizeof(kind) != handle_bytes
                                         for kind in (MPI.Datatype, MPI.Request)):
        return None  # an unusual MPI: the exchange stays in Python
    return CompiledAllgather(address["MPI_Allgather"], MPI._handleof(MPI.INT32_T),
                             MPI._handleof(comm), "int32_t" if handle_bytes == 4 else "intptr_t",
                             comm.Get_size(), capacity_cell, address["MPI_Isend"],
                             address["MPI_Irecv"], address["MPI_Waitall"], comm.Get_rank())


def check_world_size(launched_size, mpi_size):
    """Refuse a world whose size is not what the launcher started."""
    if launched_size is not None and launched_size != mpi_size:
        raise MPIWorldMismatchError(
            f"the launcher started {launched_size} processes but MPI sees {mpi_size}: the "
            f"mpiexec used belongs to another MPI than the one mpi4py was built with",
            hint="start the script with the mpiexec that `python -c \"from eqsim.distributed "
                 "import find_mpiexec; print(find_mpiexec())\"` prints")


class MPICommunicator(Communicator):
    """The collectives of an mpi4py communicator (``MPI.COMM_WORLD`` for a run)."""

    def __init__(self, comm):
        self.comm = comm
        self.rank = comm.Get_rank()
        self.size = comm.Get_size()
        # the slot size, in an array that compiled exchanges read and grow too
        self.capacity_cell = np.array([_FIRST_CAPACITY], dtype=np.int64)
        self._compiled = None
        self.stop_seen = False  # whether the last exchange carried a process's stop()

    @property
    def _capacity(self):
        return int(self.capacity_cell[0])

    @_capacity.setter
    def _capacity(self, value):
        self.capacity_cell[0] = value

    def compiled_allgather(self):
        if self._compiled is None:
            self._compiled = compiled_allgather(self.comm, self.capacity_cell)
        return self._compiled

    def barrier(self):
        self.comm.Barrier()

    def exchange_spikes(self, step_spikes, failure=None, stop=False):
        flag = STOP_FLAG if stop else 0
        if len(step_spikes) == 1 and failure is None:
            return [self._exchange_one_step(np.asarray(step_spikes[0], dtype=WIRE_DTYPE), flag)]
        return self._exchange(step_spikes, failure, flag)

    def _seen(self, headers):
        """Note whether a process asked to stop; the headers' lengths."""
        self.stop_seen = bool((headers & STOP_FLAG).any())
        return headers & ~STOP_FLAG

    def _exchange_one_step(self, spikes, flag=0):
        """The usual exchange of a run (one step, no failure) without the general packing:
        the same slots, written in place into buffers kept between calls (a run calls this
        every step: ~40 us less Python per call)."""
        n, capacity = spikes.size, self._capacity
        if n + 2 > capacity:
            return self._exchange([spikes], None, flag)[0]
        if getattr(self, "_slots", None) is None or self._slots[0].size != capacity:
            self._slots = (np.empty(capacity, WIRE_DTYPE),
                           np.empty(capacity * self.size, WIRE_DTYPE))
        slot, received = self._slots
        slot[0], slot[1] = (n + 1) | flag, n
        slot[2:n + 2] = spikes
        self.comm.Allgather(slot, received)
        table = received.reshape(self.size, capacity)
        headers = table[:, 0]
        if (headers < 0).any():
            if (headers == FAILED).any():
                self._raise_failures(None)
            # another process's spikes did not fit: it grows the slots as this one does
            # here and sends again (_exchange's loop); join it
            self._capacity = 2 * (int(-headers[headers < 0].min()) + 1)
            return self._exchange([spikes], None, flag)[0]
        self._seen(headers)
        counts = table[:, 1].tolist()
        return np.concatenate([table[r, 2:2 + c] for r, c in enumerate(counts)])

    def _exchange(self, step_spikes, failure, flag=0):
        n_steps = len(step_spikes)
        needed = packed_length(step_spikes)
        while True:
            slot = np.zeros(self._capacity, dtype=WIRE_DTYPE)
            if failure is not None:
                slot[0] = FAILED
            elif needed + 1 <= self._capacity:
                slot[0] = needed | flag
                slot[1:needed + 1] = pack(step_spikes)
            else:
                slot[0] = -needed
            received = np.empty(self._capacity * self.size, dtype=WIRE_DTYPE)
            self.comm.Allgather(slot, received)
            headers = received[::self._capacity]
            if (headers == FAILED).any():
                self._raise_failures(failure)
            if (headers >= 0).all():
                self._seen(headers)
                starts = np.arange(self.size) * self._capacity + 1
                return unpack(received, starts, n_steps)
            self._capacity = 2 * (int(-headers[headers < 0].min()) + 1)

    def allgather_array(self, array, axis=0):
        return self._gather(array, axis, root=None)

    def gather_array(self, array, root=0, axis=0):
        return self._gather(array, axis, root=root)

    def _gather(self, array, axis, root):
        # as bytes, rows along ``axis`` first: any dtype, one Allgatherv/Gatherv
        array = np.moveaxis(np.asarray(array), axis, 0)
        rows = self.comm.allgather((array.shape[0], array.shape[1:], array.dtype.str))
        shapes, dtypes = {r[1] for r in rows}, {r[2] for r in rows}
        if len(shapes) > 1 or len(dtypes) > 1:
            raise ValueError(f"arrays to gather differ in shape or dtype across processes: "
                             f"{sorted(rows)}")
        send = np.ascontiguousarray(array).view(np.uint8).ravel()
        row_bytes = array.dtype.itemsize * int(np.prod(array.shape[1:], dtype=np.int64))
        counts = [n * row_bytes for n, _, _ in rows]
        total = sum(n for n, _, _ in rows)
        if root is not None and self.rank != root:
            self.comm.Gatherv(send, None, root=root)
            return None
        received = np.empty(sum(counts), dtype=np.uint8)
        displacements = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        target = [received, (counts, displacements)]
        if root is None:
            self.comm.Allgatherv(send, target)
        else:
            self.comm.Gatherv(send, target, root=root)
        joined = received.view(array.dtype).reshape((total,) + array.shape[1:])
        return np.moveaxis(joined, 0, axis)

    def broadcast(self, value, root=0):
        return self.comm.bcast(value, root=root)

    def check_failures(self, failure=None):
        flags = self.comm.allgather(failure is not None)
        if any(flags):
            self._raise_failures(failure)

    def check_failures_seen(self):
        """Every process's compiled exchange saw a failed process (a ``FAILED`` slot): learn
        who failed and why, and raise it here."""
        self._raise_failures(None)

    def _raise_failures(self, failure):
        # every process is here together: learn who failed and why, then raise everywhere
        messages = self.comm.allgather(None if failure is None else failure_message(failure))
        if failure is not None:
            raise failure
        raise failures_error([(rank, text) for rank, text in enumerate(messages)
                              if text is not None], self.rank)

    def abort(self, code=1):
        self.comm.Abort(code)
