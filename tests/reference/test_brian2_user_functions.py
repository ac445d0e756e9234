"""User functions in model strings give Brian2's numbers, on both targets.

The models are in ``user_function_cases.py``; what Brian2 2.9.0 computed for them (on its
NumPy target) is in ``brian2_user_functions.npz`` (made by
``make_brian2_function_reference.py``). On eqsim's compiled target the Python functions
are called back from C, and the ones with a C implementation run it.
"""
import json
from pathlib import Path

import numpy as np
import pytest

import eqsim
from eqsim.errors import EqsimError
from user_function_cases import CASES, FORBIDDEN, STATISTICS, distribution

HERE = Path(__file__).resolve().parent
REFERENCE = np.load(HERE / "brian2_user_functions.npz")
SIDECAR = json.loads((HERE / "brian2_user_functions.json").read_text())


def _run(case):
    eqsim.start_scope()
    return case(eqsim)


@pytest.mark.parametrize("name", sorted(CASES))
def test_user_functions_give_brian2_numbers(name, target):
    got = _run(CASES[name])
    assert set(got) == {key.split("__")[1] for key in REFERENCE.files
                        if key.startswith(name + "__")}
    for key, value in got.items():
        np.testing.assert_allclose(value, REFERENCE[f"{name}__{key}"], rtol=1e-12, atol=1e-15,
                                   err_msg=f"{name}: {key}")


def test_binomial_draws_have_brian2s_distribution(both_targets):
    numpy, cython = both_targets(lambda target: _run(STATISTICS["binomial_draws"]))
    np.testing.assert_array_equal(numpy["exact"], cython["exact"])
    # loc + scale*randn: compiled code may contract it into one fused multiply-add
    np.testing.assert_allclose(numpy["normal"], cython["normal"], rtol=1e-14)
    got = distribution(numpy)
    brian2 = {key: REFERENCE[f"binomial_draws__{key}"] for key in got}
    # 20,000 draws each: frequencies within 0.01 (about 3 standard errors of a difference)
    np.testing.assert_allclose(got["exact_frequencies"], brian2["exact_frequencies"], atol=0.01)
    mean_exact, var_exact, mean_normal, var_normal, whole_exact, whole_normal = got["moments"]
    b_mean_exact, b_var_exact, b_mean_normal, b_var_normal, b_whole_exact, b_whole_normal = \
        brian2["moments"]
    assert abs(mean_exact - b_mean_exact) < 0.05 and abs(mean_normal - b_mean_normal) < 0.15
    assert var_exact == pytest.approx(b_var_exact, rel=0.06)
    assert var_normal == pytest.approx(b_var_normal, rel=0.06)
    assert whole_exact == b_whole_exact == 1.0 and whole_normal == b_whole_normal == 0.0


def test_the_reference_covers_every_case():
    assert {key.split("__")[0] for key in REFERENCE.files} == set(CASES) | set(STATISTICS)
    assert set(SIDECAR["forbidden_errors"]) == set(FORBIDDEN)


@pytest.mark.parametrize("name", sorted(FORBIDDEN))
def test_calls_brian2_refuses_raise_an_eqsim_error(name, numpy_target):
    with pytest.raises(EqsimError):
        _run(FORBIDDEN[name])
