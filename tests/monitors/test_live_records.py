"""A network operation reads what the monitors recorded up to now, as in Brian2: a stop
condition on the recorded spikes works (the records were empty until the run's end)."""
import numpy as np

from eqsim import (NeuronGroup, PopulationRateMonitor, SpikeMonitor, StateMonitor,
                   defaultclock, ms, network_operation, run, stop)


def test_a_network_operation_sees_the_records_so_far_and_can_stop_on_them(target):
    group = NeuronGroup(2, "dv/dt = (1.5 - v)/(10*ms) : 1", threshold="v > 1", reset="v = 0",
                        method="exact")
    spikes = SpikeMonitor(group)
    trace = StateMonitor(group, "v", record=0)
    rate = PopulationRateMonitor(group)
    seen = []

    @network_operation(dt=10 * ms)
    def look(t):
        seen.append((len(spikes.t), len(spikes.i), spikes.num_spikes, len(trace.t),
                     len(trace.v[0]), len(rate.t)))
        if len(spikes.t) >= 4:
            stop()

    run(50 * ms)
    # Brian2 2.9.0 (numpy and cython) gives the same tuples (without the rate monitor's
    # column) and stops at 30.1 ms
    assert [s[:5] for s in seen] == [(0, 0, 0, 0, 0), (0, 0, 0, 100, 100), (2, 2, 2, 200, 200),
                                     (4, 4, 4, 300, 300)]
    assert [s[5] for s in seen] == [0, 100, 200, 300]
    assert abs(float(defaultclock.t / ms) - 30.1) < 1e-9
    # what the operation saw is what the monitors hold at the end, nothing twice
    assert len(spikes.t) == 4 and np.all(np.diff(trace.t_) > 0) and len(trace.t) == 301
    np.testing.assert_array_equal(spikes.count, np.bincount(spikes.i, minlength=2))
