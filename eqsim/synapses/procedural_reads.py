"""Reading procedural synapses: they store nothing per synapse, so ``S.i[:]``, ``S.j[:]``,
``S.w[:]`` (a per-synapse constant given by an expression), ``S.x_pre`` and ``S.delay[:]``
are computed on read, from the same counter-based draws the kernels make. They list the
synapses in the order ``connect(p=...)`` without ``procedural=True`` would store them, so a
procedural Synapses and its stored twin read alike.

Reading builds arrays of one value per synapse, which procedural connectivity exists to
avoid: when they would not fit in the available memory, the read is refused with the
estimate instead of exhausting the machine.
"""
import numpy as np

from ..codegen.run_now import evaluate_expression
from ..core.memory import available_memory, format_bytes
from ..errors import ConnectError, ProceduralReadError
from ..units import Quantity
from .procedural_values import keyed_value, per_synapse_constants

#: bytes a read needs per synapse: the (i, j) pairs as generated (two int64 while they are
#: drawn, kept as int32) and one float64 value
BYTES_PER_SYNAPSE = 8 + 8 + 8
_INDEX_NAMES = {"i": 0, "_synaptic_pre": 0, "j": 1, "_synaptic_post": 1}


def connection_seed(seed, obj):
    """``seed`` of ``connect(seed=...)``, checked: a whole number >= 0."""
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or \
            seed < 0:
        raise ConnectError(f"the seed of connect() must be a whole number >= 0, got {seed!r:.40}",
                           obj=obj, hint="connect(p=0.1, seed=42)")
    return int(seed)


def procedural_readable(synapses):
    """Names whose per-synapse values a procedural Synapses computes on read."""
    return set(_INDEX_NAMES) | per_synapse_constants(synapses)


def _pairs(synapses, values=0):
    """The (i, j) arrays of the synapses, after checking that they (and ``values``
    arrays of one float per synapse) fit in memory."""
    n = len(synapses)
    needed = n * (BYTES_PER_SYNAPSE + 8 * max(values - 1, 0))
    available = available_memory()
    if available is not None and needed > available:
        raise ProceduralReadError(
            f"reading the {n} procedural synapses of '{synapses.name}' needs about "
            f"{format_bytes(needed)} ({BYTES_PER_SYNAPSE} bytes per synapse), but only "
            f"{format_bytes(available)} are available", obj=synapses.name,
            hint="len(S) needs no memory per synapse; a read builds all of them at once, "
                 "so read a smaller network's, or on a machine with more memory")
    i, j = synapses._procedural_pairs()
    return np.asarray(i), np.asarray(j)


def synaptic_indices(synapses, side):
    """Pre- (``side='pre'``) or postsynaptic indices of all synapses, stored or computed."""
    if synapses._procedural is None:
        return synapses.variables["_synaptic_" + side].array
    return _pairs(synapses)[0 if side == "pre" else 1]


def read_procedural(synapses, name, item, run_namespace):
    """``S.<name>[item]`` of procedural synapses: indices or a per-synapse constant's
    values, computed for the synapses that exist.

    Raises
    ------
    ProceduralReadError
        ``item`` is a string condition, or the values would not fit in memory.
    ProceduralValueError
        A per-synapse constant without an expression.
    """
    if isinstance(item, str):
        raise ProceduralReadError(
            f"procedural synapses of '{synapses.name}' cannot be indexed by a condition "
            f"({item!r:.60})", obj=synapses.name,
            hint=f"read all values and select with NumPy: w = {synapses.name}.{name}[:]; "
                 f"i = {synapses.name}.i[:]; w[i > 5]")
    if name in _INDEX_NAMES:
        values = _pairs(synapses)[_INDEX_NAMES[name]]
        dim = None
    else:
        expr, constants = keyed_value(synapses, name, run_namespace)
        i, j = _pairs(synapses, values=1)
        text = synapses._procedural["values"][name][0]
        values = evaluate_expression(
            expr, {"i": i, "j": j, **{n: v.value for n, v in constants.items()}}, {},
            np.arange(i.size), seed=synapses.draw_key()[0], evaluation=0, obj=synapses.name,
            text=text).copy()
        dim = synapses.variables[name].dim
    values = values[item]
    if dim is None or dim.is_dimensionless:
        return values
    return Quantity(values, dim=dim)
