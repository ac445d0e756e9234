"""BrainPy-style projections (eqsim.models) give BrainPy's spikes, one for one: the
networks of brainpy_projection_cases.py on both targets against BrainPy 2.9 (64-bit,
brainpy_projections.npz made by make_brainpy_projection_reference.py)."""
from pathlib import Path

import numpy as np
import pytest

from eqsim import Network, SpikeMonitor, ms, nA
from eqsim import models
from brainpy_projection_cases import CASES, NE, NI, STEPS, TAU_REF, network_inputs

REFERENCE = np.load(Path(__file__).parent / "brainpy_projections.npz")
SYNAPSES = {"Expon": models.Expon, "DualExpon": models.DualExponential, "Alpha": models.Alpha,
            "AMPA": models.AMPA, "GABAa": models.GABAa, "NMDA": models.NMDA}
# the pre-aligned receptor models on the NumPy target only (compiling costs test time; the
# kernels are the ordinary summed-variable and run_regularly ones)
LINEAR_CASES = sorted(set(CASES) - {"receptors"})
OUTPUTS = {"COBA": models.COBA, "CUBA": models.CUBA, "MgBlock": models.MgBlock}


def simulate(key):
    pairs, v0e, v0i = network_inputs()
    groups = {name: models.LifRef(n, V_rest=-60., V_th=-50., V_reset=-60., tau=20.,
                                  tau_ref=TAU_REF[key], V_initializer=v0, name=name)
              for name, n, v0 in (("E", NE, v0e), ("I", NI, v0i))}
    for group in groups.values():
        group.I = 20 * nA
    for name, (pre, post, (syn, syn_params), (out, out_params), w) in CASES[key].items():
        models.ProjAlignPreMg2(pre=groups[pre], delay=0.1,
                               syn=SYNAPSES[syn].desc(size=groups[pre].N, **syn_params),
                               comm=models.IJConn(*pairs[name], weight=w),
                               out=OUTPUTS[out](**out_params), post=groups[post], name=name)
    monitors = {pop: SpikeMonitor(group, name=f"spikes_{pop}") for pop, group in groups.items()}
    Network(list(groups.values()), list(monitors.values())).run(STEPS * 0.1 * ms)
    return monitors


def assert_spikes_are_brainpys(key, monitors):
    for pop, monitor in monitors.items():
        ours = sorted(zip(np.round(np.asarray(monitor.t / ms) / 0.1).astype(int).tolist(),
                          np.asarray(monitor.i).tolist()))
        theirs = sorted(zip(REFERENCE[f"{key}/{pop}_steps"].tolist(),
                            REFERENCE[f"{key}/{pop}_neurons"].tolist()))
        assert len(theirs) > 100
        assert ours == theirs, f"{key} {pop}: first difference at " + str(next(
            (k, a, b) for k, (a, b) in enumerate(zip(ours, theirs)) if a != b) if len(ours) == len(theirs) else (len(ours), len(theirs)))


@pytest.mark.parametrize("key", LINEAR_CASES)
def test_projection_network_spikes_are_brainpys_one_for_one(target, key):
    assert_spikes_are_brainpys(key, simulate(key))


def test_ampa_gabaa_nmda_network_spikes_are_brainpys_one_for_one(numpy_target):
    assert_spikes_are_brainpys("receptors", simulate("receptors"))
