"""The backend interface: what runs a network's generated code, once, for every target.

A backend is built from the source that :class:`~eqsim.codegen.module.NetworkModule`
renders from the schedule of typed operations (:mod:`eqsim.ir.operations`) and from the
module symbols those operations declare (arrays, constants with their dtypes, record
buffers, spike queues: :class:`~eqsim.codegen.kernel.ModuleSymbols`). Everything above
``codegen/`` (the Network, groups, monitors, pathways) talks to a backend only through
the methods below; every name they take is a module symbol (``ModuleSymbols``' names:
``NetworkModule`` translates operation names to them).

Implementations
---------------
- :class:`NumpyBackend` (below): the NumPy reference target; the rendered module holds
  the kernels and the schedule, this class runs them.
- the compiled backend: ``NetworkLibrary`` of the hand-written Cython glue
  (``eqsim/runtime/network_glue.pyx``), which drives one gcc-built C library per
  network; registered as a ``Backend`` when the glue is loaded.

A distributed (MPI) run needed no third backend (issue 9, mpi9): the groups store their
process's slice (operations get local ``start:stop`` and global random keys), pathways
read an exchanged event array that a ``SpikeExchange`` step fills (reached from the step
loop as a network operation is), and monitors gather their records after each run
(``eqsim.distributed``). What a backend could still add: the exchange inside the C loop
and once per communication interval (the smallest delay) instead of every step, which
needs the pathways to queue a chunk of steps' spikes with shortened delays.
"""
import abc
import hashlib
import time

import numpy as np

#: what :meth:`Backend.run` returns when a kernel halted the run, by reason
#: (``EQSIM_HALT_*`` in ``templates/cython/network.c.j2``)
HALTED_BY = {-2: "failed elsewhere", -3: "out of memory", -4: "MPI error"}


class Backend(abc.ABC):
    """The protocol every target implements. All times are in steps of each clock, all
    values in SI base units; arrays are NumPy arrays the backend may keep the address of
    until the next :meth:`bind`."""

    @abc.abstractmethod
    def bind(self, arrays, constants, seed):
        """Take the current arrays and scalar values before a run.

        Parameters
        ----------
        arrays : dict
            Symbol name -> C-contiguous array (every array symbol of the module).
        constants : dict
            Symbol name -> scalar (every constant symbol, in its declared dtype).
        seed : int
            The run's seed (unsigned 64 bit): every draw is keyed by it.
        """

    @abc.abstractmethod
    def set_clocks(self, dts, steps, ends):
        """Per clock (in schedule order): dt (second), the current step and the step at
        which :meth:`run` stops. Also forgets a run left by an exception."""

    @abc.abstractmethod
    def clock_steps(self):
        """Each clock's current step (a list), also during a network operation."""

    @abc.abstractmethod
    def run(self, netops):
        """Run the schedule until every clock reaches its end; ``netops[k]()`` is called
        when network operation ``k`` is due. An exception in one propagates; the clocks
        then stand at the interrupted step. Returns -1 (or None), or ``-1 - reason`` when
        a kernel halted the run (:data:`HALTED_BY`)."""

    def set_exchange(self, allgather, isend, irecv, waitall, int32_type, comm, size, rank):
        """``MPI_Allgather``, ``MPI_Isend``, ``MPI_Irecv`` and ``MPI_Waitall`` (addresses),
        the handles and this process's rank, with which a compiled spike exchange calls them
        (:class:`~eqsim.distributed.communicator.CompiledAllgather`); only modules with a
        ``spikeexchange`` kernel are given one."""
        raise NotImplementedError("this target runs spike exchanges in Python")

    @abc.abstractmethod
    def stop(self, agreed=False):
        """End the run once the current step is complete (from a network operation). A
        compiled spike exchange carries a stop to the other processes at its next exchange;
        ``agreed``: every process stops after this step (they agreed on it)."""

    @abc.abstractmethod
    def profile_time(self, k):
        """Seconds (wall clock) spent in kernel slot ``k`` since :meth:`profile_reset`
        (0 unless the module was generated with profiling)."""

    @abc.abstractmethod
    def profile_reset(self):
        """Set every kernel slot's time to 0."""

    @abc.abstractmethod
    def take_buffer(self, name):
        """Copy out and empty record buffer ``name``: a 1-d array of its dtype."""

    @abc.abstractmethod
    def reserve_buffer(self, name, extra):
        """Make room for ``extra`` more items in buffer ``name`` before a run (a backend
        that needs none does nothing); MemoryError when it cannot be had."""

    @abc.abstractmethod
    def queue_reset(self, name, n_slots, contents):
        """Empty spike queue ``name``, give it ``n_slots`` slots and refill it:
        ``contents[k]`` (int32 items) arrives in ``k`` steps."""

    @abc.abstractmethod
    def queue_contents(self, name):
        """What is in flight in queue ``name``: a list of int32 arrays, entry ``k``
        arriving in ``k`` steps (what :meth:`queue_reset` takes back)."""


