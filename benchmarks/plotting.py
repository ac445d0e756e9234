"""Time eqsim.plotting.raster on a million spikes (drawn to PNG with Agg).

    python benchmarks/plotting.py [--spikes 1000000]

The goal (issue 10): a million spikes plotted in under a second.
"""
import argparse
import io
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from eqsim import NeuronGroup, ms  # noqa: E402
from eqsim.plotting import raster  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spikes", type=int, default=1_000_000)
    args = parser.parse_args()
    rng = np.random.default_rng(0)

    class Monitor:
        source = NeuronGroup(4000, "v : 1")
        i = rng.integers(0, 4000, args.spikes)
        t = np.sort(rng.random(args.spikes)) * 1000 * ms

    import matplotlib.pyplot as plt  # imported once per session, not a cost of each plot
    started = time.perf_counter()
    ax = raster(Monitor(), ax=plt.subplots()[1])
    ax.figure.savefig(io.BytesIO(), format="png", dpi=100)
    seconds = time.perf_counter() - started
    print(f"raster of {args.spikes} spikes drawn to PNG in {seconds:.2f} s")


if __name__ == "__main__":
    main()
