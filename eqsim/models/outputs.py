"""Synaptic outputs (BrainPy's ``COBA``, ``CUBA``, ``MgBlock``): how a synaptic variable
``g`` becomes an input current of the postsynaptic neuron. As in BrainPy the current is
computed from ``V`` at the start of the step and held during it."""
from .parameters import parameter_values


class Output:
    parameters = {}
    weight_kind = "conductance"  # the unit a projection's weight has with this output

    def __init__(self, **values):
        label = type(self).__name__
        self.values = parameter_values(label, self.parameters, values)

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.values.items())})"


class COBA(Output):
    """Conductance-based: ``I = g*(E - V)``; ``E`` in volt (plain numbers mV), weights in
    siemens (plain numbers uS)."""
    parameters = {"E": (0.0, "voltage")}

    def current(self, g, p):
        return f"{g}*({p}E - V)"


class CUBA(Output):
    """Current-based: ``I = g``; weights in amp (plain numbers nA)."""
    weight_kind = "current"

    def current(self, g, p):
        return g


class MgBlock(Output):
    """Conductance with magnesium block (BrainPy's ``MgBlock``, NMDA-like):
    ``I = g*(E - V)/(1 + cc_Mg/beta*exp(alpha*(V_offset - V)))``; ``cc_Mg`` in mM, ``alpha``
    in 1/mV, ``beta`` dimensionless (BrainPy's defaults 1.2, 0.062, 3.57)."""
    parameters = {"E": (0.0, "voltage"), "cc_Mg": (1.2, "1"), "alpha": (0.062, "per_voltage"),
                  "beta": (3.57, "1"), "V_offset": (0.0, "voltage")}

    def current(self, g, p):
        return f"{g}*({p}E - V)/(1 + {p}cc_Mg/{p}beta*exp({p}alpha*({p}V_offset - V)))"
