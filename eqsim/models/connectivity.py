"""Connectivity of a projection (BrainPy's ``comm``): which presynaptic neurons reach
which postsynaptic ones, with one weight. Each becomes an eqsim ``connect()`` call."""
import numpy as np

from ..synapses.procedural_reads import connection_seed
from .parameters import ModelParameterError


class Connectivity:
    """Base: ``weight`` (unit given by the projection's output) and ``connect(synapses)``."""

    def __init__(self, weight=1.0):
        self.weight = weight

    def __repr__(self):
        return f"{type(self).__name__}(weight={self.weight!r})"


class FixedProb(Connectivity):
    """Each (pre, post) pair connected with probability ``prob``.

    Parameters
    ----------
    prob : float
        Connection probability.
    weight : Quantity, float, Uniform or Normal
        Synaptic weight (siemens for COBA outputs, amp for CUBA; plain numbers uS / nA);
        an initializer draws one per synapse (as ``JitFPUniformLinear``/``JitFPNormalLinear``).
    procedural : bool
        Regenerate the connections at every spike instead of storing them (BrainPy's
        "JIT" connectivity): memory independent of the number of synapses, same
        connections as stored for the same seed.
    seed : int, optional
        Draw the connections (and per-synapse random weights) from this seed, whatever
        eqsim's global ``seed()``: the same on both targets, stored or procedural. Without
        it they come from the global seed.
    allow_multi_conn, num_in, num_out : accepted for BrainPy compatibility.
    """

    def __init__(self, prob, weight=1.0, procedural=False, seed=None, **brainpy_options):
        super().__init__(weight)
        self.prob = float(prob)
        self.procedural = procedural
        self.seed = None if seed is None else connection_seed(seed, type(self).__name__)

    def connect(self, synapses):
        synapses.connect(p=self.prob, procedural=self.procedural, seed=self.seed)


#: JitFPHomoLinear stores its connections up to this many expected synapses (~12 bytes
#: each): below it regenerating them at every spike costs time and saves little memory
STORE_UP_TO = 2 ** 24


class JitFPHomoLinear(FixedProb):
    """BrainPy's ``bp.dnn.JitFPHomoLinear(num_in, num_out, prob, weight)``: fixed
    probability, one weight; ``seed`` as for ``FixedProb``.

    ``procedural``: True regenerates the connections at every spike (BrainPy's "JIT":
    memory independent of the number of synapses); False stores them; None (default)
    stores them up to :data:`STORE_UP_TO` expected synapses (``num_in*num_out*prob``) and
    regenerates them beyond. Stored or regenerated, the connections are the same for the
    same seed and the network gives the same spikes (one weight: the sums onto each target
    run in the same order); stored is ~2x faster on the seed network."""

    def __init__(self, num_in, num_out, prob, weight, seed=None, procedural=None, **options):
        if procedural is None:
            procedural = float(num_in) * float(num_out) * float(prob) > STORE_UP_TO
        super().__init__(prob, weight, procedural=bool(procedural), seed=seed)
        self.sizes = (num_in, num_out)


class All2All(Connectivity):
    """Every presynaptic neuron to every postsynaptic one (``include_self=False`` leaves
    out i == j, for a projection onto the same group)."""

    def __init__(self, weight=1.0, include_self=True):
        super().__init__(weight)
        self.include_self = include_self

    def connect(self, synapses):
        if self.include_self:
            synapses.connect()
        else:
            synapses.connect(condition="i != j")


class One2One(Connectivity):
    """Neuron k to neuron k."""

    def connect(self, synapses):
        synapses.connect(j="i")


class IJConn(Connectivity):
    """Given (pre, post) index pairs (BrainPy's ``bp.conn.IJConn(i=..., j=...)``)."""

    def __init__(self, i, j, weight=1.0):
        super().__init__(weight)
        self.i, self.j = np.asarray(i), np.asarray(j)

    def connect(self, synapses):
        synapses.connect(i=self.i, j=self.j)


class _FixedNumber(Connectivity):
    """A fixed number of connections per neuron on one side (BrainPy's ``FixedNum``):
    ``num`` an int, or a float fraction of the other side's size (``int(N * num)``);
    ``seed`` as for ``FixedProb``."""

    def __init__(self, num, weight=1.0, include_self=True, allow_multi_conn=False, seed=None,
                 **brainpy_options):
        super().__init__(weight)
        name = type(self).__name__
        hint = f"{name}(10) for 10 connections per neuron, {name}(0.1) for a tenth of them"
        if isinstance(num, (bool, np.bool_)) or not isinstance(num, (int, np.integer, float)):
            raise ModelParameterError(f"{name}: num must be an int or a float fraction, got "
                                      f"{num!r:.40}", hint=hint)
        if (isinstance(num, float) and not 0.0 <= num <= 1.0) or num < 0:
            raise ModelParameterError(f"{name}: num must be a count >= 0 or a fraction in "
                                      f"[0, 1], got {num}", hint=hint)
        if allow_multi_conn:
            raise ModelParameterError(f"{name}: allow_multi_conn=True is not offered (eqsim "
                                      "draws without replacement)",
                                      hint="leave allow_multi_conn=False")
        self.num, self.include_self, self.allow_multi_conn = num, include_self, allow_multi_conn
        self.seed = None if seed is None else connection_seed(seed, name)

    def count(self, other_size):
        return int(other_size * self.num) if isinstance(self.num, float) else int(self.num)

    def _connect(self, synapses, index, other, other_size):
        n = self.count(other_size)
        if n > other_size:
            raise ModelParameterError(f"{type(self).__name__}: num ({n}) exceeds the "
                                      f"{other_size} neurons it is drawn from",
                                      hint=f"at most {other_size}")
        # without replacement, as BrainPy; with include_self=False the pair (k, k) is
        # dropped after drawing, so such neurons get one connection fewer (BrainPy's rule)
        draw = f"sample({other}, size={n})"
        condition = "" if self.include_self else f" if k != {'j' if index == 'i' else 'i'}"
        synapses.connect(**{index: f"k for k in {draw}{condition}"}, seed=self.seed)

    def __repr__(self):
        return f"{type(self).__name__}(num={self.num!r}, weight={self.weight!r})"


class FixedPreNum(_FixedNumber):
    """Each postsynaptic neuron receives from ``num`` presynaptic neurons drawn without
    replacement (BrainPy's ``bp.conn.FixedPreNum``; a fixed in-degree)."""

    def connect(self, synapses):
        self._connect(synapses, "i", "N_pre", len(synapses.source))


class FixedPostNum(_FixedNumber):
    """Each presynaptic neuron projects to ``num`` postsynaptic neurons drawn without
    replacement (BrainPy's ``bp.conn.FixedPostNum``; a fixed out-degree)."""

    def connect(self, synapses):
        self._connect(synapses, "j", "N_post", len(synapses.target))


#: the names the issue and other simulators use
FixedInDegree = FixedPreNum
FixedOutDegree = FixedPostNum
