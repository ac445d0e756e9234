"""Which scheduled operations the C target runs as one kernel.

A group's state update and its threshold read and write the same arrays one after the
other; run as one blocked kernel, each block's condition is evaluated while the block is
still in the L1 cache instead of streaming the group's state through the caches twice.
"""
from ..ir.variables import ArrayVariable, LinkedVariable


def fusable_thresholds(schedule, clock_of):
    """``{position of a state update: position of its group's threshold}`` for the pairs
    that can run as one kernel: the threshold works on the same elements and clock, keeps
    its flags (the blocked, SIMD form), and nothing scheduled between the two touches a
    variable the threshold reads or writes, so computing it earlier changes nothing."""
    pairs = {}
    for j, threshold in enumerate(schedule):
        if isinstance(threshold, tuple) or threshold.kind != "threshold" \
                or threshold.flags is None:
            continue
        touched = _arrays_of(threshold)
        for i in range(j - 1, -1, -1):
            entry = schedule[i]
            if isinstance(entry, tuple):
                break  # a network operation may read or write anything
            if (entry.kind == "stateupdate" and entry.owner == threshold.owner
                    and (entry.start, entry.stop) == (threshold.start, threshold.stop)
                    and clock_of(entry) == clock_of(threshold) and i not in pairs):
                pairs[i] = j
                break
            if _arrays_of(entry) & touched:
                break
    return pairs


def _arrays_of(op):
    """The arrays ``op`` touches (a linked variable: the other group's array and the link's
    index array)."""
    arrays = []
    for var in op.variables.values():
        if isinstance(var, LinkedVariable):
            arrays.extend(var.arrays())
        elif isinstance(var, ArrayVariable):
            arrays.append(var)
    return {(getattr(v, "owner", None), v.name) for v in arrays}


def defer_team_parts(slots, kernels, allowed=True):
    """Let consecutive threaded kernels share one fork of the thread team.

    A threaded pathway's team part (its synapses, split by target among the threads), a
    PoissonInput's (its element blocks), a fused state update and threshold's (its
    blocks and their event lists) and a reset's (the events of its element blocks; only
    joining kernels before it) are deferred: the pathway pushes and peeks its events,
    the PoissonInput prepares its binomial, the state update runs its scalar code, then
    each leaves its part to the step loop's next ``eqsim_team_flush`` (eqsim_team_threads.h),
    which runs a state update's event list and event statements after the join. The loop
    flushes before every slot but a kernel that ``joins`` the one before it: same clock,
    and no array written by one of the two is named by the other (their parts run in turn
    on each thread, so neither may see the other's work half done; a state update counts
    everything it names as written), unless the array is one that both split among the
    threads alike (brunel's excitatory and inhibitory pathways and its PoissonInput all add
    to ``v``). Marks every such kernel's context (``defer``) and
    every slot (``joins``); returns whether any kernel defers. Not ``allowed`` (one
    thread, or profile=True, which times each kernel where it runs): nothing defers."""
    contexts = {context["name"]: context for _, _, context in kernels}
    section, section_clock, any_deferred = [], None, False
    for slot in slots:
        slot["joins"] = False
        context = contexts.get(slot["kernel"]) if slot["kernel"] else None
        if context is not None and context.get("kind") == "pathway":
            context["defer"] = bool(allowed and context.get("threaded"))
        elif context is not None and context.get("kind") == "poissoninput":
            context["defer"] = bool(allowed and context.get("team_blocks"))
        elif context is not None and "state_update" in context:  # fused with its threshold
            context["defer"] = bool(allowed and not context["state_update"]["in_order"])
        elif context is not None and context.get("kind") == "reset":
            context["defer"] = bool(allowed and context.get("team_blocks"))
        if context is None or not context.get("defer"):
            section = []
            continue
        named, written = _named_and_written(context)
        shares = context.get("partitioned") or {}
        slot["joins"] = bool(section) and section_clock == slot["clock"] and all(
            _shared_alike((written & other_named) | (other_written & named), shares,
                          other_shares)
            for other_named, other_written, other_shares in section)
        if context.get("kind") == "reset" and not slot["joins"]:
            # a fork of its own for a few events costs more than their statements on the
            # calling thread; what it saves is moving its elements between the cores
            context["defer"] = False
            section = []
            continue
        any_deferred = True
        if not slot["joins"]:
            section, section_clock = [], slot["clock"]
        section.append((named, written, shares))
    return any_deferred


def _shared_alike(arrays, shares, other_shares):
    """Whether two kernels that run their parts in turn on each thread may both touch
    ``arrays``, one of them writing: only when each thread's share of every such array is
    the same elements in both (pathways onto one target variable, kinds._partitioned), so
    no thread sees the other's elements, and its own in the serial order."""
    return all(shares.get(a) is not None and shares.get(a) == other_shares.get(a)
               for a in arrays)


def _named_and_written(context):
    """(every module array and scalar a kernel names, the arrays it writes); a fused state
    update and threshold: what either names, all of it as written (its event list, flags
    and event statements write arrays that are not among its statements' writes)"""
    if "state_update" in context:
        named = set(context["state_update"]["uses"]) | set(context["threshold"]["uses"])
        return named, named
    writes = list(context["writes"]) + list(context["scalar"]["writes"])
    return set(context["uses"]), {access.c_name for access in writes}
