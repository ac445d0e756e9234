"""The script of the checkpoint tests, in one process (test_checkpoint_layout.py) and under
``mpiexec`` (callbacks_checkpoint_script.py). Not a test module."""
from eqsim import Network, NeuronGroup, SpikeMonitor, Synapses, ms, seed, start_scope

N = 12


DELAYS = "(1 + (i + j) % 5)*ms"
#: one delay onto neurons 0-5 (process 0 of 2 queues spikes of sources), several onto 6-11
MIXED_DELAYS = "(1 + int(j >= 6)*(1 + i % 3))*ms"


def build(partition=None, delays=DELAYS):
    """An excitable group with an integer and a shared variable, synapses with per-synapse
    ``delays`` (a queue of synapses) and several synapses per pair, a spike monitor; with
    ``partition=(rank, size)``, that process's part."""
    start_scope()
    seed(11)
    extra = {} if partition is None else {"_partition": partition}
    group = NeuronGroup(N, """dv/dt = (1.5 - v)/(5*ms) : 1 (unless refractory)
                              k : integer
                              c : 1 (shared)""",
                        threshold="v > 1", reset="v = 0; k += 1", refractory=1 * ms,
                        method="exact", name="G", **extra)
    group.v = "rand()"
    synapses = Synapses(group, group, "w : 1", on_pre="v_post += w", name="S")
    synapses.connect(p=0.4, n=2)
    synapses.w = "0.01*j + 0.001*i"
    synapses.delay = delays
    monitor = SpikeMonitor(group, name="M")
    return Network(group, synapses, monitor, name="net")


def independent(partition=None, **callbacks):
    """Neurons that do not interact (so a part runs as its slice of the whole): neuron i
    spikes every 40/(i + 1) ms; monitors with callbacks (``spikes=``, ``samples=``)."""
    from eqsim import StateMonitor
    start_scope()
    extra = {} if partition is None else {"_partition": partition}
    group = NeuronGroup(N, "dv/dt = (i + 1)/(40*ms) : 1", threshold="v > 1", reset="v = 0",
                        method="euler", name="H", **extra)
    spikes = SpikeMonitor(group, callback=callbacks["spikes"], callback_period=2 * ms,
                          name="HS")
    samples = StateMonitor(group, "v", record=True, callback=callbacks["samples"],
                           callback_period=3 * ms, name="HV")
    return Network(group, spikes, samples, name="free")
