"""Synaptic dynamics as BrainPy defines them (``brainpy.dyn.Expon``, ``DualExpon``,
``Alpha``), as equation templates. A projection instantiates one per connection with its
own variable names; the synapse is linear, so it is kept once per postsynaptic neuron
(the sum over its inputs), which gives BrainPy's pre-aligned result exactly (the sum of
linear traces is the trace of the sum).

``g`` is the quantity the output reads (a conductance for COBA, a current for CUBA);
each presynaptic spike adds the connection's weight (times ``a`` for DualExponential).
Plain time constants are in ms. Called with groups first, as BrainPy's older
``brainpy.synapses.DualExponential(pre, post, conn, stp=..., output=...)`` (seed 001), a
model builds that projection (``eqsim.models.twoend``).
"""
import numpy as np

from ..units import hertz
from .parameters import parameter_values


class SynapseModel:
    """Base: ``parameters`` {name: (default, kind)}, ``equations(g, unit, p)`` (text with the
    state names given, parameter names prefixed by ``p``) and ``on_spike(g, weight, p)``: the
    variable a spike increments and by what."""
    parameters = {}

    def __new__(cls, *args, **values):
        if args:  # BrainPy's brainpy.synapses form: (pre, post, conn, ...) is a projection
            from .twoend import two_end_projection
            return two_end_projection(cls, *args, **values)
        return object.__new__(cls)

    def __init__(self, *args, **values):
        label = type(self).__name__
        values.pop("size", None)  # BrainPy's desc(size=...): the projection's pre group
        self.values = parameter_values(label, self.parameters, values)

    @classmethod
    def desc(cls, size=None, **values):
        """BrainPy's ``Expon.desc(size=..., tau=...)``: the description (``size`` is the
        presynaptic group's, implied by the projection here)."""
        return cls(**values)

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.values.items())})"


class Expon(SynapseModel):
    """Exponential synapse: ``dg/dt = -g/tau``, ``g += w`` at each spike (BrainPy's
    ``Expon``). ``tau`` in second (plain numbers ms)."""
    parameters = {"tau": (8.0, "time")}

    def equations(self, g, unit, p):
        return f"d{g}/dt = -{g}/{p}tau : {unit}"

    def on_spike(self, g, weight, p):
        return g, weight


class DualExponential(SynapseModel):
    """Difference of exponentials (BrainPy's ``DualExpon``, seed 001):
    ``dg/dt = -g/tau_decay + h``, ``dh/dt = -h/tau_rise``, ``h += a*w`` at each spike with
    ``a`` normalising the peak of ``g`` to ``w`` (BrainPy's default; give ``A`` for
    ``a = (tau_decay - tau_rise)/(tau_rise*tau_decay)*A``)."""
    parameters = {"tau_decay": (10.0, "time"), "tau_rise": (1.0, "time")}

    def __init__(self, A=None, **values):
        super().__init__(**values)
        tau_d = float(np.asarray(self.values["tau_decay"]))
        tau_r = float(np.asarray(self.values["tau_rise"]))
        if A is not None:
            a = (tau_d - tau_r) / tau_r / tau_d * float(A)
        elif tau_r == tau_d:
            a = np.e / tau_r
        else:
            a = (tau_r / tau_d) ** (tau_r / (tau_r - tau_d)) / tau_r
        self.values["a"] = a * hertz

    def equations(self, g, unit, p):
        return (f"d{g}/dt = -{g}/{p}tau_decay + {g}_h : {unit}\n"
                f"d{g}_h/dt = -{g}_h/{p}tau_rise : {unit}/second")

    def on_spike(self, g, weight, p):
        return f"{g}_h", f"{weight}*{p}a"


DualExpon = DualExponential


class Alpha(SynapseModel):
    """Alpha synapse (BrainPy's ``Alpha``): ``dg/dt = (h - g)/tau_decay``,
    ``dh/dt = -h/tau_decay``, ``h += w`` at each spike."""
    parameters = {"tau_decay": (10.0, "time")}

    def equations(self, g, unit, p):
        return (f"d{g}/dt = -{g}/{p}tau_decay + {g}_h/{p}tau_decay : {unit}\n"
                f"d{g}_h/dt = -{g}_h/{p}tau_decay : {unit}")

    def on_spike(self, g, weight, p):
        return f"{g}_h", weight


class Delta(SynapseModel):
    """Voltage jump (BrainPy's ``FullProjDelta``): a presynaptic spike adds the weight
    straight to the target's ``V`` (volt; plain numbers mV), with no synaptic dynamics.

    As in BrainPy the jumps arriving in a step are added after that step's integration of
    ``V`` and before the threshold test, and a refractory target (``LifRef``: ``V`` held)
    loses them: ``V`` is ``(unless refractory)``, so the write skips refractory neurons
    (Brian2's rule for every writer). Used as ``syn=Delta()`` of a Projection, without
    ``out``, or through ``FullProjDelta(pre, delay, comm, post)``.
    """
    voltage_jump = True

    def equations(self, g, unit, p):
        return f"{g} : {unit}"

    def on_spike(self, g, weight, p):
        return g, weight

    def jump(self, g):
        """Statements that add the jumps gathered in ``g`` to ``V`` (after the state
        update) and clear them."""
        return f"V = V + {g}\n{g} = 0*volt"
