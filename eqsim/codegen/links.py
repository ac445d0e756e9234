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
