"""S.pre / S.post as Brian2's pathway objects: their clock, slot, order and source."""
from eqsim import NeuronGroup, Synapses, ms


def test_a_pathway_runs_on_the_clock_of_the_group_that_triggers_it(numpy_target):
    G = NeuronGroup(2, 'v : 1', threshold='v > 1', reset='', dt=0.5 * ms)
    H = NeuronGroup(2, 'v : 1', threshold='v > 1', reset='', dt=0.25 * ms)
    S = Synapses(G, H, 'w : 1', on_pre='v += w', on_post='w += 1', order=3, dt=1 * ms)
    S.connect()
    # Brian2 2.9.0: 0.5 ms 250. us synapses -1 synapses 1 1. ms
    assert S.pre.clock is G.clock and float(S.pre.clock.dt) == float(0.5 * ms)
    assert S.post.clock is H.clock and float(S.post.clock.dt) == float(0.25 * ms)
    assert (S.pre.when, S.pre.order, S.post.when, S.post.order) == ('synapses', -1,
                                                                     'synapses', 1)
    assert S.pre.source is G and S.post.source is H


def test_the_default_clock_of_a_pathway_is_defaultclocks_dt(numpy_target):
    G = NeuronGroup(4, 'v : 1', threshold='v > 1', reset='')
    S = Synapses(G, G, 'w : 1', on_pre='v += w', delay=1 * ms)
    # Brian2 2.9.0: S.pre.clock.dt -> 100. us
    assert float(S.pre.clock.dt) == float(0.1 * ms)
