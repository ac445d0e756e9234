"""What each operation kind adds to its kernel's template context beyond the arrays,
scalars and buffers it declares (:func:`eqsim.ir.operations.declared_fields`): the
registry from kind to template and context builder.

The template of kind ``k`` is ``templates/<target>/k.*.j2``; a kind without an entry in
:data:`KIND_CONTEXTS` needs nothing but its declarations.
"""
import itertools

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
    elif context["threaded"]:  # parts of whole blocks of words (eqsim_dense_split)
        context["n_parts"] = target_parts(context["dense"]["n_words"] * 64, symbols.threads)
    if context["threaded"]:
        n_rows = max(op.variables[op.csr_ptr].array.size - 1, 1)
        context["first_claim"] = first_claim(
            op.variables[op.post_index].array.size / n_rows, context["n_parts"],
            symbols.threads)
    context["prefetch_rows"], context["prefetch_targets"] = _prefetch_lists(
        context["reads"] + context["writes"], element, symbols)


def _thread_context(op, symbols, context, prefix):
    post = op.variables[op.post_index]
    ptr_var = op.variables[op.csr_ptr]
    order = None if op.csr_order is None else op.variables[op.csr_order].array
    n_targets = symbols.derived(post, "n_targets", None, post.array,
                                lambda: int(post.array.max(initial=-1)) + 1)
    parts, tapered = target_parts(n_targets, symbols.threads), tapered_parts(symbols.threads)
    ptr, syn = symbols.derived(post, "thread_partitions", (op.name, parts, tapered),
                               post.array, lambda: thread_partition(
                                   post.array, ptr_var.array, order, parts, tapered))
    context["thread_ptr"] = symbols.array(ArrayVariable(
        f"_tptr_{prefix}", op.owner, None, array=ptr))
    context["thread_syn"] = None if syn is None else symbols.array(ArrayVariable(
        f"_tsyn_{prefix}", op.owner, None, array=syn))
    context["n_sources"] = symbols.constant(mangle("ki", prefix, "n_sources"),
                                            ptr_var.array.size - 1, np.int64)
    context["n_parts"] = parts
    bounds = symbols.derived(post, "thread_bounds", (parts, tapered), post.array,
                             lambda: thread_bounds(n_targets, parts, tapered))
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
        _element_parts(op, symbols, context, _reached_by(op, symbols, context))


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
        _element_parts(op, symbols, context, reached)


def _element_parts(op, symbols, context, reached):
    """A blocked kernel's parts (``n_parts``: the same as a pathway's onto these elements)
    and the arrays each part alone touches (``partitioned``), for codegen/fusion.py."""
    context["n_parts"] = target_parts(op.stop - op.start, symbols.threads)
    bounds = op.start + thread_bounds(op.stop - op.start, context["n_parts"],
                                      tapered_parts(symbols.threads))
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
_BLOCK_BITS = 8  # log2(ELEMENT_BLOCK)
#: a team of two splits the targets of its shared forks (pathways, PoissonInputs, resets)
#: into up to this many parts per thread, and each thread claims parts as it gets to them
#: (eqsim_threads_run_deferred, eqsim_team_threads.h): with one half each, the thread whose core
#: the host slowed made the other wait at every join (brunel: 4-15 us of a 70-90 us fork).
#: Each claim goes over the step's arriving rows again: 8 equal parts per thread added ~20 %
#: to coba x16's pathway work, 4 nothing measurable (benchmarks/team_parts.py). The parts
#: halve in size towards the middle (``part_starts``), which is claimed last
PARTS_PER_THREAD = 4


