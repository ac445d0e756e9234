"""Scripts written for Brian2's standalone mode run unchanged: set_device() is accepted,
device.build() finds the runs done, and the standalone thread preference sets eqsim's."""
import pytest

from eqsim import (EqsimError, NeuronGroup, SpikeMonitor, device, ms, prefs, run, set_device)


@pytest.fixture
def restored_settings():
    saved = prefs["codegen.cython.num_threads"], prefs["codegen.target"]
    yield
    prefs["codegen.cython.num_threads"], prefs["codegen.target"] = saved
    set_device("runtime")


def test_standalone_script_runs_with_results_after_build(restored_settings):
    set_device("cpp_standalone", directory="unused", build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = 2
    assert prefs["codegen.cython.num_threads"] == 2
    group = NeuronGroup(10, "dv/dt = (1.2 - v)/(10*ms) : 1", threshold="v > 1", reset="v = 0",
                        method="exact")
    spikes = SpikeMonitor(group)
    run(50 * ms)
    device.build(directory="unused", compile=True, run=True)
    assert spikes.num_spikes == 20  # every neuron at 17.9 and 35.8 ms
    assert device.name == "cpp_standalone" and device.build_on_run is False


def test_brian2_preference_values_map_to_eqsim_ones(restored_settings):
    prefs.devices.cpp_standalone.openmp_threads = 0  # Brian2: no OpenMP
    assert prefs["codegen.cython.num_threads"] == 1
    prefs.codegen.target = "auto"
    assert prefs["codegen.target"] == "cython"


def test_unknown_device_is_an_error_listing_brian2_devices(restored_settings):
    with pytest.raises(EqsimError) as caught:
        set_device("gpu_magic")
    assert "cpp_standalone" in str(caught.value)
