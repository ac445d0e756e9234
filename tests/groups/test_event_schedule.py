"""NeuronGroup.set_event_schedule and where event monitors record by default, as Brian2
(the numbers are Brian2 2.9.0's for the same scripts)."""
import numpy as np
import pytest

from eqsim import (EventMonitor, NetworkError, NeuronGroup, PoissonGroup, SpikeGeneratorGroup,
                   SpikeMonitor, StateMonitor, Synapses, Hz, ms, run)
from eqsim.groups.event_schedule import MonitorOrderError, UnknownEventError


def test_moved_conditions_change_when_events_are_found(target):
    G = NeuronGroup(3, '''dv/dt = (1+i)/ms : 1
                          x : 1''', threshold='v > 1', reset='v = 0', events={'ev': 'x > 0.5'},
                    method='euler')
    G.run_on_event('ev', 'x = 0')
    G.run_regularly('x += 0.3', dt=0.1 * ms)
    assert G.set_event_schedule('spike', when='after_resets') is None
    G.set_event_schedule('ev', when='before_groups', order=3)
    spikes, events = SpikeMonitor(G), EventMonitor(G, 'ev')
    S = Synapses(G, G, 'w : 1', on_pre='x += 0.1')
    S.connect(j='i')
    states = StateMonitor(G, 'x', record=True)
    run(1.5 * ms)
    # Brian2 2.9.0 for the same script (times in steps of 0.1 ms)
    assert spikes.i[:].tolist() == [2, 1, 2, 0, 1, 2]
    assert np.round(spikes.t_[:] * 1e4).astype(int).tolist() == [3, 5, 8, 10, 12, 13]
    assert events.i[:].tolist() == [0, 1, 2] * 7
    assert np.round(events.t_[:] * 1e4).astype(int).tolist() == \
        [1, 1, 1, 3, 3, 3, 5, 5, 5, 7, 7, 7, 9, 9, 9, 11, 11, 11, 13, 13, 13]
    np.testing.assert_allclose(states.x[:, ::3], [[0.3, 0.6, 0.3, 0.6, 0.3]] * 3)


def test_event_monitors_record_right_after_their_event_by_default(numpy_target):
    G = NeuronGroup(3, 'v : 1', threshold='v > 1', events={'ev': 'v > 2'}, order=4, reset='')
    P = PoissonGroup(2, 10 * Hz)
    SG = SpikeGeneratorGroup(2, [0], [0] * ms, order=2)

    def slot(monitor):
        return monitor.when, monitor.order
    # Brian2 2.9.0: custom events are checked 'after_thresholds'; a monitor one order later
    assert slot(SpikeMonitor(G)) == ('thresholds', 5)
    assert slot(EventMonitor(G, 'ev')) == ('after_thresholds', 5)
    assert slot(SpikeMonitor(G[0:2])) == ('thresholds', 6)
    assert slot(SpikeMonitor(P)) == ('thresholds', 1)
    assert slot(SpikeMonitor(SG)) == ('thresholds', 3)
    assert slot(SpikeMonitor(G, when='end')) == ('end', 0)
    G.set_event_schedule('spike', 'after_resets')
    G.set_event_schedule('ev', 'start', order=-1)
    assert slot(SpikeMonitor(G)) == ('after_resets', 5)
    assert slot(EventMonitor(G, 'ev')) == ('start', 0)
    assert slot(SpikeMonitor(G[1:2])) == ('thresholds', 6)
    G.set_event_schedule('ev')  # Brian2's default: 'after_thresholds' at the group's order
    assert slot(EventMonitor(G, 'ev')) == ('after_thresholds', 5)


def test_unknown_events_slots_and_an_order_alone_are_refused(numpy_target):
    G = NeuronGroup(2, 'v : 1', threshold='v > 1', reset='', name='grp')
    with pytest.raises(UnknownEventError, match="'grp' has no event 'foo'") as caught:
        G.set_event_schedule('foo')
    assert isinstance(caught.value, ValueError)  # Brian2: ValueError
    with pytest.raises(NetworkError, match="unknown schedule slot"):
        G.set_event_schedule('spike', when='nowhere')  # Brian2: only when it runs
    with pytest.raises(MonitorOrderError, match="needs its when") as caught:
        SpikeMonitor(G, order=2)
    assert isinstance(caught.value, ValueError)  # Brian2: ValueError
