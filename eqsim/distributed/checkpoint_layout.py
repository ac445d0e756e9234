"""Checkpoints that do not depend on the number of processes that wrote them.

A checkpoint file (format version 2, :mod:`eqsim.core.checkpoint`) holds the whole network
in *global order*, whatever the number of processes K that wrote it:

* a group's per-element arrays at the elements' global positions (a process's contiguous
  slice, :mod:`eqsim.groups.partition`, is written at its place); an event space (the
  elements with an event in the last step) as the global indices, ascending, count last,
  the unused entries zero;
* synapses in canonical order, sorted by (presynaptic, postsynaptic) global index, several
  synapses of one pair in multisynaptic order (their order of creation); a pathway's queue
  of synapses ("synapses" mode) as canonical positions, each slot sorted by target neuron
  (the order in which one target's arrivals are summed is kept); a queue of presynaptic
  spikes ("sources" mode) holds global indices, the same on every process;
* event monitors' counts at the global positions and their events by time, then index.

Other objects (and groups that are not split: K = 1, or a group every process holds whole)
are written as process 0 holds them.

Writing is a collective (:func:`global_state`): every process turns its state into
*pieces* (plain arrays in global indices), process 0 gathers them through the
communicator and joins them. Reading (:func:`local_state`) cuts a process's part out of the
global state: the slices of its groups, the synapses onto its neurons, the queued spikes
of those synapses and the events of its neurons.
"""
import numpy as np

from ..errors import CheckpointLayoutError
from ..groups.group import Group
from ..ir.variables import ArrayVariable
from ..monitors.spikemonitor import EventMonitor
from ..synapses.synapse_state import _QUEUE_MODES, _arrays as synapse_arrays
from ..synapses.synapses import Synapses

__all__ = ["global_state", "local_state", "state_pieces", "join_pieces", "split_range",
           "STORAGE_ORDER"]

#: per synapse of the canonical order: its position in one process's storage order, so
#: that a restored network stores (and ``S.w[:]`` reads) its synapses as before
STORAGE_ORDER = "_storage_order"


# --- what kind of object, and where its elements are ---------------------------------------
def _split(group):
    """``(start, global size)`` when ``group`` stores a slice of a larger group, else None."""
    owner = getattr(group, "_owner", group)
    if getattr(owner, "_global_n", None) is None or owner is not group:
        return None
    return int(owner._global_start), int(owner._global_n)


def _stored(group):
    """Number of elements this process stores of an owner group."""
    return int(group._stop - group._start)


def split_range(obj):
    """``(start, global size)`` of a group (or an object recording one) stored in part here;
    None when it is held whole."""
    return _split(getattr(obj, "source", obj)) if isinstance(obj, (Group, EventMonitor)) \
        else None


def _is_event_space(name):
    return name == "_spikespace" or name.startswith("_eventspace_")


def _element_arrays(group, state):
    """Names of ``state``'s arrays with one value per element of ``group``: the group's
    own arrays as long as its stored slice (not shared values, event spaces, or arrays of
    another length such as a spike generator's list of spikes)."""
    stored = _stored(group)
    return [name for name in state
            if isinstance(group.variables.get(name), ArrayVariable)
            and not group.variables[name].shared and not _is_event_space(name)
            and group.variables[name].array.shape == (stored,)]


def _synapse_arrays(synapses, state):
    """Names of ``state``'s arrays with one value per synapse."""
    return [name for name, var in synapse_arrays(synapses).items()
            if (var.dynamic and not var.shared) or name in state["_delays_per_synapse"]]


# --- one process's pieces --------------------------------------------------------------------
def state_pieces(network, state):
    """This process's part of ``state`` as plain arrays in global indices: for every object
    ``{key: array}`` (the same keys on every process, so that they can be gathered)."""
    pieces = {}
    for obj in network._all_objects():
        own = state["objects"][obj.name]
        if isinstance(obj, Synapses):
            pieces[obj.name] = _synapse_pieces(obj, own)
        elif isinstance(obj, Group) and _split(obj) is not None:
            start = _split(obj)[0]
            piece = {name: own[name] for name in _element_arrays(obj, own)}
            for name, values in own.items():
                if _is_event_space(name):
                    piece[name] = values[:values[-1]].astype(np.int64) + start
            pieces[obj.name] = piece
        else:
            pieces[obj.name] = {}
    return pieces


def creation_keys(synapses, pre):
    """What orders a process's stored synapses as one process stores them: the
    ``connect()`` call that made each (calls append; ``_connect_sizes`` where the
    synapses keep them, else one call), then the presynaptic index; ties in storage order."""
    sizes = list(getattr(synapses, "_connect_sizes", []))
    if sum(sizes) != pre.size:
        sizes = [pre.size]
    calls = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
    return calls * (int(synapses.source.global_size()) + 1) + pre.astype(np.int64)


