"""Run by test_distributed_run.py, under ``mpiexec -n K`` or as one plain process: a small
E/I network (delays, heterogeneous delays, refractoriness, noise, randn() initial values,
subgroups, PoissonGroup, PoissonInput, plastic synapses with on_pre/on_post, connect with
p=, a condition, i/j arrays and generators with n=, a SpikeGeneratorGroup, run_regularly
drawing randn()) whose results every process prints as
JSON, read on every process (reads of a split group are collectives); rank 0 prints the
monitors once more after reading them alone (must not wait). Argument: the target. Then a
network operation raises on rank 1 (when there are several processes), and code that
reads a presynaptic neuron variable is refused. Not a test itself."""
import json
import os
import sys
import tempfile

import numpy as np

from eqsim import (Network, NeuronGroup, PoissonGroup, PoissonInput, PopulationRateMonitor,
                   SpikeGeneratorGroup, SpikeMonitor, StateMonitor, Synapses, Hz, ms,
                   linked_var, network_operation, prefs, run, seed, start_scope)
from eqsim.distributed import num_processes, rank
from eqsim.distributed.process_world import world
from eqsim.distributed.spike_exchange import SpikeExchange
from eqsim.errors import EqsimError

prefs.codegen.target = sys.argv[1]
# which exchange runs: compiled code exchanges inside its step loop, NumPy code in Python
PYTHON_EXCHANGES = [0]
_python_exchange = SpikeExchange.call


def counted_exchange(self):
    PYTHON_EXCHANGES[0] += 1
    return _python_exchange(self)


SpikeExchange.call = counted_exchange
if num_processes() > 1:
    # slots of 4 int32 words: the first steps with more than two spikes make every process
    # grow them (in the compiled exchange and in Python), mid-run
    world().capacity_cell[0] = 4
seed(3)
N = 200
G = NeuronGroup(N, """dv/dt = (ge + gi - v + I)/(10*ms) + 0.2*xi/sqrt(10*ms) : 1 (unless refractory)
                      dge/dt = -ge/(5*ms) : 1
                      dgi/dt = -gi/(10*ms) : 1
                      I : 1
                      drive : 1""", threshold="v > 1", reset="v = 0", refractory=2 * ms,
                method="euler")
G.v = "rand()"
G.I = "1.05 + 0.1*randn()"
G.I[3] = 1.3           # one value at a global index (stored by rank 0 only)
G.I[N - 1] = 1.3       # ... and by the last rank only
E, I = G[:160], G[160:]  # I is empty on the first processes of K = 3
P = PoissonGroup(50, rates=20 * Hz)
SE = Synapses(E, G, "w : 1", on_pre="ge += w", delay=1 * ms)
SE.connect(p=0.1)
SE.w = "0.05 + 0.02*rand()"
SI = Synapses(I, G, on_pre="gi -= 0.1")
SI.connect(condition="abs(i - j) < 20 and i != j")
SI.delay = "0.5*ms + rand()*1*ms"
SP = Synapses(P, G, """w : 1
                       dapre/dt = -apre/(10*ms) : 1 (event-driven)
                       dapost/dt = -apost/(10*ms) : 1 (event-driven)""",
              on_pre="ge += w\napre += 0.01\nw = clip(w + apost, 0, 0.2)",
              on_post="apost -= 0.012\nw = clip(w + apre, 0, 0.2)")
SP.connect(i=np.arange(50), j=np.arange(50) * 3)
SP.connect(j="k for k in range(i, i + 4) if k < N_post", n=2)
SP.w = 0.1
PoissonInput(G[50:120], "ge", 10, 30 * Hz, weight=0.02)
SG = SpikeGeneratorGroup(20, [0, 5, 19, 5, 12], [1, 2, 2, 7, 9] * ms)
SG_syn = Synapses(SG, G, on_pre="ge += 0.3")
SG_syn.connect(j="i*10 + k for k in range(3)")
G.run_regularly("I += 0.01*randn()", dt=5 * ms)
SUM = Synapses(P, G, "drive_post = 0.001*i : 1 (summed)")  # onto the stored targets
SUM.connect(p=0.03)  # sparse: geometric walk (SE's p=0.1 draws each target: dense)
PROC = Synapses(E, G, on_pre="gi -= 0.002 + 0.0001*j")  # regenerated at each spike
PROC.connect(p=0.03, procedural=True)  # walked (interval_script's p=0.05: dense)
TINY = NeuronGroup(2, "dv/dt = (2 - i)/(3*ms) : 1", threshold="v > 1", reset="v = 0")
TINY_syn = Synapses(TINY, G, on_pre="ge += 0.2")  # a source with nothing on rank 0 of K = 3
TINY_syn.connect(j="k for k in range(i*100, i*100 + 50)")
MT = SpikeMonitor(TINY)
M, MP = SpikeMonitor(G), SpikeMonitor(P)
SM = StateMonitor(G, ["v", "ge"], record=[0, 7, 99, 150, 199])
R = PopulationRateMonitor(E)
run(30 * ms, report="stderr")
out = dict(i=M.i.tolist(), t=M.t_.tolist(), count=M.count.tolist(), num_spikes=M.num_spikes,
           poisson_i=MP.i.tolist(), poisson_t=MP.t_.tolist(), sv=SM.v_.tolist(),
           sge=SM.ge_.tolist(), st=SM.t_.tolist(), rate=R.rate_.tolist(),
           v=G.v_.tolist(), drive=G.drive_.tolist(), ge=np.asarray(G.ge[:]).tolist(),
           v_sub=np.asarray(I.v[:]).tolist(),
           v_three=float(G.v[3]), v_high=np.asarray(G.v["v > 0.5"]).tolist(), lengths=[len(G), len(E), len(I), int(G.N), len(P)],
           w_plastic=SP.w_[:].tolist(), pre=SP.i[:].tolist(), post=SP.j[:].tolist(),
           w_rows=np.asarray(SP.w["i < 5"]).tolist(), w_pair=np.asarray(SP.w[3, :]).tolist(),
           w_excitatory=np.asarray(SE.w[:]).tolist(), delays=np.asarray(SI.delay[:]).tolist(),
           w_some=np.asarray(SE.w[[0, 5, 17]]).tolist(),
           synapses=[len(SE), len(SI), len(SP)], tiny=[MT.i.tolist(), MT.t_.tolist()])