def backend_methods():
    """Names of the methods every backend implements."""
    return sorted(Backend.__abstractmethods__)


class NumpyBackend(Backend):
    """The NumPy reference target: runs the kernels of a rendered ``network.py.j2``.

    Parameters
    ----------
    source : str
        The rendered module (kernels, ``SCHEDULE``, symbol lists, buffers and queues).
    """

    def __init__(self, source):
        self._ns = {}
        digest = hashlib.sha1(source.encode()).hexdigest()[:12]
        # the source is generated from parsed, whitelisted IR: no user text reaches it verbatim
        exec(compile(source, f"<eqsim numpy network {digest}>", "exec"), self._ns)
        n_clocks = self._ns["N_CLOCKS"]
        self._step, self._end = [0] * n_clocks, [0] * n_clocks
        self._dt, self._active = [0.0] * n_clocks, [False] * n_clocks
        self._profile_time = [0.0] * self._ns["N_PROFILED"]

    def bind(self, arrays, constants, seed):
        ns, largest = self._ns, 1
        for name in ns["ARRAYS"]:
            ns[name] = arrays[name]
            largest = max(largest, arrays[name].size)
        for name in ns["CONSTANTS"]:
            ns[name] = constants[name]  # NumPy scalars (module.py): x/0 gives inf/NaN as in C
        ns["_seed"] = seed
        ns["_arange"] = np.arange(max(largest, ns["MAX_SIZE"]) + 1, dtype=np.int64)

    def set_clocks(self, dts, steps, ends):
        for c in range(len(self._step)):
            self._dt[c], self._step[c], self._end[c] = dts[c], steps[c], ends[c]

    def clock_steps(self):
        return list(self._step)

    def stop(self, agreed=False):
        # as eqsim_stop in network.c.j2: the clocks that tick in this step still tick
        for c in range(len(self._step)):
            self._end[c] = self._step[c] + self._active[c]

    def profile_time(self, k):
        return self._profile_time[k]

    def profile_reset(self):
        self._profile_time[:] = [0.0] * len(self._profile_time)

    def run(self, netops):
        step, end, dt, schedule = self._step, self._end, self._dt, self._ns["SCHEDULE"]
        profile = self._ns["PROFILE"]
        n_clocks = len(step)
        while True:
            times = [step[c] * dt[c] for c in range(n_clocks) if step[c] < end[c]]
            if not times:
                return
            t_next = min(times)
            active = [step[c] < end[c] and step[c] * dt[c] - t_next
                      <= 1e-9 * max(abs(t_next), dt[c]) for c in range(n_clocks)]
            self._active[:] = active
            for clock, netop, kernel, profiled in schedule:
                if not active[clock]:
                    continue
                if netop is not None:
                    netops[netop]()
                    continue
                started = time.perf_counter() if profile else 0.0
                # NumPy scalars: t/0 gives inf as in C, not ZeroDivisionError
                kernel(step[clock], np.float64(step[clock] * dt[clock]), np.float64(dt[clock]))
                if profile:
                    self._profile_time[profiled] += time.perf_counter() - started
            for c in range(n_clocks):
                step[c] += active[c]

    def take_buffer(self, name):
        chunks = self._ns[name]
        dtype = self._ns["BUFFER_DTYPES"][self._ns["BUFFERS"].index(name)]
        out = np.concatenate(chunks).astype(dtype) if chunks else np.empty(0, dtype=dtype)
        chunks.clear()
        return out

    def reserve_buffer(self, name, extra):
        """Lists of per-step chunks need no room made in advance."""

    def queue_reset(self, name, n_slots, contents):
        queue = self._ns[name]
        queue["slots"] = [[] for _ in range(max(n_slots, 1))]
        queue["current"] = 0
        for offset, items in enumerate(contents):
            self._ns["_queue_push"](queue, offset, items)

    def queue_contents(self, name):
        queue = self._ns[name]
        n = len(queue["slots"])
        return [np.concatenate(slot) if slot else np.empty(0, dtype=np.int32)
                for slot in (queue["slots"][(queue["current"] + k) % n] for k in range(n))]
