"""Run the network of ``refractory_network.py`` in Brian2 and save its spikes.

Run with the Python of the Brian2 reference environment (see README.md)::

    /work/brian2-venv/bin/python tests/reference/make_brian2_refractory_reference.py

Writes ``brian2_refractory_network.npz`` (the inputs and connectivity, and per variant
``<variant>__i`` / ``<variant>__step``: the spikes, neuron and time step) and a ``.json``
sidecar (Brian2 version, date, settings, spike counts per target). The network is run on
Brian2's ``numpy`` and ``cython`` targets; their spikes must be identical.
"""
import datetime
import json
import platform
import sys
from pathlib import Path

import numpy as np

import brian2

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import refractory_network as net  # noqa: E402


def simulate(inputs, target, settings):
    brian2.start_scope()
    brian2.prefs.codegen.target = target
    objects, spikes = net.build(brian2, inputs, **settings)
    brian2.Network(*objects).run(net.DURATION_MS * brian2.ms)
    steps = np.round(np.asarray(spikes.t / brian2.ms) / net.DT_MS).astype(np.int64)
    return np.asarray(spikes.i, dtype=np.int64), steps


def main():
    inputs = net.make_inputs()
    arrays = dict(inputs)
    sidecar = dict(brian2=brian2.__version__, numpy=np.__version__, python=platform.python_version(),
                   date=datetime.date.today().isoformat(), dt_ms=net.DT_MS,
                   duration_ms=net.DURATION_MS, variants={})
    for name, settings in net.VARIANTS.items():
        results = {t: simulate(inputs, t, settings) for t in ("numpy", "cython")}
        (i_np, s_np), (i_cy, s_cy) = results["numpy"], results["cython"]
        order_np, order_cy = np.lexsort((i_np, s_np)), np.lexsort((i_cy, s_cy))
        same = (np.array_equal(i_np[order_np], i_cy[order_cy])
                and np.array_equal(s_np[order_np], s_cy[order_cy]))
        arrays[f"{name}__i"], arrays[f"{name}__step"] = i_np[order_np], s_np[order_np]
        sidecar["variants"][name] = dict(settings=settings, spikes=int(i_np.size),
                                         spikes_cython=int(i_cy.size),
                                         targets_identical=bool(same))
        print(name, sidecar["variants"][name])
    np.savez_compressed(HERE / "brian2_refractory_network.npz", **arrays)
    (HERE / "brian2_refractory_network.json").write_text(json.dumps(sidecar, indent=2) + "\n")


if __name__ == "__main__":
    main()
