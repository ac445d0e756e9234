"""run(..., profile=True), Network.profiling_info and profiling_summary(): wall time of
every kernel and network operation of a run."""
import time

import pytest

from eqsim import (Network, NetworkOperation, NeuronGroup, SpikeMonitor, Synapses, ms,
                   profiling_summary, run, second)
from eqsim.errors import NotRunningError


def _network():
    group = NeuronGroup(50, "dv/dt = (1.5 - v)/(10*ms) : 1", threshold="v > 1",
                        reset="v = 0", method="exact", name="cells")
    synapses = Synapses(group, group, "w : 1", on_pre="v += 0.01*w", name="links")
    synapses.connect(p=0.2)
    slow = NetworkOperation(lambda: time.sleep(0.002), dt=1 * ms, name="sleeper")
    return Network(group, synapses, SpikeMonitor(group, name="spikes"), slow)


def test_a_profiled_run_times_every_kernel_and_network_operation(target):
    net = _network()
    started = time.perf_counter()
    net.run(5 * ms, profile=True)
    wall = time.perf_counter() - started
    info = net.profiling_info
    names = [name for name, _ in info]
    # the compiled target computes the threshold inside the state update's loop
    # (Brian2's names: cells_spike_thresholder, not the kernel's cells_thresholder)
    expected = {"cells_stateupdater", "links_pre", "spikes", "cells_spike_resetter", "sleeper"}
    if target == "numpy":
        expected.add("cells_spike_thresholder")
    assert set(names) == expected
    seconds = [float(t) for _, t in info]
    assert seconds == sorted(seconds, reverse=True) and min(seconds) >= 0
    assert dict(zip(names, seconds))["sleeper"] >= 5 * 0.002  # five calls of 2 ms
    assert sum(seconds) <= wall


def test_profiling_info_without_a_profiled_run_raises(numpy_target):
    net = _network()
    with pytest.raises(NotRunningError, match="profile=True"):
        net.profiling_info
    net.run(1 * ms, profile=True)
    net.run(1 * ms)  # the information of an earlier run is not kept, as in Brian2
    with pytest.raises(NotRunningError):
        net.profiling_info


def test_profiling_summary_of_the_magic_network_shows_the_longest_entries(numpy_target):
    group = NeuronGroup(5, "dv/dt = -v/(10*ms) : 1", method="exact")  # noqa: F841
    sleeper = NetworkOperation(lambda: time.sleep(0.003), dt=1 * ms)  # noqa: F841
    run(2 * ms, profile=True)
    summary = profiling_summary(show=1)
    lines = str(summary).splitlines()
    assert lines[:2] == ["Profiling summary", "================="]
    assert len(lines) == 3 and lines[2].startswith("networkoperation")
    assert lines[2].endswith("%") and " ms " in lines[2]
    assert float(summary.total_time) >= 0.006 and summary.total_time.dim == second.dim


def test_the_summaries_show_as_html_tables_in_notebooks(numpy_target):
    group = NeuronGroup(2, "dv/dt = -v/(10*ms) : 1", method="exact", name="cells")
    net = Network(group)
    net.run(1 * ms, profile=True)
    schedule_html = net.scheduling_summary()._repr_html_()
    assert schedule_html.count("<tr>") == 2 and "cells_stateupdater (StateUpdater)" in schedule_html
    profile_html = profiling_summary(net)._repr_html_()
    assert "cells_stateupdater" in profile_html and profile_html.count("<tr>") == 2
