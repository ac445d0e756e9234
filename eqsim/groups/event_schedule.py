"""Where in the time step a group checks the condition of an event: Brian2's
``NeuronGroup.set_event_schedule``."""
from ..core.base import schedule_index
from ..errors import EqsimError, UnknownEventError  # noqa: F401 (imported from here too)


def event_schedule(group, event, when, order):
    """``(when, order)`` for the threshold of ``event`` of ``group`` after checking them:
    ``order`` None is the group's order. Raises UnknownEventError for an event the group
    does not have, NetworkError for an unknown slot."""
    if event not in group.events:
        raise UnknownEventError(f"'{group.name}' has no event {event!r:.60}", obj=group.name,
                                hint=f"its events are {group.events}" if group.events else
                                "give the group a threshold= or events={...}")
    schedule_index(when)  # an unknown slot is refused now, not at the run
    return when, group.order if order is None else order


class MonitorOrderError(EqsimError, ValueError):
    """An event monitor given ``order=`` without ``when=`` (a ``ValueError``, as in
    Brian2: its default order follows its default slot)."""
    default_code = "EQ218"


def default_event_slot(group, event):
    """Brian2's slot of a NeuronGroup's event condition: the threshold in
    ``'thresholds'``, other events after it, in ``'after_thresholds'``; at the group's
    order."""
    return ("thresholds" if event == "spike" else "after_thresholds"), group.order


def event_slot(group, event):
    """``(when, order)`` in which ``group`` checks the condition of ``event``."""
    return group._event_schedule.get(event) or default_event_slot(group, event)


def monitor_slot(source, event, when, order, name):
    """``(when, order)`` of a monitor of ``event`` of ``source``: as given, or by default
    (``when`` None) right after the event is found, as Brian2: the slot of its condition
    and the next order (for a subgroup, after its parent's threshold: ``'thresholds'``
    at the parent's order + 2; for an input group, after the group)."""
    if when is not None:
        return when, 0 if order is None else order
    if order is not None:
        raise MonitorOrderError("an event monitor's order= needs its when=", obj=name,
                                hint="give both, e.g. when='thresholds', order=2, or neither")
    from .subgroup import Subgroup
    if isinstance(source, Subgroup):
        when, order = "thresholds", source.order
    elif hasattr(source, "_event_schedule"):  # a NeuronGroup
        when, order = event_slot(source, event)
    else:  # SpikeGeneratorGroup, PoissonGroup: events come from the group itself
        when, order = source.when, source.order
    return when, order + 1