print(json.dumps(out))
EXCHANGES = {"python": PYTHON_EXCHANGES[0],
             "capacity": int(getattr(world(), "capacity_cell", [0])[0])}
if rank() == 0:  # read on rank 0 alone: local, no wait
    print(json.dumps([M.i[:5].tolist(), SM.v_[0, :3].tolist()]))
sys.stdout.flush()


def failure(when):
    """A network operation (in slot ``when``: before or after the step's spike exchange)
    raises on rank 1 at t = 1 ms: every process stops with it."""
    start_scope()
    H = NeuronGroup(8, "dv/dt = -v/(10*ms) : 1", threshold="v > 1", reset="v = 0")
    S = Synapses(H, H, on_pre="v_post += 0.5")
    S.connect(p=0.5)

    @network_operation(dt=0.5 * ms, when=when)
    def breaks(t):
        if rank() == 1 and t >= 1 * ms:
            raise ValueError(f"netop broke at t={t / ms:g} ms")
    try:
        run(3 * ms)
    except Exception as error:
        return [getattr(error, "code", None), type(error).__name__, str(error)]
    return None


def remote_read():
    """Synaptic code reading v_pre of a split group is refused when the run is built."""
    start_scope()
    H = NeuronGroup(8, "v : 1", threshold="v > 1")
    S = Synapses(H, H, on_pre="v_post += v_pre")
    S.connect(p=0.5)
    try:
        run(1 * ms)
    except EqsimError as error:
        return [error.code, str(error)]
    return None


def not_yet():
    """What K > 1 refuses at once (EQ837): monitors of synapses, links with an index; a
    store() to a file (possible with K > 1: None) for comparison."""
    start_scope()
    H = NeuronGroup(4, "v : 1", threshold="v > 1")
    S = Synapses(H, H, "w : 1", on_pre="v_post += w")
    S.connect()
    codes = []
    L = NeuronGroup(4, "u : 1 (linked)")

    def link_with_index():
        L.u = linked_var(H, "v", index=[3, 2, 1, 0])
    for attempt in (lambda: StateMonitor(S, "w", record=True),
                    lambda: Network(H, S).store(filename=os.path.join(tempfile.mkdtemp(), "state.npz")),
                    link_with_index):
        try:
            attempt()
            codes.append(None)
        except EqsimError as error:
            codes.append(error.code)
    return codes


def files():
    """Monitors recording to per-process files: load_recording() gives what the in-memory
    monitors of the same run hold, bit for bit; reading the file monitor itself raises."""
    import tempfile
    from eqsim.distributed import load_recording
    start_scope()
    H = NeuronGroup(30, "dv/dt = (1.2 + 0.01*i - v)/(10*ms) : 1", threshold="v > 1",
                    reset="v = 0")
    folder = tempfile.mkdtemp() if rank() == 0 else None
    folder = world().broadcast(folder)
    in_memory = SpikeMonitor(H), StateMonitor(H, "v", record=[29, 0, 14])
    on_disk = (SpikeMonitor(H, to_file=folder + "/spikes"),
               StateMonitor(H, "v", record=[29, 0, 14], to_file=folder + "/v"))
    Network(H, *in_memory, *on_disk).run(25 * ms)
    world().barrier()  # every process has written its files
    spikes, v = load_recording(folder + "/spikes"), load_recording(folder + "/v")
    try:
        on_disk[0].t
        refused = None
    except EqsimError as error:
        refused = error.code
    return {"same": [spikes["i"].tolist() == in_memory[0].i.tolist(),
                     spikes["t"].tolist() == in_memory[0].t_.tolist(),
                     v["v"].T.tolist() == in_memory[1].v_.tolist(),
                     v["t"].tolist() == in_memory[1].t_.tolist()],
            "events": len(spikes["i"]), "len": len(on_disk[0]), "refused": refused}


if num_processes() > 1:
    print(json.dumps({"files": files(), "exchanges": EXCHANGES, "remote_read": remote_read(), "failure": failure("start"),
                      "failure_late": failure("end"),
                      "not_yet": not_yet()}))
