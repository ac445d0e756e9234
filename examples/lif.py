"""Leaky integrate-and-fire neurons driven by constant currents: the f-I curve.

Fifty LIF neurons share the model ``C dv/dt = g_L (E_L - v) + I`` with a 2 ms refractory
period. Each neuron gets its own constant input current, from 0 to 0.5 nA. After one second
the script prints each neuron's firing rate next to the analytic LIF rate. It saves
``lif.png`` with the simulated and analytic f-I curves and the voltage traces of three
neurons: below the rheobase, just above it, and strongly driven.

Run: ``python examples/lif.py [--target numpy]``
"""
import sys

import matplotlib
matplotlib.use("Agg")

from eqsim import *  # noqa: E402,F401,F403

N = 50
C = 200 * pF
g_L = 10 * nS            # membrane time constant C/g_L = 20 ms
E_L = -70 * mV
V_th = -50 * mV
V_reset = -60 * mV
t_ref = 2 * ms
I_max = 0.5 * nA
DURATION = 1000 * ms
TRACED = [10, 25, 49]    # below rheobase (0.2 nA), just above it, strongest drive

EQUATIONS = """
dv/dt = (g_L*(E_L - v) + I) / C : volt (unless refractory)
I : amp (constant)
"""


def analytic_rate(current):
    """Firing rate of the LIF model above for a constant current (0 below the rheobase).

    Parameters
    ----------
    current : Quantity
        Input currents (amp).

    Returns
    -------
    Quantity
        Rates (hertz); the time to climb from ``V_reset`` to ``V_th`` plus ``t_ref`` is the
        interspike interval.
    """
    tau = C / g_L
    v_inf = E_L + current / g_L            # where v would settle without a threshold
    above = v_inf > V_th
    # where() evaluates both branches; keep the log's argument positive below the rheobase
    ratio = where(above, (v_inf - V_reset) / (v_inf - V_th), 2.0)
    return where(above, 1 / (t_ref + tau * log(ratio)), 0 * Hz)


def simulate(duration=DURATION):
    """Run the neurons for ``duration``; return the group, its spikes and the traces."""
    start_scope()
    neurons = NeuronGroup(N, EQUATIONS, threshold="v > V_th", reset="v = V_reset",
                          refractory=t_ref, method="exact", name="lif_neurons")
    neurons.v = E_L
    neurons.I = "i * I_max / (N - 1)"
    spikes = SpikeMonitor(neurons, name="lif_spikes")
    traces = StateMonitor(neurons, "v", record=TRACED, name="lif_traces")
    Network(neurons, spikes, traces).run(duration)
    return neurons, spikes, traces


def plot_results(currents, rates, theory, traces, filename="lif.png"):
    """The f-I curve (simulated and analytic) beside the voltage traces, saved to ``filename``."""
    fig, (ax_rate, ax_trace) = subplots(1, 2, figsize=(11, 4))
    ax_rate.plot(currents / nA, theory / Hz, "-", color="0.6", label="analytic")
    ax_rate.plot(currents / nA, rates / Hz, "o", ms=4, label="simulated")
    ax_rate.set_xlabel("input current (nA)")
    ax_rate.set_ylabel("firing rate (Hz)")
    ax_rate.set_title("f-I curve")
    ax_rate.legend()
    shown = traces.t < 200 * ms
    for row, index in enumerate(TRACED):
        ax_trace.plot(traces.t[shown] / ms, traces.v[row][shown] / mV,
                      label=f"I = {currents[index] / nA:.2f} nA")
    ax_trace.axhline(V_th / mV, ls=":", color="k", lw=1)
    ax_trace.set_xlabel("time (ms)")
    ax_trace.set_ylabel("v (mV)")
    ax_trace.set_title("membrane potential")
    ax_trace.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(filename, dpi=100)


def main(argv):
    if "--target" in argv:
        prefs.codegen.target = argv[argv.index("--target") + 1]
    neurons, spikes, traces = simulate()
    currents = neurons.I[:]
    rates = spikes.count[:] / DURATION
    theory = analytic_rate(currents)
    print(f"{N} LIF neurons, {DURATION / ms:g} ms ({prefs.codegen.target} target)")
    print("  I (nA)   rate (Hz)   analytic (Hz)")
    for index in range(0, N, 7):
        print(f"  {currents[index] / nA:6.3f}   {rates[index] / Hz:9.1f}   {theory[index] / Hz:13.1f}")
    print(f"  mean rate {mean(rates / Hz):.2f} Hz, "
          f"largest deviation from the analytic rate {max(abs(rates - theory) / Hz):.2f} Hz")
    plot_results(currents, rates, theory, traces)
    print("  f-I curve and voltage traces saved to lif.png")


if __name__ == "__main__":
    main(sys.argv)