def _synapse_pieces(synapses, state):
    piece = {name: state[name] for name in _synapse_arrays(synapses, state)}
    piece["_N"] = np.array([state["_N"]], dtype=np.int64)
    piece["_creation"] = creation_keys(synapses, state["_synaptic_pre"])
    for name, queue in state["_queues"].items():  # each process's queue may have its mode
        piece[f"_queue.{name}.mode"] = np.array([_QUEUE_MODES.index(queue["mode"])])
        piece[f"_queue.{name}.items"] = queue["items"]
        piece[f"_queue.{name}.sizes"] = queue["sizes"]
    return piece


def join_pieces(network, state, pieces):
    """Process 0's ``state`` with every object in global order, from every process's
    :func:`state_pieces` (``pieces``, in rank order)."""
    joined = dict(state, objects=dict(state["objects"]))
    for obj in network._all_objects():
        own = dict(state["objects"][obj.name])
        parts = [p[obj.name] for p in pieces]
        if isinstance(obj, Synapses):
            split = _split(getattr(obj.target, "_owner", obj.target)) is not None
            own = _join_synapses(obj, own, parts if split else parts[:1])
        elif isinstance(obj, Group):
            own = _join_group(obj, own, parts)
        joined["objects"][obj.name] = own
    return joined


def _event_space(spikers, n):
    space = np.zeros(n + 1, dtype=np.int32)
    space[:spikers.size] = np.sort(spikers)
    space[-1] = spikers.size
    return space


def _join_group(group, own, parts):
    if _split(group) is None:  # held whole: the unused entries of event spaces cleared
        for name, values in own.items():
            if _is_event_space(name):
                own[name] = _event_space(values[:values[-1]].astype(np.int64), values.size - 1)
        return own
    n = _split(group)[1]
    for name in parts[0]:  # the same names on every process
        joined = np.concatenate([p[name] for p in parts])
        own[name] = _event_space(joined, n) if _is_event_space(name) else joined
    return own


def canonical_order(pre, post):
    """Positions of synapses sorted by (pre, post) global index; a stable sort, so several
    synapses of one pair stay in their multisynaptic order."""
    return np.lexsort((post, pre))


def _join_synapses(synapses, own, parts):
    sizes = [int(p["_N"][0]) for p in parts]
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    arrays = _synapse_arrays(synapses, own)
    whole = {k: np.concatenate([p[k] for p in parts]) for k in arrays}
    order = canonical_order(whole["_synaptic_pre"], whole["_synaptic_post"])
    for k in arrays:
        own[k] = whole[k][order]
    own["_N"] = int(sum(sizes))
    # where each synapse comes in one process's storage: exact for one process; for
    # several, by connect() call and presynaptic index, then rank and storage order
    created = np.arange(order.size) if len(parts) == 1 else np.lexsort(
        (np.arange(order.size), np.concatenate([p["_creation"] for p in parts])))
    storage = np.empty(order.size, dtype=np.int64)
    storage[created] = np.arange(order.size)
    own[STORAGE_ORDER] = storage[order]
    position = np.empty(order.size, dtype=np.int64)  # joined position -> canonical position
    position[order] = np.arange(order.size)
    own["_queues"] = {name: _join_queue(name, parts, offsets, position,
                                        own["_synaptic_post"], queue)
                      for name, queue in own["_queues"].items()}
    return own


def _join_queue(name, parts, offsets, position, post, queue):
    """One pathway's spikes in flight of every process. Queues of presynaptic spikes
    ("sources": a delay shared by the process's synapses) are the same on every process;
    when every process has one, it is the network's. Otherwise each process's queue
    becomes its synapses (a source's spike: the process's synapses from that source), at
    their canonical positions, each slot by target neuron."""
    modes = [_QUEUE_MODES[int(p[f"_queue.{name}.mode"][0])] for p in parts]
    if "synapses" not in modes:
        held = [k for k, mode in enumerate(modes) if mode is not None]
        if not held:
            return queue
        first = parts[held[0]]
        return {"mode": "sources", "items": first[f"_queue.{name}.items"],
                "sizes": first[f"_queue.{name}.sizes"]}
    slots = []
    for part, offset, mode in zip(parts, offsets, modes):
        items = part[f"_queue.{name}.items"].astype(np.int64)
        in_slots = np.split(items, np.cumsum(part[f"_queue.{name}.sizes"])[:-1])
        if mode == "sources":  # a source's spike reaches all of this process's synapses of it
            pre = part["_synaptic_pre"]
            in_slots = [np.flatnonzero(np.isin(pre, slot)) for slot in in_slots]
        slots.append([position[slot + offset] for slot in in_slots] if mode else [])
    merged = [np.concatenate([p[k] for p in slots if k < len(p)])
              for k in range(max(map(len, slots)))]
    merged = [slot[np.argsort(post[slot], kind="stable")] for slot in merged]
    return {"mode": "synapses",
            "items": np.concatenate(merged or [np.zeros(0, np.int64)]).astype(np.int32),
            "sizes": np.array([s.size for s in merged], dtype=np.int64)}


