"""The scripts in examples/ run as a user runs them (a fresh interpreter, in some folder),
exit cleanly, print their firing rates and save their figure there."""
import os
import re
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TIMEOUT_SECONDS = 600  # a cold run compiles the network first


def run_example(script, *args, cwd):
    """Run ``examples/<script>`` in a subprocess from ``cwd``; return the completed process.

    The checkout goes first on PYTHONPATH so that the example runs the code under test, whether
    or not eqsim is also pip-installed. EQSIM_CACHE_DIR (set by conftest.py or CI) passes through.
    """
    env = dict(os.environ)
    paths = [str(REPO_ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["MPLBACKEND"] = "Agg"
    return subprocess.run([sys.executable, str(EXAMPLES / script), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT_SECONDS)


def assert_succeeded(result):
    assert result.returncode == 0, f"exit code {result.returncode}\n{result.stdout}\n{result.stderr}"


def assert_is_png(path):
    assert path.is_file(), f"{path.name} was not written"
    assert path.read_bytes()[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG file"


def test_lif_example_prints_rates_matching_theory_and_saves_its_figure(tmp_path):
    result = run_example("lif.py", cwd=tmp_path)
    assert_succeeded(result)
    assert_is_png(tmp_path / "lif.png")
    # table rows: current (nA), simulated rate (Hz), analytic rate (Hz)
    rows = [tuple(map(float, row)) for row in
            re.findall(r"^\s+(\d+\.\d+)\s+(\d+\.\d)\s+(\d+\.\d)$", result.stdout, re.MULTILINE)]
    assert len(rows) >= 5, result.stdout
    below_rheobase = [rate for current, rate, _ in rows if current < 0.2]
    above_rheobase = [rate for current, rate, _ in rows if current > 0.21]
    assert below_rheobase and all(rate == 0 for rate in below_rheobase)
    assert above_rheobase and all(rate > 0 for rate in above_rheobase)
    assert above_rheobase == sorted(above_rheobase), "rate must grow with the current"
    deviation = float(re.search(r"largest deviation from the analytic rate (\S+) Hz",
                                result.stdout).group(1))
    assert deviation < 2.0, result.stdout  # only the 0.1 ms time grid separates the two


def test_ei_network_example_runs_200_ms_prints_both_rates_and_saves_raster(tmp_path):
    result = run_example("ei_network.py", "200", cwd=tmp_path)
    assert_succeeded(result)
    assert_is_png(tmp_path / "ei_network_raster.png")
    rates = dict(re.findall(r"(excitatory|inhibitory): \d+ spikes, mean rate (\S+) Hz",
                            result.stdout))
    assert set(rates) == {"excitatory", "inhibitory"}, result.stdout
    assert all(0 < float(rate) < 200 for rate in rates.values()), result.stdout
    assert "200 ms simulated" in result.stdout


def test_brainpy_einet_example_ends_with_a_json_line_of_both_rates(tmp_path):
    import json
    result = run_example("brainpy_einet.py", "200", cwd=tmp_path)
    assert_succeeded(result)
    rates = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(rates) == {"rate_E_hz", "rate_I_hz"}, result.stdout
    # the balanced state of seed 000: E and I fire at similar, moderate rates
    assert 5 < rates["rate_E_hz"] < 60 and 5 < rates["rate_I_hz"] < 60, result.stdout


def test_tian2020_example_scaled_down_reports_progress_and_ends_with_json_rates(tmp_path,
                                                                               monkeypatch):
    import json
    monkeypatch.setenv("TIAN2020_NUM", "800")  # 10,000 neurons (25 M synapses): a benchmark
    result = run_example("tian2020.py", "--duration", "30", "--target", "numpy", cwd=tmp_path)
    assert_succeeded(result)
    assert "simulated in" in result.stdout and "800 neurons" in result.stdout, result.stdout
    rates = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(rates) == {"rate_E_hz", "rate_I_hz"}, result.stdout
    assert 1 < rates["rate_E_hz"] < 100 and 1 < rates["rate_I_hz"] < 100, result.stdout


def test_tian2020_procedural_connections_give_the_stored_networks_rates(numpy_target, capsys):
    import importlib.util
    import json
    spec = importlib.util.spec_from_file_location("tian2020", EXAMPLES / "tian2020.py")
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    rates = []
    for extra in ([], ["--procedural"]):
        example.main(["--num", "600", "--duration", "20", *extra])
        rates.append(json.loads(capsys.readouterr().out.strip().splitlines()[-1]))
    assert rates[0] == rates[1] and rates[0]["rate_I_hz"] > 0

def test_dual_exponential_example_ends_with_brainpys_numbers_for_seed_001(tmp_path):
    import json
    import numpy as np
    reference = np.load(REPO_ROOT / "tests" / "reference" / "brainpy_dualexp.npz")
    result = run_example("dual_exponential.py", "--target", "numpy", cwd=tmp_path)
    assert_succeeded(result)
    results = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(results) == {"seed", "cuba_stp_dense", "cuba_stp_sparse", "coba_dense",
                            "coba_stp_sparse"}, result.stdout
    for name, ours in results.items():
        pre_v, post_v = reference[f"{name}/pre_V"], reference[f"{name}/post_V"]
        assert ours["pre_spikes"] == np.sum(np.diff(pre_v, axis=0) < -10), name
        assert ours["post_spikes"] == np.sum(np.diff(post_v, axis=0) < -10), name
        np.testing.assert_allclose(ours["post_V_end_mV"], post_v[-1], rtol=1e-9, err_msg=name)
    # the seed's single synapse: BrainPy's g (per presynaptic neuron) times g_max = 1
    np.testing.assert_allclose(results["seed"]["g_peak"], reference["seed/g"].max(), rtol=1e-9)
