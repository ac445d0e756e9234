"""Records handed to Python while the network runs: brainpy-largescale's callbacks (seed 002).

Two populations of LIF neurons as in brainpy-largescale's README (``a``: 200 neurons driven by
a constant current, ``b``: 100 neurons driven by ``a`` through exponential synapses, 4 %
connection probability) run under BrainPy's ``DSRunner`` with ``spike_callback`` and
``volt_callback``: every 5 ms of simulated time the callbacks get the new spikes as
``(index, time)`` and voltages as ``(index, time, value)`` (second, volt), and keep a running
rate and a running mean voltage, the way a live display or an external consumer would. The
same run also has a Brian2-style ``SpikeMonitor(b, callback=..., keep=False)`` that keeps
nothing in memory. Prints what the callbacks saw against what the monitors recorded; saves
the running rate of ``a`` as the callbacks computed it, and a raster.

Run: ``python examples/run_callbacks.py [--duration MS] [--period MS]``. Under
``mpiexec -n K`` the callbacks are called on process 0 with every process's records.
"""
import sys

import numpy as np

from eqsim import Network, SpikeMonitor, ms, nA, seed
from eqsim.models import LIF, DSRunner, Expon, FixedProb, Normal, ProjAlignPreMg2, CUBA

from example_args import parse_arguments, save


def options(parser):
    parser.add_argument("--period", type=float, default=5.0,
                        help="simulated ms between two calls of the callbacks (default 5)")


def main(argv):
    args = parse_arguments(argv, __file__, __doc__, 200.0, options)
    seed(123)
    params = dict(V_rest=-60., V_th=-50., V_reset=-60., tau=20., V_initializer=Normal(-55., 3.))
    a, b = LIF(200, name="a", **params), LIF(100, name="b", **params)
    a.I = 20 * nA
    d = ProjAlignPreMg2(pre=a, delay=0.1, syn=Expon.desc(size=200, tau=8.),
                        comm=FixedProb(0.04, weight=1.0), out=CUBA(), post=b, name="d")
    period = args.period * ms
    spikes_a, voltages, quiet = [], [], []

    def spike(records):  # brainpy-largescale: List[Tuple[int, float]]
        spikes_a.append(records)

    def volt(records):  # List[Tuple[int, float, float]]
        voltages.append(records)
    tap_b = SpikeMonitor(b, callback=quiet.extend, callback_period=period, keep=False)
    runner = DSRunner(Network(a, b, d, tap_b), monitors=["a.spike", "a.V"],
                      spike_callback=spike, volt_callback=volt, callback_period=period)
    runner.run(float(args.duration / ms))  # plain numbers are ms, as in BrainPy

    raster_a = runner.mon["a.spike"]
    seen = sum(len(call) for call in spikes_a)
    rates = [len(call) / 200 / float(period) for call in spikes_a]
    mean_v = [np.mean([v for _, _, v in call]) * 1e3 for call in voltages]
    print(f"run_callbacks, {float(args.duration / ms):g} ms: spike_callback called "
          f"{len(spikes_a)} times with {seen} spikes of 'a' (its monitor: {int(raster_a.sum())}); "
          f"volt_callback {len(voltages)} times with {sum(map(len, voltages))} voltages")
    print(f"  running rate of 'a' (Hz): {', '.join(f'{r:.0f}' for r in rates[:8])} ...")
    print(f"  'b' through a SpikeMonitor(callback=, keep=False): {len(quiet)} spikes seen, "
          f"{len(tap_b)} kept, {tap_b.num_spikes} counted")
    import matplotlib.pyplot as plt
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 4), sharex=True)
    steps, neurons = np.nonzero(raster_a)
    top.plot(runner.mon.ts[steps], neurons, "|k", markersize=2)
    top.set_ylabel("neuron of a")
    ends = [call[-1][1] * 1e3 for call in voltages]  # the last sample of each call
    bottom.step(ends, rates, where="pre", label="rate of a (Hz), per call")
    bottom.plot(ends, mean_v, label="mean V of a (mV), per call")
    bottom.set_xlabel("time (ms)")
    bottom.legend(loc="upper right", fontsize=7)
    save(fig, args.figure)
    return {"spike_calls": len(spikes_a), "spikes_seen": seen, "spikes_recorded":
            int(raster_a.sum()), "volt_calls": len(voltages),
            "voltages": sum(map(len, voltages)), "b_seen": len(quiet), "b_kept": len(tap_b),
            "b_counted": int(tap_b.num_spikes)}


if __name__ == "__main__":
    main(sys.argv[1:])
