"""What each operation kind adds to its kernel's template context beyond the arrays,
scalars and buffers it declares (:func:`eqsim.ir.operations.declared_fields`): the
registry from kind to template and context builder.

The template of kind ``k`` is ``templates/<target>/k.*.j2``; a kind without an entry in
:data:`KIND_CONTEXTS` needs nothing but its declarations.
"""
import numpy as np

from ..ir.operations import OPERATION_KINDS
from ..ir.variables import ArrayVariable
from .dense_rows import dense_context
from .procedural_rows import procedural_context
from .identifiers import mangle

# target arrays smaller than this stay in the core's caches: prefetching them costs more
# than it saves
PREFETCH_TARGET_BYTES = 256 * 1024


def _recorded(op, symbols, context, prefix, element):
    """Monitors: one float64 buffer per recorded variable, filled from the local that
    holds the statement's value."""
    context["recorded"] = [(symbols.buffer(mangle("b", prefix, var), "float64"),
                            mangle("v", local)) for var, local in op.recorded]
    context["value_buffers"] = [b for b, _ in context["recorded"]]


def _rounds(op, symbols, context, prefix, element):
    context["rounds_by"] = [symbols.array(op.variables[n]) for n in op.rounds_by]
    context["reached"] = _reached_by(op, symbols, context)
    context["one_at_a_time"] = _reads_where_it_writes_otherwise(context["reached"],
                                                                context["writes"])


def _pathway(op, symbols, context, prefix, element):
    context["queue"] = symbols.queue(op.queue)
    context["homogeneous"] = op.homogeneous
    if not op.homogeneous:
        context["delay"] = context["delay_steps"]
    _rounds(op, symbols, context, prefix, element)
    # threads split the synapses by target neuron, so no two threads write one neuron
    # and each neuron sees its synapses in the serial order
    context["threaded"] = (symbols.threads > 1 and op.homogeneous
                           and all(n == "_synaptic_post" for n in op.rounds_by)
                           and op.post_index is not None
                           and _split_by_target_is_safe(context["reached"],
                                                        context["writes"]))
    # a dense pathway's team splits its rows' words instead (templates/cython/pathway.c.j2)
    context["dense"] = dense_context(op, symbols, context, prefix, element)
    if context["threaded"] and context["dense"] is None:
        _thread_context(op, symbols, context, prefix)
    context["prefetch_rows"], context["prefetch_targets"] = _prefetch_lists(
        context["reads"] + context["writes"], element, symbols)


def _thread_context(op, symbols, context, prefix):
    post = op.variables[op.post_index]
    ptr_var = op.variables[op.csr_ptr]
    order = None if op.csr_order is None else op.variables[op.csr_order].array
    ptr, syn = symbols.derived(post, "thread_partitions", (op.name, symbols.threads),
                               post.array, lambda: thread_partition(
                                   post.array, ptr_var.array, order, symbols.threads))
    context["thread_ptr"] = symbols.array(ArrayVariable(
        f"_tptr_{prefix}", op.owner, None, array=ptr))
    context["thread_syn"] = None if syn is None else symbols.array(ArrayVariable(
        f"_tsyn_{prefix}", op.owner, None, array=syn))
    context["n_sources"] = symbols.constant(mangle("ki", prefix, "n_sources"),
                                            ptr_var.array.size - 1, np.int64)
    bounds = symbols.derived(post, "thread_bounds", symbols.threads, post.array,
                             lambda: thread_bounds(post.array.max(initial=-1) + 1,
                                                   symbols.threads))
    context["partitioned"] = _partitioned(context["reached"], "post", bounds)


def _reached_by(op, symbols, context):
    """``{array: how the kernel indexes it}``: ``("post", offset)`` through the target
    index, ``("element",)`` at the synapse itself, ``("via", index, offset)`` through
    another index (the source's), ``("other",)`` through a link or at a shared slot."""
    post_index = getattr(op, "post_index", None)
    post = op.variables[post_index] if post_index is not None else None
    reached = {}
    for name in context["locals"]:
        var = op.variables.get(name)
        if not isinstance(var, ArrayVariable):  # constants, t, dt; linked variables
            if var is not None and hasattr(var, "storage"):
                reached.setdefault(symbols.array(var.storage()), set()).add(("other",))
            continue
        mapped = op.var_index.get(name)
        if var.shared:
            how = ("other",)
        elif mapped is None:
            how = ("element",)
        elif post is not None and mapped[0] is post:
            how = ("post", int(mapped[1] or 0))
        else:
            index = mapped[0] if isinstance(mapped[0], str) else symbols.array(mapped[0])
            how = ("via", index, int(mapped[1] or 0))
        reached.setdefault(symbols.array(var), set()).add(how)
    return reached


def _reads_where_it_writes_otherwise(reached, writes):
    """Whether the kernel reaches an array it writes in more than one way (``ge_post -=
    0.5*ge_pre`` within one group): a synapse may then read what an earlier synapse of
    the step wrote, as in Brian2's C loop, so the NumPy target's rounds (each a vector
    operation over synapses with distinct targets) become one synapse each."""
    return any(len(reached.get(c_name, ())) > 1 for c_name in {a.c_name for a in writes})


