"""Receptor synapses as BrainPy defines them (``brainpy.dyn.AMPA``, ``GABAa``, ``NMDA``),
pre-aligned: their state saturates (``1 - g``), so it cannot be summed per postsynaptic
neuron as the linear models are; it lives on the presynaptic neurons (one state per
projection) and the postsynaptic conductance is the weighted sum over the connections,
recomputed every step (a ``(summed)`` variable of the projection's Synapses).

As everywhere in eqsim.models the state is held one step ahead of BrainPy's (eqsim's
synapses act in the step of the spike, BrainPy's in the next one); checked against BrainPy
2.9 trace for trace (tests/reference/test_brainpy_receptors.py).

References: Destexhe, Mainen and Sejnowski (1994), *J. Comput. Neurosci.* 1:195 (AMPA,
GABAa kinetics); Brunel and Wang (2001), *J. Comput. Neurosci.* 11:63 (NMDA).
"""
from .synapses import SynapseModel


class ReceptorModel(SynapseModel):
    """Base of the pre-aligned receptor models: ``pre_equations(g, p)`` (state on the
    presynaptic neurons), ``pre_initial(g)``, ``on_spike_pre(g, p, scale)`` (statements run
    once per arriving presynaptic spike, names with ``_pre``; ``scale`` the STP factor) and ``pre_step(g, p)`` (statements run
    on the presynaptic neurons after the synapses, or None)."""
    pre_aligned = True

    def pre_initial(self, g):
        return {}

    def pre_step(self, g, p):
        return None

    def constants(self, dt):
        """Plain numbers of the statements for a clock step ``dt`` (second): BrainPy's
        times in ms, as BrainPy holds them."""
        return {}


class AMPA(ReceptorModel):
    """AMPA receptor (BrainPy's ``AMPA``): ``dg/dt = alpha*[T]*(1 - g) - beta*g`` with the
    transmitter concentration ``[T] = T`` for ``T_dur`` after each spike's arrival, else 0.

    Parameters
    ----------
    alpha : Quantity or float
        Binding rate (1/(mM*second); plain numbers 1/(mM*ms)), default 0.98.
    beta : Quantity or float
        Unbinding rate (hertz; plain numbers 1/ms), default 0.18.
    T : Quantity or float
        Transmitter concentration during a release (mM), default 0.5.
    T_dur : Quantity or float
        Duration of a release (second; plain numbers ms), default 0.5.
    """
    parameters = {"alpha": (0.98, "per_mM_ms"), "beta": (0.18, "rate_ms"),
                  "T": (0.5, "concentration"), "T_dur": (0.5, "time")}

    def pre_equations(self, g, p):
        return f"{g} : 1\n{g}_arrival_ms : 1"

    def pre_initial(self, g):
        return {f"{g}_arrival_ms": -1e7}  # BrainPy's spike_arrival_time: long ago

    def constants(self, dt):
        return {"dt_ms": round(dt / 1e-3, 12),
                "T_dur_ms": round(float(self.values["T_dur"]) / 1e-3, 12)}

    def on_spike_pre(self, g, p, scale=None):
        # BrainPy's arrival time is its t of the step that reads the spike, in ms; a spike
        # scaled by STP (``scale``, u*x > 0) is still just a spike here
        return f"{g}_arrival_ms_pre = (timestep(t, dt) + 1)*{p}dt_ms"

    def pre_step(self, g, p):
        # the release, then one step of exact integration with [T] held (BrainPy's
        # exp_auto), after the spikes of this step have arrived (BrainPy's order)
        released = f"int((timestep(t, dt) + 1)*{p}dt_ms - {g}_arrival_ms < {p}T_dur_ms)"
        rate = f"({p}alpha*{p}T*{released} + {p}beta)"
        return (f"{g} = {g} + (1 - exp(-{rate}*dt))/{rate}"
                f"*({p}alpha*{p}T*{released}*(1 - {g}) - {p}beta*{g})")


class GABAa(AMPA):
    """GABAa receptor (BrainPy's ``GABAa``): AMPA's kinetics with ``alpha`` 0.53,
    ``beta`` 0.18, ``T`` 1 mM and ``T_dur`` 1 ms."""
    parameters = {"alpha": (0.53, "per_mM_ms"), "beta": (0.18, "rate_ms"),
                  "T": (1.0, "concentration"), "T_dur": (1.0, "time")}


class NMDA(ReceptorModel):
    """NMDA receptor (BrainPy's ``NMDA``): ``dg/dt = -g/tau_decay + a*x*(1 - g)``,
    ``dx/dt = -x/tau_rise``, ``x += 1`` at each spike; use it with ``MgBlock``.

    Parameters
    ----------
    a : Quantity or float
        Rate of opening (hertz; plain numbers 1/ms), default 0.5.
    tau_decay, tau_rise : Quantity or float
        Time constants (second; plain numbers ms), defaults 100 and 2.
    """
    parameters = {"a": (0.5, "rate_ms"), "tau_decay": (100.0, "time"), "tau_rise": (2.0, "time")}

    def pre_equations(self, g, p):
        return (f"d{g}/dt = -{g}/{p}tau_decay + {p}a*{g}_x*(1 - {g}) : 1\n"
                f"d{g}_x/dt = -{g}_x/{p}tau_rise : 1")

    def on_spike_pre(self, g, p, scale=None):
        # with STP the spike reaching x is scaled by u*x (BrainPy's older form)
        return f"{g}_x_pre += {scale or 1}"
