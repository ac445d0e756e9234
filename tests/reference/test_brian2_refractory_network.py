"""A Brunel-like network (250 delta-synapse LIF neurons, '(unless refractory)' potential,
fixed inputs and connectivity, 150 ms) gives exactly Brian2's spikes on both targets:
synaptic input that arrives during refractoriness is dropped, as in Brian2
(``brian2_refractory_network.npz``, made by ``make_brian2_refractory_reference.py``)."""
from pathlib import Path

import numpy as np
import pytest

import eqsim
import refractory_network as net

REFERENCE = np.load(Path(__file__).resolve().parent / "brian2_refractory_network.npz")


def simulate(variant):
    inputs = {key: REFERENCE[key] for key in ("ext_source", "ext_step", "ext_i", "ext_j",
                                              "rec_i", "rec_j")}
    objects, spikes = net.build(eqsim, inputs, **net.VARIANTS[variant])
    eqsim.Network(*objects).run(net.DURATION_MS * eqsim.ms)
    i = np.asarray(spikes.i, dtype=np.int64)
    steps = np.round(np.asarray(spikes.t / eqsim.ms) / net.DT_MS).astype(np.int64)
    order = np.lexsort((i, steps))
    return i[order], steps[order]


@pytest.mark.parametrize("variant", sorted(net.VARIANTS))
def test_refractory_network_spikes_are_brian2s(target, variant):
    i, steps = simulate(variant)
    expected_i, expected_steps = REFERENCE[f"{variant}__i"], REFERENCE[f"{variant}__step"]
    assert i.size == expected_i.size
    np.testing.assert_array_equal(np.bincount(i, minlength=net.N_EXC + net.N_INH),
                                  np.bincount(expected_i, minlength=net.N_EXC + net.N_INH))
    np.testing.assert_array_equal(steps, expected_steps)
    np.testing.assert_array_equal(i, expected_i)
