"""What a pathway reads when the groups are split over processes (``mpiexec -n K``).

A process stores a slice of every group and the synapses onto its slice of the target
(:mod:`eqsim.groups.partition`). Spikes of a presynaptic group come from every process:
a pre pathway of a partitioned group reads the group's *exchanged* event array (global
indices, every process's spikes of the step, filled by
:class:`eqsim.distributed.spike_exchange.SpikeExchange` after the thresholds). A post
pathway is local: the target neurons that spike are stored here, and so are their
synapses. Presynaptic neuron *variables* (``v_pre``, ``x_pre``) are not exchanged: code
that reads them is refused with :class:`~eqsim.errors.RemoteNeuronError`.
"""
import numpy as np

from ..core.context import current_context
from ..errors import RemoteNeuronError
from ..ir.variables import ArrayVariable
from ..units import DIMENSIONLESS


def exchanged_events(group, event):
    """The owner's array of the whole group's ``event``s of a step (global indices,
    count in the last slot); made once per group and event. The variable carries
    ``exchanged_from = (group, event)`` for the exchange to find."""
    owner = group._owner
    made = current_context().cache(owner, "exchanged_events")
    if event not in made:
        name = f"_exchanged_{owner.event_array_name(event).lstrip('_')}"
        var = ArrayVariable(name, owner.name, DIMENSIONLESS,
                            array=np.zeros(len(owner) + 1, dtype=np.int32), read_only=True)
        var.exchanged_from = (owner, event)
        # how many steps ago each event happened: a compiled exchange sends the events of
        # several steps at once (spike_exchange.communication_interval); pathways push
        # them with their delay shortened by that much
        var.lags = ArrayVariable(name + "_lags", owner.name, DIMENSIONLESS,
                                 array=np.zeros(len(owner) + 1, dtype=np.int32),
                                 read_only=True)
        made[event] = var
    return made[event]


def spike_source(trigger, pathway, events):
    """``(name, variable, (start, stop))``: the event array a pathway reads and which of
    its indices belong to ``trigger`` (row ``index - start`` of the pathway). An exchanged
    array has ``lags`` (:func:`exchanged_events`)."""
    if pathway.role == "pre" and trigger._partitioned:
        first = trigger._first
        name = "_exchanged" + events
        return name, exchanged_events(trigger, pathway.event), (first, first + len(trigger))
    origin = trigger._local_origin  # local spikes: storage positions
    return events, trigger.variables[events], (origin, origin + len(trigger))


def refuse_remote_reads(synapses, name, side, writes=False):
    """Refuse synaptic code that reads (``writes``: a summed variable that writes) the
    presynaptic neuron variable ``name`` when the presynaptic group is split over
    processes."""
    if side != "pre" or not synapses.source._partitioned or current_context().size == 1:
        return
    action = "writes" if writes else "reads"
    raise RemoteNeuronError(
        f"'{synapses.name}' {action} '{name}', a variable of presynaptic neurons of "
        f"'{synapses.source.name}', which this run splits over "
        f"{current_context().size} processes: only their spikes are exchanged",
        obj=synapses.name,
        hint="keep per-synapse state in the synapses (e.g. a presynaptic trace as a "
             "synaptic variable updated on_pre, as Brian2's STDP example does), or run "
             "this network on one process")
