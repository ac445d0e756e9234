"""A group's state update and threshold run as one compiled kernel when nothing scheduled
between them touches the threshold's variables; fused or not, the spikes are those of the
NumPy target."""
import numpy as np
import pytest

from eqsim import (Network, NeuronGroup, NetworkOperation, SpikeMonitor, ms, prefs, seed)

FUSED = "stateupdate + threshold"
EQS = "dv/dt = (1.2 - v)/(10*ms) + 0.5*xi/sqrt(ms) : 1 (unless refractory)"


def _network(extra=None):
    seed(3)
    group = NeuronGroup(300, EQS, threshold="v > 1", reset="v = 0", refractory=2 * ms,
                        method="euler", name="fusion_group")
    group.v = "rand()"
    spikes = SpikeMonitor(group, name="fusion_spikes")
    objects = [group, spikes] + ([extra(group)] if extra else [])
    return Network(*objects), spikes


def _run(target, extra=None):
    previous = prefs["codegen.target"]
    prefs["codegen.target"] = target
    try:
        net, spikes = _network(extra)
        net.run(30 * ms)
        source = net._module.source if target == "cython" else ""
        return spikes.i.copy(), spikes.t_.copy(), source
    finally:
        prefs["codegen.target"] = previous


def _touching_v(group):
    # between the state update and the threshold, writing what the threshold reads, on its
    # own clock (on the group's clock it would itself fuse with the threshold instead)
    return group.run_regularly("v = v * 0.999", dt=0.2 * ms, when="thresholds", order=-1,
                               name="fusion_shrink")


def _netop(group):
    return NetworkOperation(lambda: None, when="thresholds", order=-1, name="fusion_netop")


@pytest.mark.parametrize("extra, fused", [(None, True), (_touching_v, False), (_netop, False)])
def test_fusion_happens_only_when_safe_and_spikes_match_numpy(extra, fused):
    i_c, t_c, source = _run("cython", extra)
    i_n, t_n, _ = _run("numpy", extra)
    assert (FUSED in source) == fused
    assert i_c.size > 50
    np.testing.assert_array_equal(i_c, i_n)
    np.testing.assert_allclose(t_c, t_n)
