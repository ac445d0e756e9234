"""Recording to memory vs to disk (``to_file=``): run time and write speed.

    python benchmarks/recording.py [--neurons 1000] [--duration-ms 1000]

A LIF group recorded entirely by a StateMonitor (v of every neuron at every step) and a
SpikeMonitor, once in memory and once streamed to .npy files in a temporary folder.
"""
import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eqsim import (Network, NeuronGroup, SpikeMonitor, StateMonitor, mV, ms,  # noqa: E402
                   start_scope)


def run(neurons, duration, folder):
    start_scope()
    G = NeuronGroup(neurons, "dv/dt = (I - v)/(10*ms) : volt\nI : volt", threshold="v > 10*mV",
                    reset="v = 0*mV", method="exact")
    G.I = "(9 + 4*i/N)*mV"
    states = StateMonitor(G, "v", record=True, to_file=folder and os.path.join(folder, "v"))
    spikes = SpikeMonitor(G, to_file=folder and os.path.join(folder, "spikes"))
    net = Network(G, states, spikes)
    net.run(1 * ms)  # build and compile outside the timing
    started = time.perf_counter()
    net.run(duration * ms)
    return time.perf_counter() - started, states.v_.nbytes, spikes.num_spikes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--neurons", type=int, default=1000)
    parser.add_argument("--duration-ms", type=float, default=1000.0)
    args = parser.parse_args()
    memory_s, nbytes, spikes_m = run(args.neurons, args.duration_ms, None)
    folder = tempfile.mkdtemp(prefix="eqsim-recording-")
    try:
        file_s, _, spikes_f = run(args.neurons, args.duration_ms, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert spikes_m == spikes_f
    megabytes = nbytes / 1e6
    print(f"{args.neurons} neurons, {args.duration_ms:g} ms, {megabytes:.0f} MB of v recorded")
    print(f"in memory: {memory_s:.2f} s; to file: {file_s:.2f} s "
          f"({file_s / memory_s:.2f}x, {megabytes / file_s:.0f} MB/s end to end)")


if __name__ == "__main__":
    main()
