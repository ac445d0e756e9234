"""Integrate-and-fire neuron models as BrainPy defines them (``brainpy.dyn``), as
equation strings. Plain numbers are in BrainPy's units (mV, ms, Mohm, nA, uS). ``I`` is the
external input current (BrainPy's ``update(x)``; set it, e.g. ``G.I = 20*nA``); ``I_syn`` is
the synaptic input, written at the start of each step by the projections onto the group.

References: BrainPy 2.x ``brainpy/dyn/neurons/lif.py``; Gerstner et al., *Neuronal
Dynamics* (2014) for LIF, ExpIF, AdEx and QuaIF; Izhikevich (2003); Mihalas and Niebur
(2009) for Gif.
"""
from .neuron_model import NeuronModel



class LIF(NeuronModel):
    """Leaky integrate-and-fire: ``tau dV/dt = -(V - V_rest) + R*I``; spike at
    ``V >= V_th``, then ``V = V_reset`` (BrainPy's ``Lif``).

    Parameters
    ----------
    size : int, optional
        Number of neurons; given, the call returns a group, else the description.
    V_rest, V_reset, V_th : Quantity or float
        Resting, reset and threshold potentials (volt; plain numbers in mV).
    R : Quantity or float
        Membrane resistance (ohm; plain numbers in Mohm).
    tau : Quantity or float
        Membrane time constant (second; plain numbers in ms).
    V_initializer : Initializer, Quantity or float
        Initial ``V`` (volt), e.g. ``Normal(-55., 2.)``.
    method : str
        Integration method (default BrainPy's 'exp_auto').
    name : str, optional
    """
    parameters = {"V_rest": (0.0, "voltage"), "V_reset": (-5.0, "voltage"),
                  "V_th": (20.0, "voltage"), "R": (1.0, "resistance"), "tau": (10.0, "time")}
    initial = {"V": (0.0, "voltage")}
    equations_text = """dV/dt = (-(V - V_rest) + R*(I + I_syn))/tau : volt
I : amp
I_syn : amp"""
    threshold_text = "V >= V_th"
    reset_text = "V = V_reset"


Lif = LIF


class LifRef(LIF):
    """LIF with an absolute refractory period ``tau_ref`` (second; plain numbers in ms),
    during which ``V`` is held (BrainPy's ``LifRef``)."""
    parameters = dict(LIF.parameters, tau_ref=(0.0, "time"))
    equations_text = """dV/dt = (-(V - V_rest) + R*(I + I_syn))/tau : volt (unless refractory)
I : amp
I_syn : amp"""
    brainpy_refractory = True


class ExpIF(NeuronModel):
    """Exponential integrate-and-fire (BrainPy's ``ExpIF``):
    ``tau dV/dt = -(V - V_rest) + delta_T*exp((V - V_T)/delta_T) + R*I``; spike at
    ``V >= V_th``, reset to ``V_reset``. Units as LIF; ``V_T`` and ``delta_T`` in volt."""
    parameters = {"V_rest": (-65.0, "voltage"), "V_reset": (-68.0, "voltage"),
                  "V_th": (-55.0, "voltage"), "V_T": (-59.9, "voltage"),
                  "delta_T": (3.48, "voltage"), "R": (1.0, "resistance"), "tau": (10.0, "time")}
    initial = {"V": (-65.0, "voltage")}
    equations_text = """dV/dt = (-(V - V_rest) + delta_T*exp((V - V_T)/delta_T) + R*(I + I_syn))/tau : volt
I : amp
I_syn : amp"""
    threshold_text = "V >= V_th"
    reset_text = "V = V_reset"


class ExpIFRef(ExpIF):
    """ExpIF with an absolute refractory period ``tau_ref`` (BrainPy's ``ExpIFRef``)."""
    parameters = dict(ExpIF.parameters, tau_ref=(0.0, "time"))
    equations_text = ExpIF.equations_text.replace(": volt", ": volt (unless refractory)", 1)
    brainpy_refractory = True


class AdEx(NeuronModel):
    """Adaptive exponential integrate-and-fire (BrainPy's ``AdExIF``):
    ``tau dV/dt = -(V - V_rest) + delta_T*exp((V - V_T)/delta_T) - R*w + R*I``,
    ``tau_w dw/dt = a*(V - V_rest) - w``; at a spike ``V = V_reset``, ``w += b``.
    ``a`` in siemens (plain numbers in uS), ``b`` and ``w`` in amp (nA)."""
    parameters = dict(ExpIF.parameters, a=(1.0, "conductance"), b=(1.0, "current"),
                      tau_w=(30.0, "time"))
    initial = {"V": (-65.0, "voltage"), "w": (0.0, "current")}
    equations_text = """dV/dt = (-(V - V_rest) + delta_T*exp((V - V_T)/delta_T) - R*w + R*(I + I_syn))/tau : volt
dw/dt = (a*(V - V_rest) - w)/tau_w : amp
I : amp
I_syn : amp"""
    threshold_text = "V >= V_th"
    reset_text = "V = V_reset\nw += b"


