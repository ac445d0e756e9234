"""Each capability example in examples/ runs with a short duration on the NumPy target (in this
process, through its main(argv), to keep the suite fast), prints its summary, saves its figure
where --figure says, and shows what its docstring promises. tests/examples/test_examples_run.py
runs scripts as a user does, in a fresh interpreter."""
import importlib
import json
from pathlib import Path

import numpy as np
import pytest

from eqsim import prefs

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "brian2_examples.json"


@pytest.fixture
def example(tmp_path, monkeypatch, capsys):
    """``example(name, *args)``: run examples/<name>.py's main on the NumPy target with its
    figure in tmp_path; its return value and printed output."""
    monkeypatch.syspath_prepend(str(EXAMPLES))
    previous = prefs.codegen.target

    def run(name, *args):
        module = importlib.import_module(name)
        figure = tmp_path / f"{name}.png"
        result = module.main(["--target", "numpy", "--figure", str(figure), *args])
        assert figure.read_bytes()[:8] == PNG_SIGNATURE, f"{name} saved no PNG figure"
        output = capsys.readouterr().out
        assert f"figure saved to {figure}" in output
        return result, output
    yield run
    prefs.codegen.target = previous


def test_brunel2000_fires_irregularly_in_the_asynchronous_irregular_regime(example):
    result, output = example("brunel2000", "--neurons", "400", "--duration", "50")
    assert "Brunel 2000, 400 neurons" in output
    assert 5 < result["rate_hz"] < 300 and result["cv"] > 0.3  # a regular network: CV ~ 0.1


def test_stdp_example_moves_weights_within_zero_and_gmax(example):
    result, output = example("stdp", "--duration", "150")
    assert result["output_spikes"] > 0 and "below 0.2 gmax" in output
    changed = result["final"] != result["initial"]
    assert changed.mean() > 0.5
    assert result["final"].min() >= 0 and result["final"].max() <= 1


def test_gap_junctions_lock_neurons_into_equal_intervals_and_slow_them(example):
    result, _ = example("gap_junctions", "--duration", "300")
    coupled, uncoupled = result["coupled"], result["uncoupled"]
    assert np.ptp(coupled["intervals_ms"]) < 1.5 < np.ptp(uncoupled["intervals_ms"])
    assert coupled["rate_hz"] < uncoupled["rate_hz"]
    # Brian2's gapjunctions example (tests/reference/make_brian2_examples_reference.py)
    brian2 = json.loads(REFERENCE.read_text())["gap_junctions"]
    for label in ("coupled", "uncoupled"):
        assert result[label]["rate_hz"] == pytest.approx(brian2[label]["rate_hz"])
        np.testing.assert_allclose(result[label]["intervals_ms"], brian2[label]["intervals_ms"],
                                   atol=1e-6)


def test_poisson_input_and_poisson_group_give_campbells_mean(example):
    result, _ = example("poisson_input", "--duration", "130")
    mean_theory, std_theory = result["theory"]
    for name in ("with_synapses", "with_poissoninput"):
        mean, std = result[name]
        assert abs(mean - mean_theory) < 2.0 and 0.4 * std_theory < std < 2 * std_theory, name


def test_spike_generator_detector_fires_only_for_the_synchronous_pattern(example):
    result, _ = example("spike_generator", "--duration", "200")
    assert result["spread"] == 0
    # once per 50 ms period of the second half, 20.8 ms into it plus the rise to threshold
    assert np.allclose(result["times_ms"] % 50, result["times_ms"][0] % 50)
    assert len(result["times_ms"]) == 2 and np.all(result["times_ms"] > 100)


def test_regular_operations_change_inputs_and_the_network_operation_lowers_the_gain(example):
    result, output = example("regular_operations", "--duration", "200")
    assert len(result["rates_hz"]) == 20 and result["rates_hz"].max() > 60
    assert result["gains"][0] == 1 and result["gains"][-1] < 1
    assert np.all(np.diff(result["gains"]) <= 0)


def test_recording_example_writes_npy_files_and_exports_to_neo(example):
    pytest.importorskip("neo")  # in the test extra
    result, output = example("recording_to_file", "--duration", "100")
    assert {"spikes/t.npy", "spikes/i.npy", "v/v.npy", "rate/rate.npy",
            "rate/recording.json"} <= set(result["files"])
    assert result["spikes"] > 0 and result["neo_trains"] == 100
    assert "Neo: 100 SpikeTrains" in output


def test_plotting_gallery_fills_all_six_panels(example):
    result, _ = example("plotting_gallery", "--duration", "60")
    assert result["panels"] == 6 and result["spikes"] > 0


def test_parameter_sweep_rate_grows_with_tau_from_identical_inputs(example):
    result, output = example("parameter_sweep", "--duration", "250", "--points", "3")
    rates = result["rates_hz"]
    assert len(rates) == 3 and rates[0] == 0 < rates[-1]
    assert np.all(np.diff(rates) >= 0)


def test_projections_example_runs_the_ei_network_and_learns_input_weights(example):
    result, output = example("projections", "--duration", "40")
    assert "dV/dt" in output
    assert all(0 < rate < 200 for rate in result["rates_hz"].values())
    assert np.mean(result["final"] != result["initial"]) > 0.1


def test_threads_example_on_the_numpy_target_runs_once(example):
    # one against two threads, compiled, is tests/codegen/test_threaded_kernels.py's subject
    result, output = example("threads", "--neurons", "300", "--duration", "20")
    assert list(result) == [1] and "1 thread(s)" in output and "2 thread(s)" not in output


def test_threads_example_compiled_gives_the_same_spikes_on_one_and_two_threads(
        tmp_path, monkeypatch, capsys):
    # the compiled loop picks its team by timing itself (busy machines): whatever it picks,
    # the spikes are those of one thread
    monkeypatch.syspath_prepend(str(EXAMPLES))
    previous = prefs.codegen.target, prefs.codegen.cython.num_threads
    try:
        module = importlib.import_module("threads")
        result = module.main(["--target", "cython", "--figure", str(tmp_path / "t.png"),
                              "--neurons", "600", "--duration", "30"])
    finally:
        prefs.codegen.target, prefs.codegen.cython.num_threads = previous
    assert sorted(result) == [1, 2] and result[1][0].size > 50
    for one, two in zip(result[1], result[2]):
        np.testing.assert_array_equal(one, two)
    assert "spikes identical with 1 and 2 threads: True" in capsys.readouterr().out


def test_run_callbacks_example_sees_every_spike_and_voltage_while_running(example):
    result, output = example("run_callbacks", "--duration", "30")
    assert result["spike_calls"] == result["volt_calls"] == 6  # every 5 ms of 30 ms
    assert result["spikes_seen"] == result["spikes_recorded"] > 0
    assert result["voltages"] == 300 * 200  # 200 neurons of 'a' at each of 300 steps
    assert result["b_seen"] == result["b_counted"] and result["b_kept"] == 0
    assert "spike_callback called 6 times" in output