def _gather_list(comm, array):
    """Every process's ``array`` as a list in rank order on process 0 (None elsewhere)."""
    array = np.asarray(array)
    lengths = comm.gather_array(np.array([array.shape[0] if array.ndim else 1], np.int64))
    joined = comm.gather_array(array.reshape(-1))
    if joined is None:
        return None
    return np.split(joined, np.cumsum(lengths)[:-1])


def global_state(network, state, comm):
    """Collective: ``state`` (this process's, as ``take_state`` gives it) joined into the
    whole network's state in global order on process 0; None on the others."""
    pieces = state_pieces(network, state)
    gathered = {}
    for name in sorted(pieces):  # the same order on every process
        for key in sorted(pieces[name]):
            gathered[name, key] = _gather_list(comm, pieces[name][key])
    if comm.rank != 0:
        return None
    per_rank = [{name: {} for name in pieces} for _ in range(comm.size)]
    for (name, key), arrays in gathered.items():
        for rank, array in enumerate(arrays):
            per_rank[rank][name][key] = array
    return join_pieces(network, state, per_rank)


# --- reading: this process's part of a global state --------------------------------------------
def local_state(network, state):
    """This process's part of a global ``state`` (as :func:`global_state` wrote it)."""
    local = dict(state, objects=dict(state["objects"]))
    for obj in network._all_objects():
        if obj.name not in state["objects"]:
            continue  # check_state names what is missing
        own = dict(state["objects"][obj.name])
        if isinstance(obj, Synapses):
            own = _local_synapses(obj, own)
        elif isinstance(obj, Group) and _split(obj) is not None:
            own = _local_group(obj, own)
        local["objects"][obj.name] = own
    return local


def _wrong_size(obj, what, found, expected):
    return CheckpointLayoutError(
        f"the checkpoint holds {found} {what} of '{obj.name}', which has {expected}",
        obj=obj.name, hint="restore into the network (same sizes) that stored it")


def _local_group(group, own):
    start, n = _split(group)
    stop = start + _stored(group)
    for name, values in own.items():
        if _is_event_space(name) and isinstance(values, np.ndarray) and values.ndim == 1 \
                and values.size == n + 1:
            spikers = values[:max(0, min(int(values[-1]), n))].astype(np.int64)
            mine = spikers[(spikers >= start) & (spikers < stop)] - start
            space = np.zeros(group.variables[name].array.size, dtype=values.dtype)
            space[:mine.size] = mine
            space[-1] = mine.size
            own[name] = space
    for name in _element_arrays(group, own):
        if getattr(own[name], "shape", None) != (n,):
            raise _wrong_size(group, f"values of '{name}' for the elements",
                              getattr(own[name], "size", 0), n)
        own[name] = own[name][start:stop]
    return own


def _local_synapses(synapses, own):
    storage = own.pop(STORAGE_ORDER, None)
    n = own.get("_N")
    arrays = _synapse_arrays(synapses, own) if "_delays_per_synapse" in own else None
    if not isinstance(n, int) or isinstance(n, bool) or n < 0 or arrays is None or \
            any(getattr(own[key], "shape", None) != (n,) for key in arrays if key in own):
        return own  # check_state names what is wrong
    if not isinstance(storage, np.ndarray) or storage.shape != (n,) or \
            not np.array_equal(np.sort(storage), np.arange(n)):
        raise _wrong_size(synapses, "positions in storage order for the synapses",
                          getattr(storage, "size", 0), n)
    owner = getattr(synapses.target, "_owner", synapses.target)
    split = _split(owner)
    if split is None:  # held whole: every synapse
        keep = np.arange(n)
    else:  # the synapses onto this process's neurons
        start, stop = split[0], split[0] + _stored(owner)
        post = own["_synaptic_post"]
        keep = np.flatnonzero((post >= start) & (post < stop))
    keep = keep[np.argsort(storage[keep], kind="stable")]  # stored as one process stores them
    for key in arrays:
        own[key] = own[key][keep]
    own["_N"] = int(keep.size)
    local = np.full(n, -1, dtype=np.int64)
    local[keep] = np.arange(keep.size)
    own["_queues"] = dict(own["_queues"])
    for name, queue in own["_queues"].items():
        if queue["mode"] != "synapses":
            continue
        slots = np.split(local[queue["items"]], np.cumsum(queue["sizes"])[:-1])
        slots = [slot[slot >= 0] for slot in slots]
        own["_queues"][name] = {
            "mode": "synapses",
            "items": np.concatenate(slots or [np.zeros(0, np.int64)]).astype(np.int32),
            "sizes": np.array([s.size for s in slots], dtype=np.int64)}
    return own


