"""How kernels reach a ``(linked)`` variable: the other group's array, at the index the
link maps each element to; and which kernels must write through links one element at a
time."""
from ..ir.variables import LinkedVariable


def storage_access(var, index, symbols):
    """``(storage variable, index text)`` for kernel name ``var`` read at ``index`` (the
    text of the element in the owner's arrays); a linked variable composes its link."""
    if not isinstance(var, LinkedVariable):
        return var, index
    return var.storage(), var.index_text(index, symbols.array)


def row_index(var, symbols):
    """Name of the index array when a link reads the owner's element ``k`` at exactly
    ``index[k]`` (plus at most one offset): one lookup along the owner's elements, which a
    pathway can prefetch; else None."""
    links = []
    while isinstance(var, LinkedVariable):
        links.append(var)
        var = var.target
    if links[0].shared or links[0].index is None or any(
            link.to_one or link.index is not None for link in links[1:]):
        return None
    if sum(1 for link in links if link.offset) > 1:
        return None
    return symbols.array(links[0].index)


def link_rounds(op, targets, symbols):
    """Arrays by which the elements of ``op`` that write one stored element through a
    ``(linked)`` variable with an index are told apart: such kernels run those elements
    one after another (C: no SIMD, no threads; NumPy: in rounds), as Brian2's C loop
    does."""
    rounds = []
    for name in sorted(set(targets)):
        var = op.variables.get(name)
        if isinstance(var, LinkedVariable) and not var.shared and \
                op.var_index.get(name) is None:
            by = var.write_rounds(op.stop, symbols.cache(var, "link_rounds"))
            if by is not None:
                rounds.append(symbols.array(by))
    return rounds


def reads_what_it_writes(op, used, targets, symbols):
    """Whether an element of ``op`` reads, through a ``(linked)`` variable, an array that
    ``op`` writes (``dv/dt = (v_other - v)/tau`` with ``v_other`` linked to ``v`` of the
    same group at another index). Brian2's C loop then reads the new value of the
    elements before it and the old value of the rest: such kernels run their elements in
    order, on one thread, as ``link_rounds`` kernels do (lanes of a SIMD loop, or another
    thread, would read old values where that loop reads new ones)."""
    written = set()
    for name in targets:
        var = op.variables.get(name)
        if var is not None and hasattr(var, "storage"):
            written.add(symbols.array(var.storage()))
        elif var is not None and not getattr(var, "shared", True):
            written.add(symbols.array(var))
    return any(isinstance(op.variables.get(name), LinkedVariable)
               and symbols.array(op.variables[name].storage()) in written
               for name in used if name not in targets)
