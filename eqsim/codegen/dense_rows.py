"""Dense pathways: rows stored as bitmasks over the targets, for the compiled target.

A pathway whose rows hold a fifth or more of the targets, each target at most once, and
whose on_pre only adds one value (the same for every synapse of the step) to one float64
variable of the target (``s_post += 1``, ``g_post += w_exc`` with a constant or shared
``w_exc``) is run word by word: a row is ``ceil(n_targets / 64)`` 64-bit masks, and each 4
targets of a word get the value or -0.0 from a 16-entry table (gcc's vector types: one load,
add and store per 4 targets). Adding -0.0 leaves every value as it is, and each target still
sees its sources in the order they arrive, so a target's sum has the same bits as in the
synapse loop. Per event that is 0.8 ns against 1.3 ns for the scatter-add through the
stored target indices on tian's rows (p = 0.25 of 8,000 targets; 1/8 of the memory
traffic); below about p = 0.15 the masks' empty lanes cost more than they save.
"""
import re

import numpy as np

from ..ir.variables import ArrayVariable
from .identifiers import mangle

#: synapses per (source, target) pair below which a pathway keeps the synapse loop
DENSE_MIN_DENSITY = 0.2

_ADD = re.compile(r"(\w+) = (\S+) ([+-]) (\S+);")
_VALUE = re.compile(r"[A-Za-z_]\w*|[0-9][0-9.eE+-]*")


def increment(context):
    """``(write, value)`` when the kernel's statements are one addition of ``value`` (a
    name or a number the whole step shares, maybe subtracted) to one float64 variable read
    and written at one index (the caller checks that it is the target's), else None."""
    writes, statements = context["writes"], context["statements"]
    if (context["condition"] is not None or context["temps"] or len(statements) != 1
            or len(writes) != 1):
        return None
    write = writes[0]
    if write.shared or write.dtype != "float64":
        return None
    if any(r.c_name != write.c_name or r.index != write.index for r in context["reads"]):
        return None
    match = _ADD.fullmatch(statements[0].strip())
    if match is None or match.group(1) != write.local:
        return None
    left, operator, right = match.group(2), match.group(3), match.group(4)
    value = right if left == write.local else left if right == write.local else None
    if value is None or value == write.local or not _VALUE.fullmatch(value):
        return None
    if operator == "-":  # x - a is x + (-a), bit for bit; a - x is not an addition to x
        if left != write.local:
            return None
        value = f"-({value})"
    return write, value


def row_masks(post, ptr, n_targets):
    """The rows ``ptr[s]:ptr[s+1]`` of target indices ``post`` as ``words`` uint64 masks
    each (bit b of word w: target 64 w + b), or None when a row holds a target twice (or
    the glue has no ``row_masks``). In
    the network glue's C: tian's 25 M synapses took 0.36 s in NumPy (a boolean matrix
    per chunk of rows, packed), a second of its half-second warm build."""
    from .module import network_glue  # (module imports this module's users)
    fill = getattr(network_glue(), "row_masks", None)
    if fill is None:  # a glue built from an older checkout: the synapse loop
        return None
    masks = np.zeros((ptr.size - 1, (n_targets + 63) // 64), dtype=np.uint64)
    post = np.ascontiguousarray(post, dtype=np.int32)
    ptr = np.ascontiguousarray(ptr, dtype=np.int64)
    return masks if fill(post, ptr, masks) else None


def _masks_if_dense(post, ptr):
    """``(masks, n_targets)`` of a pathway dense enough for masks, else ``(None, None)``."""
    if post.size == 0:
        return None, None
    n_targets = int(post.max()) + 1
    if post.size < DENSE_MIN_DENSITY * (ptr.size - 1) * n_targets:
        return None, None
    return row_masks(post, ptr, n_targets), n_targets


def _flat_masks(post, ptr):
    """``(masks, words per row, n_targets)`` of a dense pathway, the masks as one flat
    array (one object for every module made of it: module_reuse compares them), else
    ``(None, None, None)``."""
    masks, n_targets = _masks_if_dense(post, ptr)
    if masks is None:
        return None, None, None
    return masks.reshape(-1), masks.shape[1], n_targets


def dense_context(op, symbols, context, prefix, element):
    """The template's ``dense`` entry of a pathway kernel (None: the synapse loop)."""
    if not symbols.compiled or not op.homogeneous or op.post_index is None:
        return None
    if op.csr_order is not None:  # rows are not runs of storage (an on_post pathway): the
        return None               # masks would be of other synapses' targets
    found = increment(context)
    if found is None:
        return None
    write, value = found
    via = symbols.array(op.variables[op.post_index])
    site = f"{via}[{element}]"
    if write.via != via or write.index.count(site) != 1:
        return None
    base = write.index.replace(site, "0")
    post_var = op.variables[op.post_index]
    post, ptr = post_var.array, op.variables[op.csr_ptr].array
    flat, words, n_targets = symbols.derived(post_var, "dense_rows", op.name, post,
                                             lambda: _flat_masks(post, ptr))
    if flat is None:
        return None
    bits = symbols.array(ArrayVariable(f"_bits_{prefix}", op.owner, None, array=flat))

    def constant(name, number):
        return symbols.constant(mangle("ki", prefix, name), number, np.int64)
    return dict(bits=bits, target=write.c_name, base=base, value=value,
                words=constant("words", words), n_words=int(words),
                n_targets=constant("n_targets", n_targets))
