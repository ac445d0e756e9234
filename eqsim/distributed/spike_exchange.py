"""The step of a run on K processes that gives every process the whole network's spikes.

Pathways of a group split over the processes read the group's *exchanged* event array
(:func:`eqsim.synapses.spike_sources.exchanged_events`). A :class:`SpikeExchange` per
clock runs right before the synapses (first in ``'before_synapses'``: after the
thresholds and the custom events Brian2 checks in ``'after_thresholds'``): it
reads the local event arrays of every group that triggers such a pathway, sends all of
them in ONE collective (:meth:`~eqsim.distributed.communicator.Communicator.
exchange_spikes`, one step of the wire format: the groups' global indices shifted into
one index space, group after group) and writes each group's spikes, in global index
order (the order one process has), into its exchanged array.

On the compiled target the exchange is a kernel of the step loop (:meth:`SpikeExchange.
operation`, ``templates/cython/spikeexchange.c.j2``): it packs the local spikes, calls the
communicator's ``MPI_Allgather`` (:meth:`~eqsim.distributed.communicator.Communicator.
compiled_allgather`) and unpacks, without leaving C. The NumPy target (and a communicator
without a compiled collective) runs it here in Python, as a network operation: the step
loop returns to Python at this slot of the schedule every step.

It is also the run's safe point for failures (:mod:`eqsim.distributed.failure`): a
network operation that raises on one process hands its exception to
:meth:`SpikeExchange.fail`, which enters the exchange the other processes wait in, so that
every process raises (its own error, or :class:`~eqsim.errors.RankFailedError` naming the
failed rank) instead of waiting forever.
"""
import numpy as np

SLOT = "before_synapses"  # what a pathway reads is what the events were just before it
ORDER = -(2 ** 62)  # before anything a user puts in the same slot


def exchanged_arrays(schedule):
    """``{id: variable}`` of the exchanged event arrays the operations of ``schedule`` read
    (the variables have ``exchanged_from = (group, event)``)."""
    found = {}
    for op in schedule:
        var = getattr(op, "variables", {}).get(getattr(op, "events", None))
        if getattr(var, "exchanged_from", None) is not None:
            found[id(var)] = var
    return list(found.values())


class SpikeExchange:
    """One clock's spike exchange; scheduled like a network operation.

    Parameters
    ----------
    comm : Communicator
    clock : Clock
    arrays : list of ArrayVariable
        Exchanged event arrays of groups on ``clock`` (with ``exchanged_from``).
    """

    when = SLOT
    order = ORDER
    active = True
    interval = 1  # steps per exchange of the last compiled run (Python exchanges: 1)
    overlapped = False  # whether the last compiled run collected each exchange an interval late
    stopped = False  # the last exchange carried a process's stop(): end after this step
    contained_objects = ()

    def __init__(self, comm, clock, arrays):
        self.comm = comm
        self.clock = clock
        self.arrays = arrays
        self.name = f"spike_exchange_{getattr(clock, 'name', 'clock')}"
        # group k's global index g travels as g + first[k]: one ascending index space
        sizes = [len(var.exchanged_from[0]) for var in arrays]
        self._first = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        self._local_events = [(group.variables[group.event_array_name(event)],
                               int(group._global_start))
                              for group, event in (var.exchanged_from for var in arrays)]

    def operation(self, interval=1, overlapped=False):
        """The exchange as a kernel of the compiled step loop (a
        :class:`~eqsim.ir.operations.SpikeExchangeOp`) that exchanges every ``interval``
        steps, ``overlapped`` or not (:func:`communication_interval`), or None when the
        communicator has no compiled collective. Sizes the exchanged arrays for the events
        of the steps one exchange may deliver (an overlapped one's last: two intervals)."""
        from ..ir.operations import SpikeExchangeOp
        from ..ir.variables import ArrayVariable
        collective = self.comm.compiled_allgather()
        if collective is None:
            return None
        self.interval, self.overlapped = interval, overlapped
        variables, groups = {}, []
        for k, ((local, start), var) in enumerate(zip(self._local_events, self.arrays)):
            steps = 2 * interval if overlapped else interval
            size = steps * len(var.exchanged_from[0]) + 1  # each neuron once per step
            if var.array.size != size:  # between runs: no compiled code holds them now
                var.array = np.zeros(size, dtype=np.int32)
                var.lags.array = np.zeros(size, dtype=np.int32)
            variables[f"_local_{k}"], variables[f"_exchanged_{k}"] = local, var
            variables[f"_lags_{k}"] = var.lags
            low, high = int(self._first[k]), int(self._first[k + 1])
            groups.append((f"_local_{k}", f"_exchanged_{k}", f"_lags_{k}", start + low,
                           low, high))
        variables["_capacity"] = ArrayVariable("_exchange_capacity", self.name, None,
                                               array=collective.capacity)
        return SpikeExchangeOp(name=self.name, owner=self.name, start=0, stop=0,
                               when=self.when, order=self.order, clock=self.clock,
                               variables=variables, source=self, groups=tuple(groups),
                               capacity="_capacity", collective=collective,
                               interval=interval, overlapped=overlapped)

    def failed_elsewhere(self):
        """The compiled exchange saw that another process failed: raise here as the Python
        exchange does (every process learns who failed and why)."""
        try:
            self.comm.check_failures_seen()
        except Exception as error:
            error.eqsim_reached_every_process = True
            raise

    def _local(self):
        parts = [var.array[:var.array[-1]] + (start + first)
                 for (var, start), first in zip(self._local_events, self._first.tolist())
                 if var.array[-1]]
        return (np.concatenate(parts).astype(np.int32) if parts
                else np.empty(0, dtype=np.int32))

    def call(self):
        stop, self.comm.stop_requested = self.comm.stop_requested, False
        try:
            received = self.comm.exchange_spikes([self._local()], stop=stop)[0]
        except Exception as error:  # another process failed: every process knows it
            error.eqsim_reached_every_process = True
            raise
        self.stopped = self.comm.stop_seen  # every process ends the run after this step
        if len(self.arrays) == 1:
            self._write(self.arrays[0], received)
            return
        # rank order gives each group's spikes ascending; a group's share keeps that order
        for var, low, high in zip(self.arrays, self._first[:-1], self._first[1:]):
            self._write(var, received[(received >= low) & (received < high)] - low)

    @staticmethod
    def _write(var, spikes):
        var.array[:spikes.size] = spikes
        var.array[-1] = spikes.size

    def fail(self, error):
        """Enter the exchange with ``error`` (an exception of this process that the others
        do not know of yet): every process raises, this one ``error``."""
        if getattr(error, "eqsim_reached_every_process", False):
            raise error
        error.eqsim_reached_every_process = True
        self.comm.exchange_spikes([np.empty(0, np.int32)], failure=error)
        raise error


