"""Which random stream every draw of eqsim comes from: the one keying rule.

Every random number is a pure function of ``(seed, stream, step, index)``
(:mod:`eqsim.runtime.random`, ``eqsim_random.h``). The seed is the user's, the step
the clock's, the index the element's; this module decides the *stream*, so that
kernels, string assignments, connect() and the input groups cannot disagree on it
and a distributed backend has one place to follow.

The rule: a stream is :func:`stream_id` of a tuple of names that say *who* draws
(the object's creation number since the last ``seed()``, never its possibly
auto-generated name) and *which draw* it is (the operation's role, the n-th random
call). Draws outside a run (string assignments, ``G.v['rand() < 0.5']``) are keyed
by the k-th evaluation since ``seed()`` and use a step beyond any run's
(:data:`EVALUATION_STEP_BASE` + k), so they never meet a kernel's draws.
"""
import hashlib

import numpy as np

#: stream numbers keep 52 bits: generated modules pass them as exact doubles too
STREAM_BITS = 52
#: the step of the k-th string evaluation is ``EVALUATION_STEP_BASE + k``
EVALUATION_STEP_BASE = 2**40


def stream_id(*names):
    """A stable stream number for a tuple of names.

    BLAKE2b of the names joined by NUL (not Python's ``hash()``, which is salted
    per process), so the same names give the same stream in every process and run.

    Parameters
    ----------
    *names : str

    Returns
    -------
    int
        In ``[0, 2**52)``.
    """
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"stream names must be str, not {type(name).__name__}")
    digest = hashlib.blake2b("\0".join(names).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") & ((1 << STREAM_BITS) - 1)


def operation_key(operation_name, owner_name=None, object_number=None):
    """The name under which an operation's draws are keyed: the owning object's creation
    number followed by the operation's role (its name minus the object's name), or the
    operation's name for operations of objects without a number."""
    if object_number is None:
        return operation_name
    role = operation_name[len(owner_name):] \
        if owner_name is not None and operation_name.startswith(owner_name) else operation_name
    return f"{object_number}{role}"


def operation_stream(key, n):
    """Stream of the ``n``-th random call (in statement order) of the operation keyed
    ``key`` (:func:`operation_key`)."""
    return stream_id(key, str(n))


def evaluation_stream(k, n):
    """Stream of the ``n``-th random call of the ``k``-th string evaluation."""
    return stream_id("evaluate", str(k), f"_s{n}")


def evaluation_step(k):
    """The step the ``k``-th string evaluation keys its draws with."""
    return EVALUATION_STEP_BASE + k


def connect_stream(object_number, call):
    """Stream of the ``call``-th connect() of Synapses number ``object_number`` (a
    procedural connect() is call 0: it is the only one)."""
    return stream_id("connect", str(object_number), str(call))


def procedural_value_stream(object_number, name, occurrence):
    """Stream of the ``occurrence``-th random call in the value expression of the
    per-synapse constant ``name`` of procedural Synapses number ``object_number`` (drawn
    at step 0 and the synapse's identity, so that a synapse keeps its value)."""
    return stream_id("procedural value", str(object_number), name, str(occurrence))


def poisson_group_streams(object_number):
    """``(first spike, gaps)`` streams of PoissonGroup number ``object_number``."""
    return (stream_id(str(object_number), "poisson_first"),
            stream_id(str(object_number), "poisson_gap"))


def poisson_input_stream(object_number):
    """Stream of the arrivals of PoissonInput number ``object_number``."""
    return stream_id(str(object_number), "poissoninput")


# -- which element a draw belongs to -------------------------------------------------------------
# A draw's ``index`` coordinate names the element it belongs to, independently of where that
# element is stored: a neuron's global index, and for a synapse its canonical identity
# (presynaptic index, postsynaptic index, multisynaptic rank k), all global. Synapses created
# in another order, in several connect() calls, or by another process that owns their target
# therefore draw the same numbers; procedural synapses (k = 0 always) use the same key, so a
# procedural and a stored connect() of the same synapses agree.

def synapse_key(pre, post, rank, n_pre, n_post):
    """The draw index of the synapses ``(pre, post, rank)``:
    ``pre * n_post + post + rank * n_pre * n_post`` modulo 2**64.

    Distinct synapses get distinct keys while ``(rank + 1) * n_pre * n_post < 2**64``; a
    synapse without duplicates (``rank`` 0) has the key of the pair ``(pre, post)``.

    Parameters
    ----------
    pre, post : array_like of int
        Indices of the synapses' neurons in the source and target groups (global).
    rank : array_like of int or None
        Multisynaptic rank (0 for the first synapse of a pair); None means 0.
    n_pre, n_post : int
        Global sizes of the source and target groups.

    Returns
    -------
    ndarray of uint64
    """
    with np.errstate(over="ignore"):
        key = (np.asarray(pre).astype(np.uint64) * np.uint64(n_post)
               + np.asarray(post).astype(np.uint64))
        if rank is not None:
            key += np.asarray(rank).astype(np.uint64) * np.uint64(n_pre * n_post % 2**64)
    return key


def synapse_key_text(pre, post, rank, n_post, n_pairs, as_u64):
    """The same key as target code: ``pre``, ``post``, ``rank`` (or None), ``n_post`` and
    ``n_pairs`` (``n_pre * n_post``) are the target's texts of those values, ``as_u64``
    makes a target's unsigned 64-bit integer of a text (wrapping arithmetic)."""
    text = f"{as_u64(pre)} * {as_u64(n_post)} + {as_u64(post)}"
    if rank is not None:
        text += f" + {as_u64(rank)} * {as_u64(n_pairs)}"
    return f"({text})"
