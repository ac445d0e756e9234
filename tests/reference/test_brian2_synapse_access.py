"""Synapses' run_regularly, N_incoming/N_outgoing, synaptic indexing, StateMonitor on
S[i, j] and the monitors' accessors give Brian2's numbers, on both targets.

The cases are in ``synapse_access_cases.py``; what Brian2 2.9.0 computed is in
``brian2_synapse_access.npz`` (made by ``make_brian2_synapse_access_reference.py``, where
Brian2's cython and numpy targets agree: JSON sidecar).
"""
import json
from pathlib import Path

import numpy as np
import pytest

import eqsim
from synapse_access_cases import CASES

HERE = Path(__file__).resolve().parent
REFERENCE = np.load(HERE / "brian2_synapse_access.npz")
SIDECAR = json.loads((HERE / "brian2_synapse_access.json").read_text())


@pytest.mark.parametrize("name", sorted(CASES))
def test_synapse_access_case_gives_brian2_numbers(name, target):
    eqsim.start_scope()
    got = CASES[name](eqsim)
    assert set(got) == {key.split("__")[1] for key in REFERENCE.files
                        if key.split("__")[0] == name}
    for key, value in got.items():
        expected = REFERENCE[f"{name}__{key}"]
        value = np.asarray(value)
        assert value.shape == expected.shape, (key, value.shape, expected.shape)
        np.testing.assert_allclose(value, expected, rtol=1e-12, atol=1e-12,
                                   err_msg=f"{name}: {key}")


def test_the_reference_covers_every_case_and_brian2s_targets_agree():
    assert {key.split("__")[0] for key in REFERENCE.files} == set(CASES)
    assert max(SIDECAR["cython_numpy_spread"].values()) < 1e-9
