"""Procedural rows kept as bitmasks: the compiled target's cache of regenerated rows.

A procedural pathway (``connect(p=..., procedural=True)``) with a dense sampler
(``p >= DENSE_P``: a byte per candidate target, eqsim_bernoulli.h) draws a spiking
source's targets 64 at a time as masks. Drawing costs ~0.4 ns per candidate; the masks of
a row it drew once are kept, up to the preference ``codegen.cython.procedural_cache_mb``
per pathway (first come, first kept; rows past it are drawn into a scratch row at each
spike). A kept row is 1 bit per candidate, an eighth of a byte: tian's four pathways
(25 M synapses at p = 0.25) keep all 10,000 rows in 12.5 MB where stored synapses take
~300 MB. The masks are the draws themselves, so the targets, their order and every result
are those of drawing at each spike; a target gets its events in the order its sources
arrive, as before.

A pathway whose on_pre is one addition of a step-wide value to one float64 target
variable (``s_post += 1``) adds through the masks 4 targets at a time, as a dense stored
pathway does (:mod:`eqsim.codegen.dense_rows`), and with threads each thread draws and adds
its own words of every row (the same bits: each target gets its events in arrival order);
other statements run per kept bit, on one thread.
"""
import numpy as np

from ..core.preferences import prefs
from ..ir.variables import ArrayVariable
from ..runtime.sampling import DENSE_P
from .dense_rows import increment
from .identifiers import mangle

#: one mask word covers this many candidate targets
WORD_TARGETS = 64


def _window_words(op):
    """``(first word, number of words)`` covering the targets ``target_start:target_stop``."""
    first = op.target_start // WORD_TARGETS
    last = -(-op.target_stop // WORD_TARGETS)
    return first, max(last - first, 0)


def cache_capacity(words, n_rows, budget_mb):
    """How many rows of ``words`` mask words fit in ``budget_mb`` MB (at most ``n_rows``)."""
    if words == 0:
        return 0
    return int(min(n_rows, budget_mb * 1e6 // (8 * words)))


def _cache_arrays(op, symbols, words, capacity, parts):
    """The kept rows (``capacity`` rows of ``words`` words, zero pages until drawn), each
    source's slot among them (-1: not kept; the last entry counts the slots taken) and
    a scratch row per part (thread) of the words: kept across run() calls as long as the
    draws they hold stay valid."""
    n_rows = op.source_stop - op.source_start
    key = (op.p, op.conn_seed, op.conn_stream, op.n_post, op.target_start, op.target_stop,
           n_rows, words, capacity, parts)
    cache = symbols.cache(op.source, "procedural_rows")
    if cache.get(op.name, (None,))[0] != key:
        slots = np.full(n_rows + 1, -1, dtype=np.int64)
        slots[n_rows] = 0
        cache[op.name] = (key, slots, np.zeros(capacity * words, dtype=np.uint64),
                          np.zeros(parts * words, dtype=np.uint64))
    return cache[op.name][1:]


def _procedural_increment(context):
    """``(target array, base, value)`` when the statements add one step-wide value to one
    target variable indexed by the target alone (``_tgt``, maybe plus an offset)."""
    found = increment(context)
    if found is None:
        return None
    write, value = found
    if write.index.count("_tgt") != 1 or "[" in write.index:
        return None
    return write.c_name, write.index.replace("_tgt", "0"), value


def procedural_context(op, symbols, context, prefix):
    """The template's ``rows`` entry of a procedural kernel (None: the geometric walk of
    sparse rows, or the NumPy target)."""
    if not symbols.compiled or not op.p >= DENSE_P:
        return None
    first, words = _window_words(op)
    n_rows = op.source_stop - op.source_start
    capacity = cache_capacity(words, n_rows, prefs["codegen.cython.procedural_cache_mb"])
    found = _procedural_increment(context)
    # the team splits an additive pathway's words (its rows' draws too: each thread draws
    # the words it adds)
    threaded = found is not None and symbols.threads > 1
    slots, bits, scratch = _cache_arrays(op, symbols, words, capacity,
                                         symbols.threads if threaded else 1)

    def array(name, values):
        return symbols.array(ArrayVariable(f"_{name}_{prefix}", op.owner, None, array=values))

    def constant(name, number):
        return symbols.constant(mangle("ki", prefix, name), number, np.int64)
    return dict(slots=array("rowslots", slots), bits=array("rowbits", bits), threaded=threaded,
                scratch=array("rowscratch", scratch), first_word=constant("first_word", first),
                words=constant("words", words), capacity=constant("capacity", capacity),
                n_rows=constant("n_rows", n_rows),
                increment=None if found is None else dict(zip(("target", "base", "value"),
                                                              found)))
