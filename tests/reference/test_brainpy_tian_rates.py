"""Seed 004's E/I network (Tian et al. 2020, examples/tian2020.py) fires at BrainPy's rates:
the mean E and I rates over seeds within 5 % of BrainPy 2.9's own runs of the seed's model
(brainpy_tian_rates.json, made by make_brainpy_tian_rates.py: the seed's update order,
Euler, float64), both at 4000 neurons (1 M... 4 M synapses, weights scaled by 10,000/4000 as
``build(num)`` does), 100 ms, nothing discarded.

The two simulators draw the initial voltages and the connections from different generators,
so a seed gives other spikes in each; fed BrainPy's connections and initial voltages eqsim
gives the same spikes (checked while writing this test). Across seeds the rates vary (see
the json's summary), so the means of several seeds are compared. Compiled target: the
network is the example's."""
import json
import sys
from pathlib import Path

import numpy as np

from eqsim import Network, SpikeMonitor, ms, seed, start_scope

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
import tian2020  # noqa: E402

REFERENCE = json.loads((Path(__file__).parent / "brainpy_tian_rates.json").read_text())
NUM, SEEDS = 4000, range(6)


def test_tian2020_mean_rates_across_seeds_are_brainpys_within_5_percent():
    brainpy = REFERENCE["summary"][str(NUM)]
    assert brainpy["seeds"] >= 4
    rates = []
    for s in SEEDS:
        start_scope()
        seed(s)
        E, I, _ = tian2020.build(NUM, procedural=False)
        spikes_e, spikes_i = SpikeMonitor(E), SpikeMonitor(I)
        Network(E, I, spikes_e, spikes_i).run(100 * ms)
        rates.append((spikes_e.num_spikes / len(E) / 0.1, spikes_i.num_spikes / len(I) / 0.1))
    np.testing.assert_allclose(np.mean(rates, axis=0),
                               (brainpy["mean_rate_E_hz"], brainpy["mean_rate_I_hz"]), rtol=0.05)
