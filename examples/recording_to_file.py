"""Monitors that record to disk while the network runs, read back lazily, exported to Neo.

A group of 100 LIF neurons with noisy input runs with its spike, state and rate monitors
recording into folders (``to_file=``): memory stays bounded however long the run. After the
run the monitors read the files back through their usual attributes (memory-mapped), NumPy
alone reads the same files, and ``to_neo()`` turns the records into Neo objects (one
``SpikeTrain`` per neuron, an ``AnalogSignal`` per variable and for the rate) for Elephant.
Prints what is on disk and what Neo got; saves a raster and the rate read back from the files.

Run: ``python examples/recording_to_file.py [--duration MS] [--folder DIR]``
(Neo: ``pip install "eqsim[io]"``)
"""
import json
import sys
from pathlib import Path

import numpy as np

from eqsim import (Network, NeuronGroup, PopulationRateMonitor, SpikeMonitor, StateMonitor, mV,
                   ms, seed)
from eqsim.plotting import raster, rates

from example_args import parse_arguments, save

NEURON = "dv/dt = (15*mV - v)/(10*ms) + 4*mV*xi/sqrt(10*ms) : volt"


def options(parser):
    parser.add_argument("--folder", type=Path, default=None,
                        help="where the recordings go (default: beside the figure)")


def main(argv):
    args = parse_arguments(argv, __file__, __doc__, 1000.0, options)
    folder = args.folder or args.figure.with_name(args.figure.stem + "_recordings")
    seed(3)
    neurons = NeuronGroup(100, NEURON, threshold="v > 10*mV", reset="v = 0*mV", method="euler")
    spikes = SpikeMonitor(neurons, to_file=folder / "spikes")
    voltages = StateMonitor(neurons, "v", record=[0, 1, 2], to_file=folder / "v")
    rate = PopulationRateMonitor(neurons, to_file=folder / "rate")
    Network(neurons, spikes, voltages, rate).run(args.duration)

    on_disk = sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())
    print(f"recorded {spikes.num_spikes} spikes, {voltages.t.size} x 3 voltages and "
          f"{rate.N} rates into {folder}: {', '.join(on_disk)}")
    plain = np.load(folder / "spikes" / "t.npy")  # NumPy alone reads them
    units = json.loads((folder / "v" / "recording.json").read_text())["units"]
    print(f"  read with NumPy alone: {plain.size} spike times; units {units}")
    summary = {"spikes": int(spikes.num_spikes), "files": on_disk}
    try:
        trains, signals, rate_signal = spikes.to_neo(), voltages.to_neo(), rate.to_neo()
    except ImportError as error:
        print(f"  Neo export skipped: {error}")
    else:
        signal = signals["v"]
        print(f"  Neo: {len(trains)} SpikeTrains (neuron 0: {len(trains[0])} spikes, "
              f"{trains[0].units.dimensionality}), AnalogSignal {signal.shape} in "
              f"{signal.units.dimensionality}, rate {rate_signal.shape} in "
              f"{rate_signal.units.dimensionality}")
        summary["neo_trains"] = len(trains)
    import matplotlib.pyplot as plt
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 4), sharex=True)
    raster(spikes, ax=top)
    rates(rate, smooth=5 * ms, ax=bottom)
    save(fig, args.figure)
    return summary


if __name__ == "__main__":
    main(sys.argv[1:])