def _split_by_target_is_safe(reached, writes):
    """Threads that split a pathway's synapses by target never touch an element another
    thread writes: every array the kernel writes is reached only through the target
    index (one offset) or only at the synapse. A pathway that adds to ``ge_post`` what it
    reads from ``ge_pre`` of the same group is not: a source's value, read on every
    thread, is a target another thread is adding to."""
    for c_name in {access.c_name for access in writes}:
        hows = reached.get(c_name, {("other",)})
        if len(hows) != 1 or next(iter(hows))[0] not in ("post", "element"):
            return False
    return True


def _partitioned(reached, via, bounds):
    """``{array: the elements of each thread's share}`` for the arrays a threaded kernel
    reaches only ``via`` its target index (a pathway: share k touches only elements
    ``bounds[k] + offset`` up to ``bounds[k + 1] + offset``, whatever arrives) or its own
    element (blocks: ``bounds`` are elements). Two kernels whose shares of an array
    coincide may run in one fork although both write it (codegen/fusion.py): each
    element still sees one kernel's work, then the other's, on one thread, as in the
    serial order."""
    return {c_name: tuple(int(b) + (how[1] if via == "post" else 0) for b in bounds)
            for c_name, hows in reached.items()
            for how in hows if len(hows) == 1 and how[0] == via}


def _poissoninput(op, symbols, context, prefix, element):
    """``team_blocks``: the team shares the element blocks (not when a shared variable is
    written by every element, or elements run in order); then the arrays each thread's
    blocks alone touch (``partitioned``), for codegen/fusion.py."""
    context["team_blocks"] = (symbols.threads > 1 and not context["in_order"]
                              and not any(w.shared for w in context["writes"]))
    if context["team_blocks"]:
        bounds = op.start + thread_bounds(op.stop - op.start, symbols.threads)
        context["partitioned"] = _partitioned(_reached_by(op, symbols, context), "element",
                                              bounds)


def _reset(op, symbols, context, prefix, element):
    """``team_blocks``: each thread of the team may apply the statements of the events
    among its own element blocks (codegen/fusion.py defers it into the fork of the kernels
    before it): every array it writes is written at the event's element only, it has no
    scalar code and its elements need no order; then ``partitioned`` as a PoissonInput's."""
    reached = _reached_by(op, symbols, context)
    context["team_blocks"] = (
        symbols.threads > 1 and not context["in_order"] and not context["scalar"]["statements"]
        and all(reached.get(w.c_name) == {("element",)} for w in context["writes"]))
    if context["team_blocks"]:
        bounds = op.start + thread_bounds(op.stop - op.start, symbols.threads)
        context["partitioned"] = _partitioned(reached, "element", bounds)


def _prefetch_lists(accesses, element, symbols):
    """What a pathway can fetch ahead for a row of synapses: the arrays read along the
    row (per-synapse values, the target index) and, through the target index, the
    target neurons' values (C text with ``_q`` as the synapse index) when they do not
    fit in the core's caches."""
    rows, targets = {}, {}
    for access in accesses:
        if access.index == element:
            rows[access.c_name] = None
        elif access.via is not None:
            rows[access.via] = None
            array = getattr(symbols.arrays.get(access.c_name), "array", None)
            if array is not None and array.nbytes >= PREFETCH_TARGET_BYTES:
                targets[access.c_name] = access.q_index
    return list(rows), sorted(targets.items())


def _procedural(op, symbols, context, prefix, element):
    context["queue"] = symbols.queue(op.queue)
    context["rows"] = procedural_context(op, symbols, context, prefix)


def _summed(op, symbols, context, prefix, element):
    context["target"] = symbols.array(op.target)
    index_var, offset = op.target_index
    text = f"{symbols.array(index_var)}[{element}]"
    context["target_index"] = f"({text} + {offset})" if offset else text


def _exchange(op, symbols, context, prefix, element):
    """Per exchanged source: its local and exchanged event arrays with their sizes (the
    count is stored after the last element) and its place in the exchange's index space;
    the module declares the collective (one per module)."""
    def scalar(name, k, value):
        return symbols.constant(mangle("ki", prefix, f"{name}{k}"), value, np.int64)
    context["groups"] = [
        dict(local=symbols.array(op.variables[local]),
             local_size=scalar("localsize", k, op.variables[local].array.size - 1),
             exchanged=symbols.array(op.variables[exchanged]),
             exchanged_size=scalar("exchangedsize", k, op.variables[exchanged].array.size - 1),
             lags=symbols.array(op.variables[lags]),
             shift=scalar("shift", k, shift), low=scalar("low", k, low),
             high=scalar("high", k, high))
        for k, (local, exchanged, lags, shift, low, high) in enumerate(op.groups)]
    context["overlapped"] = op.overlapped
    symbols.collective = op.collective


