"""The ready neuron models (eqsim.models) give BrainPy's numbers: each case of
brainpy_neuron_cases.py run on both targets against what BrainPy 2.9 (64-bit) computed
(brainpy_neurons.npz, made by make_brainpy_neuron_reference.py)."""
from pathlib import Path

import numpy as np
import pytest

from eqsim import SpikeMonitor, StateMonitor, mV, ms, nA, run, uA
from eqsim import models
from brainpy_neuron_cases import CASES, STEPS

REFERENCE = np.load(Path(__file__).parent / "brainpy_neurons.npz")
EQSIM_NAMES = {"Lif": "LIF", "AdExIF": "AdEx"}
# Izhikevich's input is a rate of change of V (BrainPy's units: mV/ms), the others' a current
INPUT_UNIT = {"Izhikevich": mV / ms, "HH": uA}
# BrainPy's plain numbers are SI-scaled by these before comparing (mV, nA)
TRACE_UNIT = {"V": mV, "V_th": mV, "w": nA, "I1": nA, "I2": nA, "u": mV / ms, "m": 1, "h": 1,
              "n": 1}


def simulate(key):
    case = CASES[key]
    brainpy_name = case.get("model", key)
    model = getattr(models, EQSIM_NAMES.get(brainpy_name, brainpy_name))
    group = model(len(case["inputs"]), V_initializer=case["V0"], name="neurons",
                  **case["params"])
    group.I = np.asarray(case["inputs"]) * INPUT_UNIT.get(brainpy_name, nA)
    # BrainPy's trace k is the state after step k: record at the end of each step
    monitor = StateMonitor(group, case["record"], record=True, when="end", name="trace")
    spikes = SpikeMonitor(group, name="spikes")
    run(STEPS * 0.1 * ms)
    return monitor, spikes


@pytest.mark.parametrize("key", sorted(CASES))
def test_ready_neuron_model_gives_brainpys_trace_and_spikes(target, key):
    monitor, spikes = simulate(key)
    steps = np.round(np.asarray(spikes.t / ms) / 0.1).astype(int)
    order = np.lexsort((spikes.i, steps))
    expected = np.lexsort((REFERENCE[f"{key}/spike_neurons"], REFERENCE[f"{key}/spike_steps"]))
    assert len(steps) > 10
    np.testing.assert_array_equal(steps[order], REFERENCE[f"{key}/spike_steps"][expected])
    np.testing.assert_array_equal(np.asarray(spikes.i)[order],
                                  REFERENCE[f"{key}/spike_neurons"][expected])
    for name in CASES[key]["record"]:
        ours = np.asarray(getattr(monitor, name) / TRACE_UNIT[name]).T
        np.testing.assert_allclose(ours, REFERENCE[f"{key}/{name}"], rtol=1e-9, atol=1e-9,
                                   err_msg=f"{key}: {name}")


def test_refractoriness_ends_as_brainpys_float_comparison_decides(target):
    group = models.LifRef(1, V_rest=-60., V_th=-50., V_reset=-60., tau=20., tau_ref=5.,
                          V_initializer=-50.5, name="neurons")
    group.I = 30 * nA
    monitor = StateMonitor(group, "V", record=True, when="end", name="trace")
    spikes = SpikeMonitor(group, name="spikes")
    run(60 * ms)
    V = np.asarray(monitor.V[0] / mV)
    spike_steps = np.round(np.asarray(spikes.t / ms) / 0.1).astype(int)
    assert len(spike_steps) > 3
    for j in spike_steps:
        # BrainPy: refractory in step i while i*0.1 - j*0.1 <= 5.0 (ms, double precision)
        held = [i for i in range(j + 1, j + 52) if i * 0.1 - j * 0.1 <= 5.0]
        np.testing.assert_array_equal(V[j:held[-1] + 1], -60.0)
        assert V[held[-1] + 1] > -60.0