AdExIF = AdEx


class QuaIF(NeuronModel):
    """Quadratic integrate-and-fire (BrainPy's ``QuaIF``):
    ``tau dV/dt = c*(V - V_rest)*(V - V_c) + R*I``; ``c`` in 1/volt (plain numbers
    in 1/mV)."""
    parameters = {"V_rest": (-65.0, "voltage"), "V_reset": (-68.0, "voltage"),
                  "V_th": (-30.0, "voltage"), "V_c": (-50.0, "voltage"),
                  "c": (0.07, "per_voltage"), "R": (1.0, "resistance"), "tau": (10.0, "time")}
    initial = {"V": (-65.0, "voltage")}
    equations_text = """dV/dt = (c*(V - V_rest)*(V - V_c) + R*(I + I_syn))/tau : volt
I : amp
I_syn : amp"""
    threshold_text = "V >= V_th"
    reset_text = "V = V_reset"


class Izhikevich(NeuronModel):
    """Izhikevich (2003) as BrainPy's ``Izhikevich``:
    ``dV/dt = p1*V**2 + p2*V + p3 - u + I``, ``du/dt = a*(b*V - u)``; at ``V >= V_th``:
    ``V = c``, ``u += d``. BrainPy's numbers are per ms with V in mV: plain numbers are
    read so (``p1`` 1/(mV ms); ``p2``, ``a``, ``b`` 1/ms; ``p3``, ``d`` mV/ms; ``c`` mV).
    As in BrainPy, ``u`` and the input ``I`` are rates of change of ``V`` (volt/second:
    ``G.I = 10*mV/ms``), not currents."""
    parameters = {"V_th": (30.0, "voltage"), "p1": (0.04, "per_mV_ms"), "p2": (5.0, "rate_ms"),
                  "p3": (140.0, "mV_per_ms"), "a": (0.02, "rate_ms"), "b": (0.2, "rate_ms"),
                  "c": (-65.0, "voltage"), "d": (8.0, "mV_per_ms")}
    initial = {"V": (-70.0, "voltage"), "u": ("b*V", "mV_per_ms")}
    equations_text = """dV/dt = p1*V**2 + p2*V + p3 - u + I + I_syn : volt
du/dt = a*(b*V - u) : volt/second
I : volt/second
I_syn : volt/second"""
    threshold_text = "V >= V_th"
    reset_text = "V = c\nu += d"


class Gif(NeuronModel):
    """Generalized integrate-and-fire (Mihalas and Niebur 2009; BrainPy's ``Gif``):
    ``dI1/dt = -k1*I1``, ``dI2/dt = -k2*I2``,
    ``dV_th/dt = a*(V - V_rest) - b*(V_th - V_th_inf)``,
    ``tau dV/dt = -(V - V_rest) + R*(I + I1 + I2)``; spike when the new ``V`` reaches the
    threshold of the step's start (as BrainPy compares them), then ``V = V_reset``,
    ``I1 = R1*I1 + A1``, ``I2 = R2*I2 + A2``, ``V_th = max(V_th_reset, V_th)``. Currents in
    amp (nA), ``k1``, ``k2``, ``a``, ``b`` in 1/second (1/ms), ``R1``, ``R2`` dimensionless."""
    parameters = {"V_rest": (-70.0, "voltage"), "V_reset": (-70.0, "voltage"),
                  "V_th_inf": (-50.0, "voltage"), "V_th_reset": (-60.0, "voltage"),
                  "R": (20.0, "resistance"), "tau": (20.0, "time"), "a": (0.0, "rate_ms"),
                  "b": (0.01, "rate_ms"), "k1": (0.2, "rate_ms"), "k2": (0.02, "rate_ms"),
                  "R1": (0.0, "1"), "R2": (1.0, "1"), "A1": (0.0, "current"),
                  "A2": (0.0, "current")}
    initial = {"V": (-70.0, "voltage"), "V_th": (-50.0, "voltage"), "I1": (0.0, "current"),
               "I2": (0.0, "current")}
    equations_text = """dI1/dt = -k1*I1 : amp
dI2/dt = -k2*I2 : amp
dV_th/dt = a*(V - V_rest) - b*(V_th - V_th_inf) : volt
dV/dt = (-(V - V_rest) + R*(I + I_syn + I1 + I2))/tau : volt
I : amp
I_syn : amp
V_th_start : volt"""
    threshold_text = "V >= V_th_start"
    step_start_code = "V_th_start = V_th"
    reset_text = """V = V_reset
I1 = R1*I1 + A1
I2 = R2*I2 + A2
V_th = clip(V_th, V_th_reset, inf*volt)"""
