"""Connectivity of a projection (BrainPy's ``comm``): which presynaptic neurons reach
which postsynaptic ones, with one weight. Each becomes an eqsim ``connect()`` call."""
import numpy as np


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
    allow_multi_conn, seed, num_in, num_out : accepted for BrainPy compatibility;
        eqsim draws from its own seeded streams (``seed()``).
    """

    def __init__(self, prob, weight=1.0, procedural=False, **brainpy_options):
        super().__init__(weight)
        self.prob = float(prob)
        self.procedural = procedural

    def connect(self, synapses):
        synapses.connect(p=self.prob, procedural=self.procedural)


class JitFPHomoLinear(FixedProb):
    """BrainPy's ``bp.dnn.JitFPHomoLinear(num_in, num_out, prob, weight)``: fixed
    probability, one weight, connections generated on the fly (procedural)."""

    def __init__(self, num_in, num_out, prob, weight, seed=None, **options):
        super().__init__(prob, weight, procedural=True)
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
