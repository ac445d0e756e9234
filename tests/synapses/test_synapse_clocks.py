"""Which clock a Synapses' operations run on, as in Brian2: its own updates on defaultclock
(unless dt/clock is given), each pathway on the clock of the group that triggers it."""
import numpy as np

from eqsim import (Network, NeuronGroup, SpikeGeneratorGroup, StateMonitor, Synapses,
                   defaultclock, ms)


def test_synaptic_equations_integrate_on_defaultclock_not_the_source_clock(target):
    source = NeuronGroup(1, "v : 1", dt=1 * ms)
    post = NeuronGroup(1, "v : 1")
    S = Synapses(source, post, "dx/dt = 1/(1*ms) : 1 (clock-driven)", method="euler")
    S.connect()
    record = StateMonitor(S, "x", record=0)
    Network(source, post, S, record).run(2 * ms)
    assert S.clock.dt == defaultclock.dt
    # updated every 0.1 ms: x grows by 0.1 per step, not by 1 per source step
    np.testing.assert_allclose(record.x[0][:5], [0, 0.1, 0.2, 0.3, 0.4], atol=1e-12)


def test_spikes_of_a_slow_source_are_delivered_on_its_steps(target):
    source = SpikeGeneratorGroup(1, [0], [2 * ms], dt=1 * ms)
    post = NeuronGroup(1, "v : 1")
    S = Synapses(source, post, on_pre="v_post += 1", delay=1 * ms)
    S.connect()
    record = StateMonitor(post, "v", record=0)
    Network(source, post, S, record).run(5 * ms)
    # added in the 3 ms step (spike at 2 ms + 1 ms of delay), seen by the monitor's next
    # record (monitors record at the start of a step, as Brian2's)
    arrived = record.t[np.flatnonzero(record.v[0] > 0)[0]]
    assert abs(arrived - 3.1 * ms) < 1e-9 * ms


def test_explicit_dt_sets_the_synapses_clock():
    source = NeuronGroup(1, "v : 1")
    S = Synapses(source, source, "w : 1", dt=0.5 * ms)
    assert S.clock.dt == 0.5 * ms


def test_a_pathway_whose_groups_use_different_dts_warns_as_brian2():
    import warnings
    from eqsim import EqsimWarning
    source = SpikeGeneratorGroup(1, [0], [2 * ms], dt=1 * ms)
    post = NeuronGroup(1, "v : 1")
    S = Synapses(source, post, on_pre="v_post += 1")
    S.connect()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Network(source, post, S).run(1 * ms)
    assert any(issubclass(w.category, EqsimWarning) and "EQ616" in str(w.message)
               for w in caught)


def test_a_pathway_whose_groups_share_dt_does_not_warn():
    import warnings
    source = NeuronGroup(1, "v : 1", threshold="True")
    S = Synapses(source, source, on_pre="v_post += 1")
    S.connect()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Network(source, S).run(0.2 * ms)
