"""Monitors and memory (issue 8): before a run, what the recordings will need is
estimated and a MonitorMemoryWarning names the monitor and the fix when it exceeds the
available memory; reading recordings does not copy them again."""
import tracemalloc
import warnings

import numpy as np
import pytest

from eqsim import (LimitError, MonitorMemoryWarning, Network, NeuronGroup, PopulationRateMonitor,
                   SpikeMonitor, StateMonitor, ms, prefs, run, second)
from eqsim.core import memory

pytestmark = pytest.mark.usefixtures("numpy_target")  # the warning and reads are in Python


def _recorded_group():
    G = NeuronGroup(200, "dv/dt = (2 - v)/(10*ms) : 1\nu = 2*v : 1", threshold="v > 1",
                    reset="v = 0", method="exact", name="G")
    M = StateMonitor(G, ["v", "u"], record=True, name="M")
    return G, M


def test_available_memory_is_read_from_proc_meminfo(tmp_path, monkeypatch):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       16000000 kB\nMemAvailable:    1234 kB\n")
    monkeypatch.setattr(memory, "MEMINFO", str(meminfo))
    assert memory.available_memory() == 1234 * 1024
    monkeypatch.setattr(memory, "MEMINFO", str(tmp_path / "absent"))
    assert memory.available_memory() is None


def test_a_run_whose_recordings_will_not_fit_warns_naming_the_monitor_and_the_fix(monkeypatch):
    G, M = _recorded_group()
    monkeypatch.setattr(memory, "available_memory", lambda: 100_000)
    # 10 ms = 101 steps x (200 elements x 2 variables + t) x 8 bytes = 324 008 bytes
    with pytest.warns(MonitorMemoryWarning) as record:
        run(10 * ms)
    message = str(record[0].message)
    assert "'M'" in message and "316.4 KiB" in message and "97.7 KiB" in message
    assert "101 steps x 200 elements x 2 variables" in message
    assert "record=" in message and "dt=" in message
    assert M.v.shape == (200, 100)  # the run still happened


def test_what_monitors_hold_already_counts_towards_the_next_run(monkeypatch):
    G, M = _recorded_group()
    run(10 * ms)
    monkeypatch.setattr(memory, "available_memory", lambda: 500_000)
    with pytest.warns(MonitorMemoryWarning, match="held from earlier runs"):
        run(10 * ms)


def test_spike_and_rate_monitors_are_estimated_from_what_they_record(monkeypatch):
    G = NeuronGroup(100, "dv/dt = 1/ms : 1", threshold="v > 1", reset="v = 0",
                    method="euler", name="G")
    spikes = SpikeMonitor(G, name="spikes")
    rate = PopulationRateMonitor(G, name="rate")
    run(10 * ms)  # 100 neurons spike every 11 steps: 9 spikes each
    assert spikes.expected_memory(10e-3) == (len(spikes) * 12, len(spikes) * 12,
                                             f"about {len(spikes)} events at the rate "
                                             f"recorded so far")
    assert rate.expected_memory(10e-3)[0] == 16 * 101
    monkeypatch.setattr(memory, "available_memory", lambda: 20_000)
    with pytest.warns(MonitorMemoryWarning, match="'spikes'"):
        run(10 * ms)


def test_normal_runs_and_unknown_available_memory_give_no_warning(monkeypatch):
    G, M = _recorded_group()
    with warnings.catch_warnings():
        warnings.simplefilter("error", MonitorMemoryWarning)
        run(10 * ms)
        monkeypatch.setattr(memory, "available_memory", lambda: None)
        run(10 * ms)


def test_reading_a_recording_twice_returns_the_same_memory():
    G, M = _recorded_group()
    spikes = SpikeMonitor(G)
    rate = PopulationRateMonitor(G)
    run(5 * ms)
    run(5 * ms)  # two chunks to join
    for read in (lambda: M.v_, lambda: M.u_, lambda: M.t, lambda: M[3].v_, lambda: spikes.i,
                 lambda: spikes.t, lambda: rate.rate):
        assert np.shares_memory(read(), read())
    # with units, a state recording is a copy the script may change, as in Brian2
    assert not np.shares_memory(M.v, M.v_) and not np.shares_memory(M[3].v, M.v_)


