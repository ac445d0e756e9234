"""The Hodgkin-Huxley neuron as BrainPy defines it (``brainpy.dyn.HH``).

BrainPy's numbers are densities per cm^2 (C in uF/cm^2, g in mS/cm^2, I in uA/cm^2); here
they are read for a patch of 1 cm^2, so plain numbers are uF, mS and uA.

Reference: Hodgkin and Huxley (1952), J. Physiol. 117:500-544, with V shifted so that rest
is near -65 mV (BrainPy's rate functions).
"""
from .initializers import Uniform
from .neuron_model import NeuronModel

_RATES = """alpha_m = 1/exprel(-(V/mV + 40)/10)/ms : hertz
beta_m = 4.0*exp(-(V/mV + 65)/18)/ms : hertz
alpha_h = 0.07*exp(-(V/mV + 65)/20)/ms : hertz
beta_h = 1/(1 + exp(-(V/mV + 35)/10))/ms : hertz
alpha_n = 0.1/exprel(-(V/mV + 55)/10)/ms : hertz
beta_n = 0.125*exp(-(V/mV + 65)/80)/ms : hertz"""


class HH(NeuronModel):
    """Hodgkin-Huxley neuron (BrainPy's ``HH``): sodium, potassium and leak currents,
    ``C dV/dt = -gNa*m**3*h*(V - ENa) - gK*n**4*(V - EK) - gL*(V - EL) + I``, gates
    ``dx/dt = alpha_x*(1 - x) - beta_x*x``. A spike is the step in which ``V`` crosses
    ``V_th`` upwards; there is no reset.

    Parameters
    ----------
    ENa, EK, EL, V_th : Quantity or float
        Reversal potentials and spike-detection threshold (volt; plain numbers in mV).
    gNa, gK, gL : Quantity or float
        Maximal conductances (siemens; plain numbers in mS).
    C : Quantity or float
        Membrane capacitance (farad; plain numbers in uF).
    V_initializer : Initializer, Quantity or float
        Initial ``V`` (volt); default ``Uniform(-70., -60.)``. ``m``, ``h``, ``n`` start
        at their steady state for it unless ``m_initializer``, ``h_initializer``,
        ``n_initializer`` are given.
    """
    parameters = {"ENa": (50.0, "voltage"), "gNa": (120.0, "conductance_mS"),
                  "EK": (-77.0, "voltage"), "gK": (36.0, "conductance_mS"),
                  "EL": (-54.387, "voltage"), "gL": (0.03, "conductance_mS"),
                  "V_th": (20.0, "voltage"), "C": (1.0, "capacitance_uF")}
    initial = {"V": (Uniform(-70., -60.), "voltage"),
               "m": ("alpha_m/(alpha_m + beta_m)", "1"),
               "h": ("alpha_h/(alpha_h + beta_h)", "1"),
               "n": ("alpha_n/(alpha_n + beta_n)", "1")}
    equations_text = """dV/dt = (-gNa*m**3*h*(V - ENa) - gK*n**4*(V - EK) - gL*(V - EL) + I + I_syn)/C : volt
dm/dt = alpha_m*(1 - m) - beta_m*m : 1
dh/dt = alpha_h*(1 - h) - beta_h*h : 1
dn/dt = alpha_n*(1 - n) - beta_n*n : 1
""" + _RATES + """
I : amp
I_syn : amp
V_start : volt"""
    threshold_text = "V >= V_th and V_start < V_th"
    step_start_code = "V_start = V"
