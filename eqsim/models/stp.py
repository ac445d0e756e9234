"""Short-term plasticity as BrainPy defines it (``brainpy.synplast.STP``, Tsodyks and
Markram 1997; Tsodyks, Pawelzik and Markram 1998), pre-aligned: ``u`` and ``x`` live on the
presynaptic neurons, one pair per projection, driven by the projection's delayed spikes.

Between spikes ``du/dt = -u/tau_f`` and ``dx/dt = (1 - x)/tau_d`` (integrated exactly, as
BrainPy's ``exp_auto``). When a (delayed) spike arrives, BrainPy first advances ``u`` and
``x`` over the step, then ``u += U*(1 - u)``, then ``x -= u*x`` with the new ``u``; the spike
reaching the synapse is scaled by ``u*x`` *after* both jumps (BrainPy's ``filter``).
Initially ``u = U`` and ``x = 1``. Note that ``u`` decays to 0 between spikes, not to ``U``
(BrainPy 2.9's equations).
"""
import numpy as np

from .parameters import parameter_values


class STP:
    """Tsodyks-Markram short-term plasticity (BrainPy's ``STP``), for ``stp=`` of a
    projection.

    Parameters
    ----------
    U : float
        Increment of the release probability ``u`` at a spike (dimensionless).
    tau_f : Quantity or float
        Time constant of facilitation (second; plain numbers ms).
    tau_d : Quantity or float
        Time constant of recovery from depression (second; plain numbers ms).
    method : str
        Accepted for BrainPy compatibility; ``u`` and ``x`` are integrated exactly.
    """
    parameters = {"U": (0.15, "1"), "tau_f": (1500.0, "time"), "tau_d": (200.0, "time")}

    def __init__(self, method="exp_auto", name=None, **values):
        self.values = parameter_values("STP", self.parameters, values)

    def equations(self, u, x, p):
        """State on the presynaptic neurons, named ``u`` and ``x``; parameters prefixed ``p``."""
        return (f"d{u}/dt = -{u}/{p}tau_f : 1\n"
                f"d{x}/dt = (1 - {x})/{p}tau_d : 1")

    def on_spike(self, u, x, p):
        """The jumps at a spike's arrival, in BrainPy's order (``u`` first)."""
        return f"{u} = {u} + {p}U*(1 - {u})\n{x} = {x} - {u}*{x}"

    def initial(self, dt):
        """Initial ``u`` and ``x`` for a clock step ``dt`` (second).

        eqsim's synapses act in the step of the (delayed) spike, BrainPy's in the next one,
        so the pre-aligned state is held one step ahead of BrainPy's (as the synaptic
        variables of the projections are): ``u`` starts at ``U`` advanced over one step."""
        tau_f = float(np.asarray(self.values["tau_f"]))
        return float(np.asarray(self.values["U"])) * np.exp(-dt / tau_f), 1.0

    def __repr__(self):
        return f"STP({', '.join(f'{k}={v!r}' for k, v in self.values.items())})"
