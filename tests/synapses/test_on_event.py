"""Synapses(on_event=...): a pathway triggered by a custom event of its source group
instead of spikes (Brian2's on_event, as one name or a dict per pathway)."""
import numpy as np
import pytest

from eqsim import EquationError, EventMonitor, Network, NeuronGroup, Synapses, ms


def _ramp():
    # v climbs 0.01 per step; the 'up' event fires at v > 0.5 and resets v
    G = NeuronGroup(2, "dv/dt = (1 + i)/(10*ms) : 1", events={"up": "v > 0.5"}, method="euler")
    G.run_on_event("up", "v = 0")
    return G


@pytest.mark.parametrize("on_event", ["up", {"pre": "up"}])
def test_pathway_runs_on_each_custom_event_of_its_source(on_event, target):
    G = _ramp()
    H = NeuronGroup(2, "x : 1")
    S = Synapses(G, H, on_pre="x_post += 1", on_event=on_event)
    S.connect(j="i")
    M = EventMonitor(G, "up")
    Network(G, H, S, M).run(20 * ms)
    counts = np.bincount(M.i[:], minlength=2)
    assert counts[1] > counts[0] > 0  # the second neuron climbs twice as fast
    np.testing.assert_array_equal(H.x[:], counts)


def test_pathways_of_one_synapses_can_follow_different_events(target):
    G = _ramp()
    G2 = NeuronGroup(2, "dv/dt = 1/(10*ms) : 1", threshold="v > 0.3", reset="v = 0",
                     events={"up": "v > 0.5"}, method="euler")
    S = Synapses(G, G2, "w : 1\nn_up : 1\nn_spike : 1",
                 on_pre={"pre": "n_up += 1"}, on_post={"post": "n_spike += 1"},
                 on_event={"pre": "up"})
    S.connect(j="i")
    M_up, M_spike = EventMonitor(G, "up"), EventMonitor(G2, "spike")
    Network(G, G2, S, M_up, M_spike).run(10 * ms)
    np.testing.assert_array_equal(S.n_up[:], np.bincount(M_up.i[:], minlength=2))
    np.testing.assert_array_equal(S.n_spike[:], np.bincount(M_spike.i[:], minlength=2))


def test_on_event_naming_a_missing_event_or_pathway_is_an_error():
    G = _ramp()
    with pytest.raises(EquationError, match="does not have"):
        Synapses(G, on_pre="v += 1", on_event="down")
    with pytest.raises(EquationError, match="not pathways"):
        Synapses(G, on_pre="v += 1", on_event={"other": "up"})
