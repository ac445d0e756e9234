"""Standalone-style runs (Brian2's "multiple runs"): recorded by run(), repeated by
device.run(run_args=...), in this process or in the workers of a multiprocessing.Pool.
The numbers are compared with Brian2's standalone device in tests/reference/."""
import multiprocessing
import pickle

import numpy as np
import pytest

from eqsim import (Hz, Network, NeuronGroup, PoissonGroup, SpikeMonitor, StateMonitor,
                   Synapses, TimedArray, device, ms, run, seed, set_device)
from eqsim.core import devices
from eqsim.core.devices import DeviceError


@pytest.fixture
def standalone():
    set_device("cpp_standalone", build_on_run=False)
    yield devices.device
    set_device("runtime")
    devices.active_device = devices.device


def _poisson_network():
    inputs = PoissonGroup(20, rates=200 * Hz)
    cell = NeuronGroup(1, "dv/dt = -v/(10*ms) : 1", threshold="v > 1", reset="v = 0",
                       method="exact", name="cell")
    synapses = Synapses(inputs, cell, on_pre="v += 0.2")
    synapses.connect()
    spikes = SpikeMonitor(cell, name="spikes")
    return Network(inputs, cell, synapses, spikes), spikes


def test_a_deferred_run_simulates_nothing_until_the_device_runs(standalone, numpy_target):
    net, spikes = _poisson_network()
    net.run(50 * ms)
    assert spikes.num_spikes == 0 and float(net.t) == pytest.approx(0.05)
    device.build(run=True)
    assert spikes.num_spikes > 0 and device.has_been_run


def test_device_runs_draw_new_random_numbers_unless_seeded(standalone, numpy_target):
    seed()  # no seed value (an earlier seed(value) would fix the numbers)
    net, spikes = _poisson_network()
    net.run(50 * ms)
    device.build(run=False)
    trains = []
    for _ in range(2):
        device.run()
        trains.append(np.asarray(spikes.t).copy())
    assert len(trains[0]) != len(trains[1]) or not np.array_equal(trains[0], trains[1])


def test_seeded_device_runs_repeat_the_same_random_numbers(standalone, numpy_target):
    seed(4321)
    net, spikes = _poisson_network()
    net.run(50 * ms)
    trains = []
    for _ in range(2):
        device.run()
        trains.append(np.asarray(spikes.t).copy())
    assert len(trains[0]) > 0 and np.array_equal(trains[0], trains[1])


def test_magic_runs_are_recorded_and_repeated_with_run_args(standalone, numpy_target):
    group = NeuronGroup(2, "dv/dt = -v/tau : 1\ntau : second (constant)", method="exact")
    group.v = 1
    group.tau = 10 * ms
    monitor = StateMonitor(group, "v", record=0)
    run(5 * ms)
    run(5 * ms)  # two recorded runs, repeated in order
    device.run(run_args={group.tau: 5 * ms})
    assert len(monitor.t) == 100
    assert float(monitor.v[0][-1]) == pytest.approx(np.exp(-9.9 / 5))
    assert float(group.tau[0]) == pytest.approx(0.005)


def test_timed_array_run_args_hold_for_one_device_run_only(standalone, numpy_target):
    stim = TimedArray([1.0, 2.0], dt=1 * ms)
    group = NeuronGroup(1, "x = stim(t) : 1")
    monitor = StateMonitor(group, "x", record=0)
    Network(group, monitor).run(2 * ms)
    device.run(run_args={stim: [5.0, 6.0]})
    assert set(np.asarray(monitor.x[0])) == {5.0, 6.0}
    device.run()
    assert set(np.asarray(monitor.x[0])) == {1.0, 2.0}


def test_bad_run_args_are_refused_before_anything_is_set(standalone, numpy_target):
    group = NeuronGroup(2, "v : 1")
    Network(group).run(1 * ms)
    with pytest.raises(DeviceError, match="keys of run_args"):
        device.run(run_args={"v": 1.0})
    with pytest.raises(DeviceError, match="has \\(2,\\)"):
        device.run(run_args={TimedArray([1.0, 2.0], dt=1 * ms): [1.0]})


def test_device_run_without_a_recorded_run_is_an_error(standalone):
    with pytest.raises(DeviceError, match="no recorded run"):
        device.run()


class SimWrapper:
    """Brian2's examples/standalone/standalone_multiple_processes.py, smaller."""

    def __init__(self):
        seed(99)
        self.net, _ = _poisson_network()
        self.net.run(30 * ms)
        self.device = devices.get_device()
        self.device.build(run=False)

    def do_run(self, weight):
        from eqsim.devices import device_module  # Brian2's import, unchanged
        device_module.active_device = self.device
        self.device.run(run_args={self.net["cell"].v: [weight]})
        return float(self.net["cell"].v[0]), self.net["spikes"].num_spikes


def _run_sim(tau):
    """Brian2's examples/multiprocessing/01_using_cython.py: a magic run in a worker."""
    group = NeuronGroup(1, "dv/dt = -v/tau : 1", method="exact")
    group.v = 1
    monitor = StateMonitor(group, "v", record=0)
    run(10 * ms)
    return monitor.t / ms, monitor.v[0]


def test_a_simulation_object_runs_in_the_workers_of_a_pool(standalone, numpy_target):
    sim = SimWrapper()
    assert pickle.loads(pickle.dumps(sim)).net["cell"].name == "cell"
    weights = [0.0, 0.5, 0.9]
    serial = [sim.do_run(w) for w in weights]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        parallel = pool.map(sim.do_run, weights)
    assert parallel == serial


def test_magic_runs_in_the_workers_of_a_pool_give_the_exact_solution(numpy_target):
    taus = [5 * ms, 10 * ms]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        results = pool.map(_run_sim, taus)
    for tau, (t, v) in zip(taus, results):
        np.testing.assert_allclose(np.asarray(v), np.exp(-np.asarray(t) / float(tau / ms)),
                                   rtol=1e-12)


def test_a_recorded_run_keeps_its_explicit_namespace_as_it_was(standalone, numpy_target):
    group = NeuronGroup(1, "dv/dt = -v/tau : 1", method="exact")
    group.v = 1
    names = {"tau": 5 * ms}
    Network(group).run(1 * ms, namespace=names)
    names["tau"] = 1 * ms  # after the run() call: not seen by the recorded run
    device.run()
    assert float(group.v[0]) == pytest.approx(np.exp(-1 / 5))


def test_reinit_devices_forgets_recorded_runs_and_restores_the_default_clock(numpy_target):
    from eqsim.devices.device import reinit_devices  # Brian2's import path
    from eqsim import defaultclock
    set_device("cpp_standalone", build_on_run=False)
    try:
        group = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler")
        defaultclock.dt = 0.05 * ms
        run(1 * ms)
        assert devices.get_device()._runs
        reinit_devices()
        assert not devices.get_device()._runs and devices.get_device().name == "cpp_standalone"
        assert float(defaultclock.dt / ms) == pytest.approx(0.1)
    finally:
        devices.reset_device()
