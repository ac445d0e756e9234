"""The pathway arguments of ``Synapses(...)``, checked before the object is made:
``on_pre``/``on_post`` (code or a dict of named pathways), ``on_event`` and ``delay``."""
import numpy as np

from ..core.limits import time_value
from ..errors import EquationError, PathwayArgumentError, PathwayError
from ..parsing.statements import parse_statements
from ..parsing.user_names import check_user_name
from ..units import get_dimensions, second


def parse_pathways(on_pre, on_post, taken, label):
    """``[(name, role, statements, text), ...]`` of the pathways; ``taken(name)`` says
    whether a name other than 'pre'/'post' would hide an attribute of the Synapses."""
    pathways = []
    for role, code in (("pre", on_pre), ("post", on_post)):
        if code is None:
            continue
        items = code.items() if isinstance(code, dict) else [(role, code)]
        for path_name, text in items:
            check_user_name(path_name, "pathway name", obj=label)
            if path_name in [p[0] for p in pathways] or (path_name not in ("pre", "post")
                                                       and taken(path_name)):
                raise EquationError(f"the pathway name '{path_name}' is already taken",
                                    code="EQ127", obj=label,
                                    hint="give each pathway a name of its own that is not "
                                         "an attribute of Synapses")
            pathways.append((path_name, role, parse_statements(text, obj=label), text))
    return pathways


def pathway_code(on_pre, on_post, pre, post, label):
    """``(on_pre, on_post)`` from the arguments and their old names ``pre=``/``post=``;
    both given is an error, as in Brian2 (which one would count?)."""
    for old_name, new_name, old, new in (("pre", "on_pre", pre, on_pre),
                                          ("post", "on_post", post, on_post)):
        if old is not None and new is not None:
            raise PathwayArgumentError(f"both {old_name}= and {new_name}= are given", obj=label,
                                       hint=f"give only {new_name}= ({old_name}= is its old "
                                            "name)")
    return (on_pre if on_pre is not None else pre), (on_post if on_post is not None else post)


def pathway_events(on_event, pathways, source, target, label):
    """The event that triggers each pathway, from ``pathways`` [(name, role), ...]:
    ``on_event`` is one event name for every pathway, or a dict pathway name -> event
    name (the others: 'spike'), as in Brian2."""
    names = [name for name, _ in pathways]
    given = on_event if isinstance(on_event, dict) else {name: on_event for name in names}
    unknown = sorted(set(given) - set(names), key=str)
    if unknown:
        raise EquationError(f"on_event names {unknown}, which are not pathways of this Synapses",
                            obj=label, hint=f"pathways: {names}")
    events = {}
    for name, role in pathways:
        event = check_user_name(given.get(name, "spike"), "event name", obj=label)
        group = source if role == "pre" else target
        if event == "spike" and "spike" not in getattr(group, "events", ["spike"]):
            raise PathwayError(f"the {name} pathway is triggered by spikes of '{group.name}', "
                               f"which has no threshold", obj=label,
                                hint=f"give '{group.name}' a threshold= (as Brian2 asks), or "
                                     "trigger the pathway by one of its events (on_event=)")
        if event != "spike" and event not in group.events:
            raise PathwayError(f"the {name} pathway is triggered by the event '{event}', which "
                               f"'{group.name}' does not have", obj=label,
                                hint=f"events of '{group.name}': {group.events}")
        events[name] = event
    return events


def default_delays(delay, path_names, label):
    """``{pathway name: delay in seconds}`` from ``delay=`` (one time for 'pre', or a dict
    by pathway); pathways not named get no default (0). A delay for a pathway that does
    not exist (``delay=5*ms`` without ``on_pre``) is refused, as in Brian2."""
    delays = {} if delay is None else delay if isinstance(delay, dict) else {"pre": delay}
    unknown = sorted(set(delays) - set(path_names), key=str)
    if unknown:
        raise PathwayError(f"delay given for {', '.join(map(repr, unknown))}, which "
                           f"{'is not a pathway' if len(unknown) == 1 else 'are not pathways'} "
                           "of this Synapses", obj=label,
                           hint=f"pathways: {list(path_names)}" if path_names else
                           "delay= is the delay of on_pre (or a dict by pathway name); give "
                           "on_pre=, or leave delay= out")
    seconds = {}
    for path_name, value in delays.items():
        if value is None:
            continue
        if isinstance(value, str):  # Brian2 refuses a string here too (TypeError)
            raise EquationError(
                f"the delay of the '{path_name}' pathway must be a time (a quantity), "
                f"not the string {value!r:.40}", obj=label,
                hint="give delay=1*ms here; per-synapse delays are set after connect(): "
                     f"S.{'delay' if path_name == 'pre' else path_name + '.delay'} = "
                     f"{value!r:.40}")
        if get_dimensions(value) != second.dim or np.size(value) != 1:
            raise EquationError(f"delay must be a time, got {value!r}", obj=label)
        seconds[path_name] = time_value(value, f"the delay of the '{path_name}' pathway",
                                        obj=label)
    return seconds
