"""Monitors with ``to_file=``: the same records as in memory, written while the network runs,
readable back through the monitor and with NumPy alone."""
import json

import numpy as np
import pytest

from eqsim import (Network, NeuronGroup, PopulationRateMonitor, SpikeMonitor, StateMonitor, mV,
                   ms, prefs)
from eqsim.core.network import chunk_ends
from eqsim.monitors import file_recording
from eqsim.monitors.file_recording import RecordingFileError


def network(tmp_path, to_file):
    G = NeuronGroup(8, "dv/dt = (I - v)/(5*ms) : volt\nI : volt", threshold="v > 10*mV",
                    reset="v = 0*mV", method="exact", name="cells")
    G.I = "(10 + i)*mV"
    spikes = SpikeMonitor(G, variables=["I"], to_file=tmp_path / "spikes" if to_file else None)
    states = StateMonitor(G, "v", record=[2, 7], to_file=tmp_path / "v" if to_file else None)
    return Network(G, spikes, states), spikes, states


def test_file_records_equal_memory_records_on_both_targets(tmp_path, target, monkeypatch):
    monkeypatch.setattr(file_recording, "STREAM_STEPS", 7)  # many writes in a short run
    net, spikes, states = network(tmp_path, to_file=False)
    net.run(12 * ms)
    net.run(3 * ms)
    net_f, spikes_f, states_f = network(tmp_path, to_file=True)
    net_f.run(12 * ms)
    net_f.run(3 * ms)
    assert spikes_f.num_spikes == spikes.num_spikes > 0
    assert np.array_equal(spikes_f.i, spikes.i) and np.array_equal(spikes_f.t_, spikes.t_)
    assert np.array_equal(np.asarray(spikes_f.I), np.asarray(spikes.I))
    assert np.array_equal(states_f.v_, states.v_) and np.array_equal(states_f.t_, states.t_)
    assert np.array_equal(np.asarray(states_f[7].v / mV), np.asarray(states[7].v / mV))
    assert spikes_f.spike_trains()[7].size == spikes.spike_trains()[7].size


def test_files_are_plain_npy_with_a_json_description(tmp_path):
    prefs.codegen.target = "numpy"
    try:
        net, spikes, states = network(tmp_path, to_file=True)
        net.run(10 * ms)
    finally:
        prefs.codegen.target = "cython"
    assert np.array_equal(np.load(tmp_path / "spikes" / "i.npy"), spikes.i)
    v = np.load(tmp_path / "v" / "v.npy")
    info = json.loads((tmp_path / "v" / "recording.json").read_text())
    assert info["record"] == [2, 7] and info["kind"] == "StateMonitor"
    assert np.array_equal(v.reshape(-1, len(info["record"])).T, states.v_)
    assert info["units"]["v"] == str((1 * mV).dim)


def test_streamed_state_monitor_reserves_only_one_chunk_of_buffers(tmp_path, monkeypatch):
    monkeypatch.setattr(file_recording, "STREAM_BYTES", 8 * 3 * 10)  # 10 steps of t + 2 values
    net, spikes, states = network(tmp_path, to_file=True)
    assert states.stream_steps() == 10
    assert states.expected_memory(1000 * ms) is None  # nothing held in memory
    reserved = []
    monkeypatch.setattr("eqsim.codegen.module.NetworkModule.reserve_buffer",
                        lambda self, op, suffix, extra: reserved.append((op, suffix, extra)))
    prefs.codegen.target = "numpy"
    try:
        net.run(5 * ms)
    finally:
        prefs.codegen.target = "cython"
    assert max(extra for op, suffix, extra in reserved if op == states.name) <= 11 * 2


def test_run_pauses_for_streams_and_reports_at_the_same_times():
    assert chunk_ends(0.0, 1.0, False, []) == [1.0]
    # every multiple of each interval (a callback every 0.5 s is due at 0.5, not 0.6)
    assert chunk_ends(0.0, 1.0, False, [0.3, 0.5]) == pytest.approx([0.3, 0.5, 0.6, 0.9, 1.0])
    assert len(chunk_ends(2.0, 1.0, True, [0.25])) == 100


def test_unwritable_folder_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("x")
    G = NeuronGroup(2, "v : 1", threshold="v > 1")
    with pytest.raises(RecordingFileError, match="cannot record into") as caught:
        SpikeMonitor(G, to_file=tmp_path / "file")
    assert "to_file" in caught.value.hint


def rate_network(folder):
    G = NeuronGroup(6, "dv/dt = (I - v)/(5*ms) : volt\nI : volt", threshold="v > 10*mV",
                    reset="v = 0*mV", method="exact", name="rated")
    G.I = "(11 + 2*i)*mV"
    rate = PopulationRateMonitor(G, to_file=folder)
    return Network(G, rate), rate


def test_rate_monitor_to_file_equals_its_memory_records_on_both_targets(tmp_path, target,
                                                                        monkeypatch):
    monkeypatch.setattr(file_recording, "STREAM_BYTES", 16 * 7)  # a write every 7 steps
    net, rate = rate_network(None)
    net.run(12 * ms)
    net.run(3 * ms)
    net_f, rate_f = rate_network(tmp_path / "rate")
    assert rate_f.stream_steps() == 7 and rate.stream_steps() is None
    net_f.run(12 * ms)
    net_f.run(3 * ms)
    assert rate_f.N == rate.N == 150 and rate.rate_.max() > 0
    assert np.array_equal(rate_f.t_, rate.t_) and np.array_equal(rate_f.rate_, rate.rate_)
    assert np.array_equal(np.asarray(rate_f.smooth_rate(width=1 * ms)),
                          np.asarray(rate.smooth_rate(width=1 * ms)))


def test_rate_monitor_files_are_plain_npy_and_hold_nothing_in_memory(tmp_path):
    prefs.codegen.target = "numpy"
    try:
        net, rate = rate_network(tmp_path / "rate")
        assert rate.expected_memory(1000 * ms) is None
        net.run(5 * ms)
    finally:
        prefs.codegen.target = "cython"
    info = json.loads((tmp_path / "rate" / "recording.json").read_text())
    assert info["kind"] == "PopulationRateMonitor" and info["source"] == "rated"
    assert info["units"]["rate"] == str((1 / ms).dim)
    assert np.array_equal(np.load(tmp_path / "rate" / "rate.npy"), rate.rate_)
    assert isinstance(rate.rate_[:], np.memmap)  # read back lazily
