"""Subexpressions flagged ``(constant over dt)``: held over the whole step (every RK4 stage
sees the step-start value), written once for both simulators (``b`` is the module)."""
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


METHODS = ("rk4", "euler", "exact")
