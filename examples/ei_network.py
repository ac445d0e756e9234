"""The E/I balanced network of the seed (BrainPy's ProjAlignPreMg2 example), in eqsim.

3200 excitatory and 800 inhibitory leaky integrate-and-fire neurons with 5 ms
refractoriness, conductance-based exponential synapses (5 ms excitatory, 10 ms
inhibitory; reversal 0 mV / -80 mV), random connections with p = 0.02, a
0.1 ms delay and a constant input of 20 mV. Prints a summary and saves a raster
plot to ``ei_network_raster.png``.

Run: ``python examples/ei_network.py [duration_ms] [--target numpy]``, or on K processes:
``mpiexec -n K python examples/ei_network.py [duration_ms]`` (the same spikes; process 0
prints and plots).
"""
import sys
import time

import matplotlib
matplotlib.use("Agg")

from eqsim import *  # noqa: E402,F401,F403
from eqsim.distributed import rank  # noqa: E402


def build_and_run(duration=1000 * ms, report=None):
    start_scope()
    seed(2024)
    n_exc, n_inh = 3200, 800
    V_rest, V_th, V_reset = -60 * mV, -50 * mV, -60 * mV
    tau, tau_exc, tau_inh = 20 * ms, 5 * ms, 10 * ms
    E_exc, E_inh = 0 * mV, -80 * mV
    I_ext = 20 * mV
    eqs = """
    dv/dt = (V_rest - v + g_exc*(E_exc - v) + g_inh*(E_inh - v) + I_ext) / tau : volt (unless refractory)
    dg_exc/dt = -g_exc / tau_exc : 1
    dg_inh/dt = -g_inh / tau_inh : 1
    """
    neurons = NeuronGroup(n_exc + n_inh, eqs, threshold="v > V_th", reset="v = V_reset",
                          refractory=5 * ms, method="exponential_euler", name="neurons")
    neurons.v = "V_rest + 5*mV + 2*mV*randn()"  # Normal(-55 mV, 2 mV), as in the seed
    exc, inh = neurons[:n_exc], neurons[n_exc:]
    exc_syn = Synapses(exc, neurons, on_pre="g_exc_post += 0.6", delay=0.1 * ms, name="exc_syn")
    exc_syn.connect(p=0.02)
    inh_syn = Synapses(inh, neurons, on_pre="g_inh_post += 6.7", delay=0.1 * ms, name="inh_syn")
    inh_syn.connect(p=0.02)
    spikes_exc = SpikeMonitor(exc, name="spikes_exc")
    spikes_inh = SpikeMonitor(inh, name="spikes_inh")
    net = Network(neurons, exc_syn, inh_syn, spikes_exc, spikes_inh)
    started = time.perf_counter()
    net.run(duration, report=report)
    elapsed = time.perf_counter() - started
    return net, spikes_exc, spikes_inh, len(exc_syn) + len(inh_syn), elapsed


def main(argv):
    duration_ms = float(argv[1]) if len(argv) > 1 and not argv[1].startswith("--") else 1000.0
    if "--target" in argv:
        prefs.codegen.target = argv[argv.index("--target") + 1]
    net, sp_e, sp_i, n_syn, elapsed = build_and_run(duration_ms * ms)
    seconds = duration_ms / 1000
    if rank() != 0:  # under mpiexec: every process has the whole network's spikes
        return
    print(f"E/I network: 3200 excitatory + 800 inhibitory LIF neurons, {n_syn} synapses, "
          f"{duration_ms:g} ms simulated in {elapsed:.2f} s ({prefs.codegen.target} target)")
    print(f"  excitatory: {sp_e.num_spikes} spikes, mean rate {sp_e.num_spikes / 3200 / seconds:.2f} Hz")
    print(f"  inhibitory: {sp_i.num_spikes} spikes, mean rate {sp_i.num_spikes / 800 / seconds:.2f} Hz")
    fig, ax = subplots(figsize=(10, 5))
    ax.plot(sp_e.t / ms, sp_e.i, ",", color="tab:blue", label="excitatory")
    ax.plot(sp_i.t / ms, sp_i.i + 3200, ",", color="tab:red", label="inhibitory")
    ax.set_xlabel("time (ms)")
    ax.set_ylabel("neuron index")
    ax.set_title("E/I balanced network (eqsim)")
    fig.savefig("ei_network_raster.png", dpi=120)
    print("  raster plot saved to ei_network_raster.png")


if __name__ == "__main__":
    main(sys.argv)