def test_reading_a_recording_after_runs_keeps_it_once_in_memory():
    G, M = _recorded_group()
    tracemalloc.start()  # before the runs, so that releasing their chunks is seen
    try:
        run(50 * ms)
        run(50 * ms)  # two chunks: 2 variables x 200 elements x 1000 steps x 8 bytes = 3.2 MB
        size = M._data.nbytes
        before = tracemalloc.get_traced_memory()[0]
        values = M.v_  # joins the chunks of v
        joined = tracemalloc.get_traced_memory()[0]
        again = M.v_
        read_again = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert _chunk_bytes(M._data) == size  # the chunks were replaced by their join, not kept too
    assert joined - before < 0.05 * size and read_again - joined < 10_000
    assert values.shape == again.shape == (200, 1000)


def _chunk_bytes(recording):
    return sum(chunk.nbytes for chunks in recording.chunks.values() for chunk in chunks)


def test_the_bytes_a_recording_holds_are_counted_through_runs_reads_and_restores():
    G, M = _recorded_group()
    net = Network(G, M)
    net.store()
    for _ in range(3):
        net.run(1 * ms)
        assert M._data.nbytes == _chunk_bytes(M._data) == 2 * 200 * 10 * 8 * (_ + 1) + 80 * (_ + 1)
    M.v_  # joined
    assert M._data.nbytes == _chunk_bytes(M._data)
    net.restore()
    assert M._data.nbytes == _chunk_bytes(M._data) == 0


def test_recordings_read_are_the_monitors_own_and_cannot_be_changed_by_accident():
    G, M = _recorded_group()
    run(1 * ms)
    with pytest.raises(ValueError, match="read-only"):
        M.v_[0, 0] = 5
    copy = np.array(M.v_)
    copy[0, 0] = 5  # a copy is the user's to change
    assert M.v_[0, 0] != 5


def test_a_state_monitor_that_cannot_get_its_memory_fails_before_the_run_not_during_it(
        address_space_limit):
    # compiled: the C record buffers are allocated, exactly, before the first step
    prefs["codegen.target"] = "cython"
    G = NeuronGroup(1000, "dv/dt = -v/(10*ms) : 1", method="exact", name="G")
    G.v = 1
    M = StateMonitor(G, "v", record=True, name="M")
    run(0.1 * ms)  # compiled and loaded outside the limit
    with address_space_limit(512 * 2**20), pytest.raises(LimitError) as info:
        run(10 * second)  # 100 001 steps x (1000 elements + t) x 8 bytes
    message = str(info.value)
    assert "'M'" in message and "763.7 MiB" in message and "record=" in message
    assert G.t_ == pytest.approx(1e-4) and M.v.shape == (1000, 1)  # no step was made
    run(0.1 * ms)  # and the network runs on
    assert M.v.shape == (1000, 2)


def test_event_and_rate_recordings_refuse_writes_as_brian2s_do():
    # Brian2's spike and rate monitor attributes are read-only variables (TypeError on
    # write, as here: they are read-only views); M.v_ is the read-only record itself, and
    # a StateMonitor's M.v is a copy to change
    G, M = _recorded_group()
    spikes = SpikeMonitor(G)
    rate = PopulationRateMonitor(G)
    run(10 * ms)
    assert len(spikes) > 0
    for read in (lambda: spikes.t, lambda: spikes.i, lambda: spikes.t_, lambda: rate.rate,
                 lambda: rate.t, lambda: M.t):
        values = read()
        with pytest.raises(TypeError, match="cannot be written"):
            values[0] = values[0]
    with pytest.raises(ValueError, match="read-only"):
        M.v_[0] = M.v_[0]
    v = M.v  # dimensionless: a plain array, a copy as in Brian2
    v[0, 0] = 5
    assert M.v_[0, 0] != 5 and M.v[0, 0] != 5
