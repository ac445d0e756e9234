"""Loading what Brian2 computed (``brian2_tutorial_*.npz`` + JSON sidecar) for the tests."""
import json
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


class Reference:
    """The arrays of one tutorial, keyed ``<cell>__<array>``, and its settings."""

    def __init__(self, tutorial):
        self.arrays = np.load(HERE / f"brian2_tutorial_{tutorial}.npz")
        self.sidecar = json.loads((HERE / f"brian2_tutorial_{tutorial}.json").read_text())
        self.dt = self.sidecar["dt"]

    def __call__(self, cell, array):
        return self.arrays[f"{cell}__{array}"]

    def steps(self, times):
        """Spike times (seconds) as integer time steps, the unit in which spikes must agree."""
        return np.round(np.asarray(times, dtype=float) / self.dt).astype(np.int64)
