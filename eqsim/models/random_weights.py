"""Fixed-probability connectivity with one random weight per synapse (BrainPy's
``JitFPUniformLinear`` and ``JitFPNormalLinear``).

Procedurally ("JIT") nothing is stored: each synapse's weight is drawn again at every
spike, keyed by the synapse (pre, post) and the connection seed, so it is the same at
every spike (eqsim/synapses/procedural_values.py). Stored (``procedural=False``) the same
connections get the same weights, computed once from the same draws: a network gives the
same result either way.
"""
from ..synapses.procedural_values import synapse_draws
from .connectivity import FixedProb
from .initializers import Normal, Uniform
from .parameters import as_parameter


class RandomWeightFixedProb(FixedProb):
    """Base: ``weight_parameters`` {name: value}, ``weight_expression(p)`` (text in the
    prefixed parameter names, one ``rand()``/``randn()``) and ``weights(values, draw)``
    (the same arithmetic on an array of draws)."""
    draw_kind = "uniform"

    def __init__(self, num_in, num_out, prob, seed=None, procedural=True):
        super().__init__(prob, weight=None, procedural=procedural, seed=seed)
        self.sizes = (num_in, num_out)

    def weight_values(self, label, kind):
        """The weight parameters as Quantities of the output's weight ``kind``."""
        return {name: as_parameter(label, name, value, kind)
                for name, value in self.weight_parameters.items()}

    def assign_weights(self, synapses, values, prefix):
        """Give the synapses' ``w`` its expression (procedural) or its values (stored)."""
        if self.procedural:
            synapses.w = self.weight_expression(prefix)
            return
        draw, = synapse_draws(synapses, "w", [self.draw_kind], synapses.i[:], synapses.j[:])
        synapses.w = self.weights(values, draw)

    def __repr__(self):
        given = ", ".join(f"{k}={v!r}" for k, v in self.weight_parameters.items())
        return f"{type(self).__name__}(prob={self.prob!r}, {given}, procedural={self.procedural})"


class JitFPUniformLinear(RandomWeightFixedProb):
    """BrainPy's ``bp.dnn.JitFPUniformLinear(num_in, num_out, prob, w_low, w_high, seed)``:
    connections with probability ``prob``, each with a weight uniform in
    [``w_low``, ``w_high``) (siemens for COBA, amp for CUBA; plain numbers uS / nA).

    Parameters
    ----------
    num_in, num_out : int
        Sizes of the pre- and postsynaptic groups (as in BrainPy; the projection's).
    prob : float
        Connection probability.
    w_low, w_high : Quantity or float
        Bounds of the weights.
    seed : int, optional
        Draw the connections and the weights from this seed, whatever eqsim's global
        ``seed()`` (the same on both targets, stored or procedural); default: the global
        seed.
    procedural : bool
        True (default): generate connections and weights at each spike; False: store them
        (the same connections and weights).
    """

    def __init__(self, num_in, num_out, prob, w_low, w_high, seed=None, procedural=True):
        super().__init__(num_in, num_out, prob, seed, procedural)
        self.weight_parameters = {"w_low": w_low, "w_high": w_high}

    @staticmethod
    def weight_expression(p):
        return f"{p}w_low + ({p}w_high - {p}w_low)*rand()"

    @staticmethod
    def weights(values, draw):
        low, high = values["w_low"], values["w_high"]
        return low + (high - low) * draw


class JitFPNormalLinear(RandomWeightFixedProb):
    """BrainPy's ``bp.dnn.JitFPNormalLinear(num_in, num_out, prob, w_mu, w_sigma, seed)``:
    connections with probability ``prob``, each with a normally distributed weight
    (mean ``w_mu``, standard deviation ``w_sigma``; siemens for COBA, amp for CUBA, plain
    numbers uS / nA). Other parameters as ``JitFPUniformLinear``."""
    draw_kind = "normal"

    def __init__(self, num_in, num_out, prob, w_mu, w_sigma, seed=None, procedural=True):
        super().__init__(num_in, num_out, prob, seed, procedural)
        self.weight_parameters = {"w_mu": w_mu, "w_sigma": w_sigma}

    @staticmethod
    def weight_expression(p):
        return f"{p}w_mu + {p}w_sigma*randn()"

    @staticmethod
    def weights(values, draw):
        return values["w_mu"] + values["w_sigma"] * draw


def random_weight_connectivity(comm):
    """``comm`` itself, or for ``FixedProb(prob, weight=Uniform(a, b) | Normal(mu, sd))``
    the equivalent ``JitFPUniformLinear`` / ``JitFPNormalLinear`` (stored or procedural as
    ``comm``): BrainPy's initializer weights, drawn per synapse. None if ``comm`` has an
    initializer weight that cannot be drawn per synapse."""
    weight = getattr(comm, "weight", None)
    if not isinstance(weight, (Uniform, Normal)):
        return comm
    if type(comm) is not FixedProb:
        return None
    if isinstance(weight, Uniform):
        return JitFPUniformLinear(None, None, comm.prob, weight.min_val, weight.max_val,
                                  seed=comm.seed, procedural=comm.procedural)
    return JitFPNormalLinear(None, None, comm.prob, weight.mean, weight.scale,
                             seed=comm.seed, procedural=comm.procedural)
