"""Brian2's speed on a 4000-neuron LIF network without synapses, for our records.

Run with the Brian2 reference environment (see README.md)::

    /work/brian2-venv/bin/python tests/reference/brian2_speed_baseline.py [--target cython]

The network: 4000 leaky integrate-and-fire neurons (tau 20 ms, rest -60 mV, threshold
-50 mV, reset -60 mV, refractory 5 ms, '(unless refractory)', method 'exact'), each driven
towards its own constant level between -55 mV and -40 mV (so about three quarters fire,
regularly, at rates up to ~90 Hz), a SpikeMonitor, dt = 0.1 ms, simulated for 1 s.

The first run in the process builds or loads the compiled code; the script reports it, then
times further runs of 1 s of simulated time (objects already built: only the step loop).
Run the script twice and read the second process for a warm on-disk cache.
"""
import argparse
import time

from brian2 import (NeuronGroup, SpikeMonitor, Network, defaultclock, prefs, ms, mV, second,
                    __version__)


def build():
    """The LIF network and its spike monitor, inside a fresh Network."""
    n = 4000
    tau, v_rest, v_threshold, v_reset = 20*ms, -60*mV, -50*mV, -60*mV
    eqs = '''
    dv/dt = (v_drive - v)/tau : volt (unless refractory)
    v_drive : volt (constant)
    '''
    group = NeuronGroup(n, eqs, threshold='v > v_threshold', reset='v = v_reset',
                        refractory=5*ms, method='exact',
                        namespace=dict(tau=tau, v_threshold=v_threshold, v_reset=v_reset))
    group.v = v_rest
    group.v_drive = '-55*mV + 15*mV*i/(N-1)'
    spikes = SpikeMonitor(group)
    return Network(group, spikes), spikes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", choices=["cython", "numpy"], default="cython")
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    prefs.codegen.target = options.target
    defaultclock.dt = 0.1*ms
    network, spikes = build()
    start = time.perf_counter()
    network.run(1*second)
    first = time.perf_counter() - start
    print(f"Brian2 {__version__}, target {options.target}: first run(1 s) incl. build/load "
          f"{first:.3f} s, {spikes.num_spikes} spikes")
    for _ in range(options.repeats):
        network, spikes = build()
        start = time.perf_counter()
        network.run(1*second)
        elapsed = time.perf_counter() - start
        print(f"  fresh objects, run(1 s): {elapsed:.3f} s ({spikes.num_spikes} spikes)")
        start = time.perf_counter()
        network.run(1*second)
        print(f"  same objects, second run(1 s): {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