#: kind -> function(op, symbols, context, prefix, element) completing its context
KIND_CONTEXTS = {
    "assign": _rounds,
    "spikeexchange": _exchange,
    "pathway": _pathway,
    "poissoninput": _poissoninput,
    "procedural": _procedural,
    "reset": _reset,
    "summed": _summed,
    "synapticcode": _rounds,
    "statemonitor": _recorded,
    "spikemonitor": _recorded,
}


def template_name(kind):
    """The template (without the target's suffix) that renders operations of ``kind``."""
    if kind not in OPERATION_KINDS and kind != "stateupdate_threshold":
        raise KeyError(f"internal error: no operation kind {kind!r}")
    return kind


#: elements per block of the kernels' element loops (EQSIM_BLOCK, eqsim_support.h)
ELEMENT_BLOCK = 256


def thread_bounds(n_targets, threads):
    """The first target of each thread's share of a pathway's targets, and ``n_targets``
    last: whole element blocks, split as a state update splits its blocks among the team,
    so each thread adds to the targets it updates (a target updated on one core and added
    to on the other moves between their caches twice a step). Uneven blocks: the first
    shares take one more (``eqsim_share_start`` in eqsim_support.h)."""
    n_blocks = -(-int(n_targets) // ELEMENT_BLOCK)
    each, extra = divmod(n_blocks, threads)
    return np.array([min((each * k + min(k, extra)) * ELEMENT_BLOCK, int(n_targets))
                     for k in range(threads + 1)], dtype=np.int64)


def thread_partition(post, ptr, order, threads):
    """Per-thread share of a pathway: thread k gets the synapses onto targets in its
    share of the target range, in the serial (presynaptic, then storage) order.

    Returns ``(ptr, syn)``. When storage is in presynaptic order and each row's targets
    are in thread order (connect() makes ascending rows), every thread's part of a row is
    a contiguous range of storage and ``syn`` is None: thread k's synapses of source s are
    ``ptr[k*n + s] : ptr[(k+1)*n + s]`` (n sources). Otherwise they are
    ``syn[ptr[k*(n+1) + s] : ptr[k*(n+1) + s + 1]]``.
    """
    n_sources = ptr.size - 1
    if order is None:
        contiguous = _contiguous_thread_splits(post, ptr, threads)
        if contiguous is not None:
            return contiguous, None
    serial = np.arange(post.size, dtype=np.int64) if order is None else order.astype(np.int64)
    source_of = np.repeat(np.arange(n_sources), np.diff(ptr))
    bounds = thread_bounds(post.max(initial=-1) + 1, threads)
    thread_of = np.searchsorted(bounds, post[serial], side="right") - 1
    counts = [np.bincount(source_of[thread_of == k], minlength=n_sources) for k in range(threads)]
    descents = np.flatnonzero(np.diff(thread_of) < 0) + 1
    if order is None and np.isin(descents, ptr).all():
        splits = [ptr[:-1].astype(np.int64)]
        for k in range(threads):
            splits.append(splits[-1] + counts[k])
        return np.concatenate(splits).astype(np.int64), None
    ptrs, syns, offset = [], [], 0
    for k in range(threads):
        mine = thread_of == k
        ptrs.append(offset + np.concatenate([[0], np.cumsum(counts[k])]))
        syns.append(serial[mine])
        offset += int(mine.sum())
    return (np.concatenate(ptrs).astype(np.int64),
            np.concatenate(syns).astype(np.int32) if syns else np.empty(0, np.int32))


def _contiguous_thread_splits(post, ptr, threads):
    """``thread_partition``'s ``ptr`` when storage is in presynaptic order and each row's
    targets are in thread order (what connect() makes), else None. Two bytes per synapse
    of temporaries (one flag array and its shifted test, one thread boundary at a time;
    each row's split is where its flags fall): the partition of 15 M synapses had taken
    ~1 s and 240 MB, then ~110 MB, more than one thread's build."""
    bounds = thread_bounds(post.max(initial=-1) + 1, threads)
    starts, ends = ptr[:-1].astype(np.int64), ptr[1:].astype(np.int64)
    nonempty = starts < ends
    splits = [starts]
    rows, rows_end = starts[nonempty], ends[nonempty]
    for bound in bounds[1:-1].tolist():  # Python ints: no int64 copy of an int32 post
        below = post < bound
        # in thread order, a row goes from below the bound to above it at most once
        if not np.isin(np.flatnonzero(below[1:] > below[:-1]) + 1, ptr).all():
            return None
        falls = np.flatnonzero(below[:-1] > below[1:]) + 1  # last below + 1
        k = np.searchsorted(falls, rows, side="right")
        fall = falls[np.minimum(k, falls.size - 1)] if falls.size else rows_end
        split = np.where(k < falls.size, np.minimum(fall, rows_end), rows_end)
        counts = np.zeros(starts.size, dtype=np.int64)
        counts[nonempty] = np.where(below[rows], split - rows, 0)
        splits.append(starts + counts)
    splits.append(ends)
    return np.concatenate(splits).astype(np.int64)