def communication_interval(exchange, schedule, comm):
    """How the compiled ``exchange`` sends events: ``(interval, overlapped)``.

    ``interval``: how many steps it may gather events before it must send them, from the
    shortest synaptic delay ``d`` (in steps, over every process) of the pathways that read
    its arrays. Events of a step must reach the other processes before any of their
    synapses acts on them: pathways push them ``lag`` steps late with a delay ``lag``
    steps shorter, the same arrival step. ``overlapped`` (``prefs.distributed.
    overlap_exchange``, ``d >= 1``): each exchange is posted without waiting and collected
    at the next one, its events then up to ``2 * interval - 1`` steps old, so the interval
    is ``(d + 1) // 2``; otherwise it is ``d``. Always at least 1 and at most
    ``SpikeExchangeOp.MAX_INTERVAL``.

    A run with a network operation (``schedule``: the run's operations and network
    operations in execution order) exchanges every step, not overlapped: one may call
    ``stop()``, which the processes carry out together at the next exchange, so that must
    be the step's own. Every process must call this at the same point (a collective)."""
    from ..core.netop import NetworkOperation
    from ..core.preferences import prefs
    from ..ir.operations import SpikeExchangeOp
    longest = 2 * SpikeExchangeOp.MAX_INTERVAL  # no shorter delay: any interval fits
    if any(isinstance(item, NetworkOperation) for item in schedule) or not exchange.arrays:
        shortest = 0
    else:
        arrays = {id(var) for var in exchange.arrays}
        shortest = longest
        for op in schedule:
            var = getattr(op, "variables", {}).get(getattr(op, "events", None))
            if var is None or id(var) not in arrays:
                continue
            steps = getattr(op, "delay_steps", None)
            if steps is not None:  # per synapse
                steps = op.variables[steps].array
                shortest = min(shortest, int(steps.min()) if steps.size else shortest)
            else:
                shortest = min(shortest, int(op.delay))
    everywhere = int(comm.allgather_array(np.array([shortest], dtype=np.int64)).min())
    overlapped = everywhere >= 1 and bool(prefs["distributed.overlap_exchange"])
    interval = (everywhere + 1) // 2 if overlapped else everywhere
    return min(max(1, interval), SpikeExchangeOp.MAX_INTERVAL), overlapped


def raise_halted(code, exchanges):
    """Raise what made the compiled step loop halt (``code`` from
    :meth:`~eqsim.codegen.backend.Backend.run`)."""
    from ..errors import SpikeExchangeError
    if code == -2 and exchanges:
        exchanges[0].failed_elsewhere()
    reason = {-3: "its buffers could not grow (out of memory)",
              -4: "the MPI library returned an error"}.get(code, f"halt code {code}")
    raise SpikeExchangeError(f"the spike exchange stopped the run: {reason}",
                             hint="the other processes stop with this error too")


def spike_exchanges(comm, schedule, clocks):
    """The exchanges a run needs: one per clock of the groups whose exchanged arrays
    ``schedule`` reads; under K > 1 at least one (on the first clock), the safe point of
    failures."""
    by_clock = {}
    for var in exchanged_arrays(schedule):
        by_clock.setdefault(id(var.exchanged_from[0].clock), []).append(var)
    exchanges = [SpikeExchange(comm, clock, by_clock.get(id(clock), [])) for clock in clocks
                 if id(clock) in by_clock]
    if not exchanges and comm.size > 1 and clocks:
        exchanges.append(SpikeExchange(comm, clocks[0], []))
    return exchanges
