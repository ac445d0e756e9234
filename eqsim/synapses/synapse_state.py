"""What ``store()`` keeps of a Synapses object and how ``restore()`` checks and puts it
back: its arrays (one value per synapse), the number of synapses, which delays are
per synapse, and the spikes in flight in each pathway's queue."""
import numpy as np

from ..core.state_check import (check_array, check_indices, check_keys, check_scalar,
                                mismatch)
from ..ir.variables import ArrayVariable

_QUEUE_MODES = (None, "sources", "synapses")


def _arrays(synapses):
    """{name: variable} of the stored arrays, each once (``i`` and ``j`` are aliases)."""
    return {name: var for name, var in synapses.variables.items()
            if isinstance(var, ArrayVariable) and name == var.name}


def synapse_state(synapses):
    """A copy of everything ``restore()`` needs to put back."""
    state = {name: var.array.copy() for name, var in _arrays(synapses).items()}
    state["_N"] = int(synapses.N)
    state["_delays_per_synapse"] = [p.delay_name for p in synapses.pathways
                                    if not synapses.variables[p.delay_name].shared]
    # each queue as two arrays (all items, the number in each slot), not one per slot
    state["_queues"] = {p.name: {"mode": p.queue_mode,
                                 "items": np.concatenate([np.asarray(a, dtype=np.int32)
                                                          for a in p.queue_state] or
                                                         [np.zeros(0, np.int32)]),
                                 "sizes": np.array([len(a) for a in p.queue_state],
                                                   dtype=np.int64)}
                        for p in synapses.pathways}
    return state


def check_synapse_state(synapses, state):
    """Raise ``CheckpointError`` unless ``state`` fits ``synapses``: every per-synapse
    array has one value per stored synapse, and every index (presynaptic, postsynaptic,
    queued) is in range, since kernels index other arrays with them."""
    name, arrays = synapses.name, _arrays(synapses)
    check_keys(state, [*arrays, "_N", "_delays_per_synapse", "_queues"], name)
    n = check_scalar(state["_N"], name, "_N", int, minimum=0)
    if synapses._procedural is not None and n:
        raise mismatch(name, f"{n} stored synapses for procedural synapses (none stored)")
    delays = {p.delay_name for p in synapses.pathways}
    per_synapse = state["_delays_per_synapse"]
    if not isinstance(per_synapse, list) or \
            not all(isinstance(d, str) and d in delays for d in per_synapse):
        raise mismatch(name, f"'_delays_per_synapse' should list some of {sorted(delays)}")
    for key, var in arrays.items():
        if key in delays:
            shape = (n,) if key in per_synapse else (1,)
        else:
            shape = (n,) if var.dynamic and not var.shared else var.array.shape
        check_array(state[key], name, key, var.dtype, shape)
    # i and j are global indices (a process stores a slice of a partitioned group)
    check_indices(state["_synaptic_pre"], name, "_synaptic_pre", synapses.source.global_size())
    check_indices(state["_synaptic_post"], name, "_synaptic_post",
                  synapses.target.global_size())
    queues = state["_queues"]
    check_keys(queues, [p.name for p in synapses.pathways], name, "pathway queues")
    for pathway in synapses.pathways:
        key = f"_queues.{pathway.name}"
        queue = queues[pathway.name]
        check_keys(queue, ("mode", "items", "sizes"), name, f"entries of '{key}'")
        mode = queue["mode"]
        items = check_array(queue["items"], name, f"{key}.items", np.int32)
        sizes = check_array(queue["sizes"], name, f"{key}.sizes", np.int64)
        if not (mode is None or isinstance(mode, str)) or mode not in _QUEUE_MODES or \
                np.any(sizes < 0) or sizes.sum() != items.size or (mode is None and items.size):
            raise mismatch(name, f"'{key}' is not a spike queue")
        upper = pathway.trigger_group.global_size() if mode == "sources" else n
        check_indices(items, name, f"{key}.items", upper)


def apply_synapse_state(synapses, state, set_arrays):
    """Put back a state that :func:`check_synapse_state` accepted; ``set_arrays`` is the
    group's way of writing arrays."""
    state = dict(state)
    n = state.pop("_N")
    per_synapse = state.pop("_delays_per_synapse")
    queues = state.pop("_queues")
    pre = state.pop("_synaptic_pre")
    pre_var, post_var = synapses.variables["_synaptic_pre"], synapses.variables["_synaptic_post"]
    # the synapses it has (a sweep restoring its start): their arrays stay the same objects,
    # so that the network keeps its module and what it derived from them (row masks, thread
    # partitions); other synapses get new arrays, which tell everything derived to go
    same = n == synapses.N and np.array_equal(post_var.array, state["_synaptic_post"]) and \
        same_presynaptic(pre_var, pre)
    for pathway in synapses.pathways:  # before resizing: per-synapse delays grow with it
        synapses.variables[pathway.delay_name].shared = pathway.delay_name not in per_synapse
    synapses._resize(n, keep_fitting=same)
    if not same:
        pre_var.assign(pre)
    set_arrays(state)
    for pathway in synapses.pathways:
        pathway.queue_mode = queues[pathway.name]["mode"]
        queue = queues[pathway.name]
        sizes = np.asarray(queue["sizes"])
        pathway.queue_state = np.split(np.asarray(queue["items"], dtype=np.int32),
                                       np.cumsum(sizes)[:-1]) if sizes.size else []


def same_presynaptic(pre_var, pre):
    """Whether the presynaptic indices ``pre`` are those ``pre_var`` holds; its implicit
    form (row pointers) is compared without making its array (tian: 25 ms a restore()):
    ``pre`` sorted, and each row's first and last synapse of that row."""
    pre = np.asarray(pre)
    if not pre_var.implicit:
        return np.array_equal(pre_var.array, pre)
    ptr = pre_var.row_pointers
    if pre.ndim != 1 or pre.size != ptr[-1]:
        return False
    if pre.size < 2 or bool(np.all(pre[1:] >= pre[:-1])):
        rows = np.flatnonzero(ptr[1:] > ptr[:-1])
        return bool(np.array_equal(pre[ptr[rows]], rows) and
                    np.array_equal(pre[ptr[rows + 1] - 1], rows))
    return False