def target_parts(n_targets, threads):
    """The parts a threaded kernel splits ``n_targets`` targets (or elements) into: whole
    element blocks, at most ``PARTS_PER_THREAD`` per thread for a team of two (claimed
    parts), one per thread for a bigger team (fixed shares)."""
    n_blocks = -(-int(n_targets) // ELEMENT_BLOCK)
    if threads != 2:
        return threads
    return max(threads, min(threads * PARTS_PER_THREAD, n_blocks))


def tapered_parts(threads):
    """Whether a module's target parts are tapered (``part_starts``): a team of two claims
    them (EQSIM_TAPERED_PARTS, network.c.j2)."""
    return threads == 2


#: a row's part (of a team of two's tapered target parts) this long on average or longer
#: is claimed one part at a time: brunel (~156 synapses a part) 1.83-1.97x in one process
#: against 1.65-1.80x with its first claim three parts; coba x16 (~10) the other way round,
#: 1.46-1.66x against 1.84-1.91x (benchmarks/team_parts.py)
LONG_ROW_PART = 64


def first_claim(synapses_per_row, parts, threads):
    """How many target parts a thread of a team of two claims first (eqsim_claim_parts):
    one when a row's part is long (its work dwarfs a claim's pass over the arriving rows),
    else all but the innermost part of its side (the fewest passes that still leave the
    small middle parts to balance the threads)."""
    if not tapered_parts(threads) or synapses_per_row / parts >= LONG_ROW_PART:
        return 1
    return max(1, parts // 2 - 1)


def part_starts(n_blocks, parts, tapered):
    """The first block of each of ``parts`` parts of ``n_blocks`` blocks, and ``n_blocks``
    last (``eqsim_part_start`` in eqsim_support.h: the same integer arithmetic). Equal
    parts, the first ones one block more when uneven (the calling thread's share starts at
    once, a worker's when it sees the fork); ``tapered`` (a team of two, which claims its
    parts from both ends, the middle last): each part half the next one out, at least one
    block each, so the last claimed is small."""
    if not tapered or parts <= 2 or n_blocks <= parts:
        each, extra = divmod(n_blocks, parts)
        return [each * k + min(k, extra) for k in range(parts + 1)]
    weights = [1 << min((parts + 1) // 2 - 1 - min(k, parts - 1 - k), 20) for k in range(parts)]
    before = [0, *itertools.accumulate(weights)]
    return [k + (n_blocks - parts) * before[k] // before[-1] for k in range(parts + 1)]


def thread_bounds(n_targets, parts, tapered):
    """The first target of each of ``parts`` parts of a pathway's targets, and
    ``n_targets`` last: whole element blocks (``part_starts``), split as a state update
    splits its blocks among the team, so each thread mostly adds to the targets it updates
    (a target updated on one core and added to on the other moves between their caches
    twice a step)."""
    n_blocks = -(-int(n_targets) // ELEMENT_BLOCK)
    return np.array([min(b * ELEMENT_BLOCK, int(n_targets))
                     for b in part_starts(n_blocks, parts, tapered)], dtype=np.int64)


def thread_partition(post, ptr, order, parts, tapered):
    """The parts of a pathway: part k gets the synapses onto targets in its share of the
    target range (``thread_bounds``), in the serial (presynaptic, then storage) order.

    Returns ``(ptr, syn)``. When storage is in presynaptic order and each row's targets
    are ascending part by part (connect() makes ascending rows), every part of a row is a
    contiguous range of storage, parts in order, and ``syn`` is None: part k's synapses of
    source s are ``ptr[s*(P+1) + k] : ptr[s*(P+1) + k + 1]`` (P parts), so parts k up to
    j of it are ``ptr[s*(P+1) + k] : ptr[s*(P+1) + j]``: a row's part starts share a cache
    line or two, whichever parts a thread claims. Otherwise they are
    ``syn[ptr[k*(n+1) + s] : ptr[k*(n+1) + s + 1]]`` (n sources).
    """
    n_sources = ptr.size - 1
    bounds = thread_bounds(post.max(initial=-1) + 1, parts, tapered)
    if order is None:
        contiguous = _contiguous_part_splits(post, ptr, bounds)
        if contiguous is not None:
            return contiguous, None
    serial = np.arange(post.size, dtype=np.int64) if order is None else order.astype(np.int64)
    source_of = np.repeat(np.arange(n_sources), np.diff(ptr))
    part_of = np.searchsorted(bounds, post[serial], side="right") - 1
    ptrs, syns, offset = [], [], 0
    for k in range(parts):
        mine = part_of == k
        counts = np.bincount(source_of[mine], minlength=n_sources)
        ptrs.append(offset + np.concatenate([[0], np.cumsum(counts)]))
        syns.append(serial[mine])
        offset += int(mine.sum())
    return (np.concatenate(ptrs).astype(np.int64),
            np.concatenate(syns).astype(np.int32) if syns else np.empty(0, np.int32))


def _contiguous_part_splits(post, ptr, bounds):
    """``thread_partition``'s ``ptr`` when storage is in presynaptic order and each row's
    targets are in part order (what connect() makes), else None: one pass over the
    synapses in the compiled glue (``part_splits``), each synapse's part from a table of
    its target's element block (bounds are whole blocks). NumPy's searches over the places
    where the block changes took 0.12 s for each of coba x16's pathways (2.5 M synapses in
    rows of 80, the block changing at almost every synapse)."""
    from .module import network_glue
    parts, n_sources = bounds.size - 1, ptr.size - 1
    n_blocks = -(-int(bounds[-1]) // ELEMENT_BLOCK)
    table = (np.searchsorted(bounds, np.arange(n_blocks, dtype=np.int64) * ELEMENT_BLOCK,
                             side="right") - 1).astype(np.int16)
    out = np.empty(n_sources * (parts + 1), dtype=np.int64)
    in_order = network_glue().part_splits(
        np.ascontiguousarray(post, dtype=np.int32), np.ascontiguousarray(ptr, dtype=np.int64),
        table, _BLOCK_BITS, parts, out)
    return out if in_order else None
