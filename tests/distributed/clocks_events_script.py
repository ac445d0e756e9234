"""Run by test_communication_interval.py, under ``mpiexec -n K`` or as one plain process:
pathways triggered by a custom event (``on_event={'pre': 'half'}``, 6 steps of delay: an
exchange every 6 steps) and by a group on a slower clock (no delay: every step of its
clock), into a group on a third clock; a linked variable between two whole groups. Argument: the target. Prints the results as JSON
(every process). Not a test itself."""
import json
import sys
import warnings

from eqsim import (EventMonitor, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, linked_var,
                   ms, prefs, run, seed)

warnings.simplefilter("ignore")  # the pathways' dt-mismatch warnings (EQ616), by design
prefs.codegen.target = sys.argv[1]
seed(2)
G = NeuronGroup(40, """dv/dt = (1.2 + 0.01*i - v)/(10*ms) : 1
                       x : 1""", threshold="v > 1", reset="v = 0",
                events={"half": "v > 0.5 and x < 1"}, method="exact")
G.run_on_event("half", "x = 2")
G.run_regularly("x = 0", dt=3 * ms)
H = NeuronGroup(40, "dw/dt = -w/(5*ms) : 1", dt=0.2 * ms)
S = Synapses(G, H, on_pre="w_post += 0.1", on_event={"pre": "half"}, delay=0.6 * ms)
S.connect(p=0.3)
slow = NeuronGroup(10, "dv/dt = (2 - v)/(4*ms) : 1", threshold="v > 1", reset="v = 0",
                   dt=0.3 * ms)
S2 = Synapses(slow, G, on_pre="v_post += 0.05")
S2.connect(p=0.5)
# a link element by element between two whole groups of one size: each process's own
L = NeuronGroup(40, "u : 1 (linked)\ny = 2*u + i : 1")
L.u = linked_var(G, "v")
ML = StateMonitor(L, "y", record=[0, 25, 39])
M, E, MS = SpikeMonitor(G), EventMonitor(G, "half"), SpikeMonitor(slow)
SM = StateMonitor(H, "w", record=[0, 39])
run(20 * ms)
print(json.dumps(dict(i=M.i.tolist(), t=M.t_.tolist(), ei=E.i.tolist(), et=E.t_.tolist(),
                      si=MS.i.tolist(), w=SM.w_.tolist(), y=ML.y_.tolist())))
