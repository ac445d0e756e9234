"""Run by test_communication_interval.py, under ``mpiexec -n K`` or as one plain process
(compiled target): a network whose shortest synaptic delay is 5 steps, so that K > 1
processes exchange spikes once every 5 steps. Homogeneous and per-synapse delays, STDP,
procedural synapses, refractoriness and noise; runs that end mid-interval, a stop() from a
network operation at the start of a step, and a network operation after the exchange
(interval 1); a stop() called by one process only (the last) that every process carries
out, and one called after the step's exchange by the first process only, which every
process carries out after that same step. Arguments: the target (default cython), then "overlap" (default) or "no-overlap"
(prefs.distributed.overlap_exchange). Prints the results as JSON (every process), then
each exchange's [interval, overlapped] of three runs. Not a test itself."""
import json
import sys

from eqsim import (Network, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, ms,
                   network_operation, prefs, seed)
from eqsim.distributed import num_processes, rank, world

prefs.codegen.target = sys.argv[1] if len(sys.argv) > 1 else "cython"
prefs.distributed.overlap_exchange = sys.argv[2:3] != ["no-overlap"]
if num_processes() > 1:  # slots of 4 words: they grow mid-run, also in an overlapped exchange
    world().capacity_cell[0] = 4
seed(5)
G = NeuronGroup(120, """dv/dt = (I - v)/(10*ms) + 0.3*xi/sqrt(10*ms) : 1 (unless refractory)
                        I : 1""", threshold="v > 1", reset="v = 0", refractory=1 * ms,
                method="euler")
G.I = "1.1 + 0.1*rand()"
G.v = "rand()"
E, I = G[:90], G[90:]
SE = Synapses(E, G, "w : 1", on_pre="v_post += w", delay=0.8 * ms)
SE.connect(p=0.1)
SE.w = "0.05*rand()"
SI = Synapses(I, G, on_pre="v_post -= 0.05")
SI.connect(p=0.2)
SI.delay = "0.5*ms + rand()*ms"
PL = Synapses(G, G, """w : 1
                       dapre/dt = -apre/(5*ms) : 1 (event-driven)
                       dapost/dt = -apost/(5*ms) : 1 (event-driven)""",
              on_pre="v_post += w\napre += 0.01\nw = clip(w + apost, 0, 0.1)",
              on_post="apost -= 0.012\nw = clip(w + apre, 0, 0.1)", delay=0.6 * ms)
PL.connect(p=0.05)
PL.w = 0.05
PROC = Synapses(E, G, on_pre="v_post += 0.01", delay=0.7 * ms)
PROC.connect(p=0.05, procedural=True)
M = SpikeMonitor(G)
SM = StateMonitor(G, "v", record=[0, 61, 119])
net = Network(G, SE, SI, PL, PROC, M, SM)


@network_operation(when="start")
def stopper(t):
    if abs(t / ms - 7.3) < 1e-6:
        net.stop()


intervals = []
net.run(4.37 * ms)                # ends mid-interval
intervals.append([[x.interval, x.overlapped] for x in net._exchanges])
net.add(stopper)
net.run(20 * ms)                  # stopped at t = 7.3 ms (a network operation: every step)
intervals.append([[x.interval, x.overlapped] for x in net._exchanges])
net.remove(stopper)
net.run(6 * ms)
late = network_operation(lambda: None, when="end")
net.add(late)
net.run(2 * ms)                   # a network operation: an exchange every step
intervals.append([[x.interval, x.overlapped] for x in net._exchanges])
net.remove(late)


@network_operation(when="start")
def one_stops(t):  # only on the last process: the others must stop with it
    if rank() == num_processes() - 1 and abs(t / ms - 17.0) < 1e-6:
        net.stop()


net.add(one_stops)
net.run(5 * ms)                   # stopped in the step at 17.0 ms, on every process
net.remove(one_stops)
net.run(1 * ms)


@network_operation(when="end")
def first_stops_late(t):  # after the step's exchange, on the first process only
    if rank() == 0 and abs(t / ms - 19.0) < 1e-6:
        net.stop()


net.add(first_stops_late)
net.run(5 * ms)                   # stopped after the step at 19.0 ms, on every process
net.remove(first_stops_late)
net.run(1 * ms)
print(json.dumps(dict(i=M.i.tolist(), t=M.t_.tolist(), v=SM.v_.tolist(), w=PL.w_[:].tolist(),
                      t_end=float(net.t / ms))))
print(json.dumps(intervals))
