"""Subexpressions flagged ``(constant over dt)``: held over the whole step (every RK4 stage
sees the step-start value), in a NeuronGroup and in Synapses, written once for both
simulators (``b`` is the module)."""
MODEL = """
dv/dt = (I - v)/(10*ms) : volt
I = 20*mV - 0.5*v + 2*mV*sin(2*pi*t/(5*ms)) : volt (constant over dt)
"""


def run_case(b, method):
    b.start_scope()
    b.defaultclock.dt = 0.1 * b.ms
    G = b.NeuronGroup(3, MODEL, method=method)
    G.v = "i*5*mV"
    M = b.StateMonitor(G, ["v", "I"], record=True)
    b.run(20 * b.ms)
    return {"v": (M.v / b.mV).tolist(), "I": (M.I / b.mV).tolist()}


# held in Synapses: read by the clock-driven equation (every RK4 stage), by a summed
# variable and by on_pre; it reads a presynaptic variable and the synapse's own state
SYNAPSES_MODEL = """
dw/dt = (I - w)/(10*ms) : volt (clock-driven)
I = 20*mV - 0.5*w + 2*mV*sin(2*pi*t/(5*ms)) + 0.1*v_pre : volt (constant over dt)
g_post = I : volt (summed)
"""


def run_synapses_case(b, method):
    b.start_scope()
    b.defaultclock.dt = 0.1 * b.ms
    G = b.NeuronGroup(2, "dv/dt = (12*mV - v)/(3*ms) : volt", threshold="v > 10*mV",
                      reset="v = 0*mV", method="euler")
    H = b.NeuronGroup(2, "g : volt\nc : volt")
    S = b.Synapses(G, H, SYNAPSES_MODEL, on_pre="c_post += I", method=method)
    S.connect()
    S.w = "i*5*mV + j*2*mV"
    M = b.StateMonitor(S, ["w", "I"], record=True)
    N = b.StateMonitor(H, ["g", "c"], record=True)
    b.run(20 * b.ms)
    return {"w": (M.w / b.mV).tolist(), "I": (M.I / b.mV).tolist(),
            "g": (N.g / b.mV).tolist(), "c": (N.c / b.mV).tolist()}


METHODS = ("rk4", "euler", "exact")
SYNAPSES_METHODS = ("rk4", "euler")
