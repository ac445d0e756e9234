"""``prefs.legacy.refractory_timing`` (Brian2 2.9.0): a refractory period given as a time
is compared as floats, ``t - lastspike > period``, as Brian2 <= 2.1.2 did, so that a
period of 10 steps is now and then 11 steps long; without it refractoriness counts whole
steps. eqsim only warned that the preference had no meaning."""
from collections import Counter

import numpy as np
import pytest

from eqsim import NeuronGroup, SpikeMonitor, defaultclock, ms, prefs, run
from eqsim.core.preferences import PreferenceError


@pytest.fixture
def legacy_timing():
    prefs.legacy.refractory_timing = True
    yield
    prefs.legacy.refractory_timing = False


def test_legacy_refractory_timing_gives_brian2s_float_comparison(target, legacy_timing):
    # Brian2 2.9.0 test_refractoriness_repeated_legacy (numpy and cython)
    group = NeuronGroup(1, "", threshold="True", refractory=10 * defaultclock.dt)
    spikes = SpikeMonitor(group)
    run(10000 * defaultclock.dt)
    assert spikes.t[0] == 0 * ms
    np.testing.assert_allclose(np.diff(spikes.t / ms)[:10],
                               [1.1, 1, 1.1, 1, 1.1, 1.1, 1.1, 1.1, 1, 1.1])
    steps = Counter(np.diff(np.int_(np.round(spikes.t / defaultclock.dt))))
    assert dict(steps) == {10: 899, 11: 91}


def test_without_the_legacy_preference_refractoriness_counts_whole_steps(target):
    group = NeuronGroup(1, "", threshold="True", refractory=10 * defaultclock.dt)
    spikes = SpikeMonitor(group)
    run(10000 * defaultclock.dt)
    steps = Counter(np.diff(np.int_(np.round(spikes.t / defaultclock.dt))))
    assert dict(steps) == {10: 999}  # Brian2 2.9.0: a spike every 10 steps


def test_legacy_refractory_timing_takes_only_true_or_false():
    with pytest.raises(PreferenceError):  # Brian2: PreferenceError
        prefs.legacy.refractory_timing = "yes"
    assert prefs["legacy.refractory_timing"] is False
