"""A network's stored state: taken by ``store()``, checked in full and then applied by
``restore()``, so that a state that does not fit changes nothing.

A state is a dict of JSON scalars, lists, dicts and NumPy arrays only (the checkpoint
file format, :mod:`eqsim.core.checkpoint`, can hold nothing else)::

    {"t": seconds, "clocks": {clock name: {"step": int, "dt": seconds}},
     "objects": {object name: obj.get_state()},
     "random": {"seed", "evaluations", "objects", "numpy": {...},
                "streams": {object name: random stream number}}}
"""
import copy
import math

import numpy as np

from .context import current_context
from .seeding import random_state, set_random_state
from .state_check import check_array, check_keys, check_scalar, mismatch

_KEYS = ("t", "clocks", "objects", "random")


def take_state(network):
    """A copy of the state of every object in ``network``, its clocks and time."""
    objects = network._all_objects()
    clocks = {obj.clock.name: {"step": int(obj.clock.step), "dt": obj.clock.dt_}
              for obj in objects}
    random = random_state()
    random["streams"] = {obj.name: obj._random_id for obj in objects}
    return {"t": float(network.t_), "clocks": clocks, "random": random,
            "objects": {obj.name: copy.deepcopy(obj.get_state()) for obj in objects}}


def check_state(network, state, restore_random_state=False):
    """Raise ``CheckpointError`` unless ``state`` fits ``network`` exactly: the same
    objects (no more, no fewer), every clock, and every object's arrays with the
    sizes, shapes and dtypes of the object they go into."""
    where = network.name
    check_keys(state, _KEYS, where, "parts")
    t = check_scalar(state["t"], where, "t", float, minimum=0)
    if not math.isfinite(t):
        raise mismatch(where, f"the stored time is {t}")
    objects = network._all_objects()
    stored = state["objects"]
    check_keys(stored, [o.name for o in objects], where, "objects")
    clocks = state["clocks"]
    if not isinstance(clocks, dict):
        raise mismatch(where, "'clocks' should be a dict")
    for obj in objects:
        clock = obj.clock.name
        if clock not in clocks:
            raise mismatch(obj.name, f"its clock '{clock}' was not stored")
        check_keys(clocks[clock], ("step", "dt"), clock, "clock values")
        check_scalar(clocks[clock]["step"], clock, "step", int, minimum=0)
        dt = check_scalar(clocks[clock]["dt"], clock, "dt", float)
        if not (math.isfinite(dt) and dt > 0):
            raise mismatch(clock, f"the stored dt is {dt}")
    for obj in objects:
        obj.check_state(stored[obj.name])
    if restore_random_state:
        _check_random_state(state["random"], [o.name for o in objects], where)


def _check_random_state(random, names, where):
    counted = isinstance(random, dict) and "restores" in random  # older checkpoints: not
    check_keys(random, ("seed", "evaluations", "objects", "numpy", "streams")
               + (("restores",) if counted else ()), where, "random state entries")
    if counted:
        check_scalar(random["restores"], where, "random.restores", int, minimum=0)
    check_scalar(random["seed"], where, "random.seed", int, minimum=0, optional=True,
                 maximum=2**64 - 1)
    check_scalar(random["evaluations"], where, "random.evaluations", int, minimum=0)
    check_scalar(random["objects"], where, "random.objects", int, minimum=0)
    generator = random["numpy"]
    check_keys(generator, ("keys", "pos", "has_gauss", "cached_gaussian"), where,
               "NumPy generator entries")
    check_array(generator["keys"], where, "random.numpy.keys", np.uint32, (624,))
    pos = check_scalar(generator["pos"], where, "random.numpy.pos", int, minimum=0)
    gauss = check_scalar(generator["has_gauss"], where, "random.numpy.has_gauss", int,
                         minimum=0)
    check_scalar(generator["cached_gaussian"], where, "random.numpy.cached_gaussian", float)
    if pos > 624 or gauss > 1:
        raise mismatch(where, "NumPy's generator state is out of range")
    streams = random["streams"]
    check_keys(streams, names, where, "random streams of objects")
    for name in names:
        check_scalar(streams[name], where, f"random.streams.{name}", int, minimum=0)


def apply_state(network, state, restore_random_state=False):
    """Put back a state that :func:`check_state` accepted."""
    objects = network._all_objects()
    for obj in objects:
        obj.set_state(copy.deepcopy(state["objects"][obj.name]))
    for obj in objects:
        stored = state["clocks"][obj.clock.name]
        obj.clock._dt = float(stored["dt"])  # not the dt setter: it would move the step
        obj.clock.step = stored["step"]
    for obj in objects:  # the spikes in flight were queued in steps of the stored dt
        for pathway in getattr(obj, "pathways", ()):
            clock = pathway.trigger_group.clock
            pathway.queue_dt = float(state["clocks"].get(clock.name, {"dt": clock.dt_})["dt"])
    network.t_ = float(state["t"])
    if restore_random_state:
        set_random_state(state["random"])
        for obj in objects:
            obj._random_id = state["random"]["streams"][obj.name]
    else:  # as Brian2's generator, which goes on: no draw of an earlier run repeats
        current_context().restored_to(network.t_)
