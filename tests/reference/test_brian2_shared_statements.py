"""Statements that assign shared variables run once per call, as in Brian2.

The models are in ``shared_statement_cases.py``; what Brian2 2.9.0 computed for them is in
``brian2_shared_statements.npz`` (made by ``make_brian2_shared_reference.py``). Brian2's
cython and numpy targets agree exactly on them (JSON sidecar), and so must eqsim's.
"""
import json
from pathlib import Path

import numpy as np
import pytest

import eqsim
from eqsim.errors import EqsimError
from shared_statement_cases import CASES, FORBIDDEN

HERE = Path(__file__).resolve().parent
REFERENCE = np.load(HERE / "brian2_shared_statements.npz")
SIDECAR = json.loads((HERE / "brian2_shared_statements.json").read_text())


def _run(case):
    eqsim.start_scope()
    return case(eqsim)


@pytest.mark.parametrize("name", sorted(CASES))
def test_shared_statements_give_brian2_numbers(name, target):
    got = _run(CASES[name])
    for key, value in got.items():
        np.testing.assert_allclose(value, REFERENCE[f"{name}__{key}"], rtol=1e-12, atol=1e-12,
                                   err_msg=f"{name}: {key}")


def test_the_reference_covers_every_case():
    assert {key.split("__")[0] for key in REFERENCE.files} == set(CASES)
    assert set(SIDECAR["forbidden_errors"]) == set(FORBIDDEN)


@pytest.mark.parametrize("name", sorted(FORBIDDEN))
def test_mixes_brian2_forbids_raise_an_eqsim_error(name):
    eqsim.prefs.codegen.target = "numpy"
    with pytest.raises(EqsimError):
        _run(FORBIDDEN[name])


def _error_of(code, **options):
    eqsim.start_scope()
    G = eqsim.NeuronGroup(4, "gain : 1 (shared)\nv : 1", **options)
    if code is not None:
        G.run_regularly(code, dt=1 * eqsim.ms)
    net = eqsim.Network(G, *G.contained_objects)
    with pytest.raises(EqsimError) as info:
        net.run(1 * eqsim.ms)
    return info.value


def test_shared_write_after_a_vector_write_names_the_line_and_column():
    error = _error_of("v = v + 1\n  gain = 2")
    assert (error.code, error.line, error.column) == ("EQ140", 2, 2)
    assert "'gain'" in str(error) and "'v'" in str(error)


def test_shared_variable_from_a_vector_value_points_at_the_vector_name():
    error = _error_of("gain = 1\ngain = gain + v*2")
    assert (error.code, error.line, error.column) == ("EQ142", 2, 14)
    assert "per-element 'v'" in str(error)


def test_shared_variable_from_the_index_is_refused_in_statements():
    error = _error_of("gain = i*2")
    assert error.code == "EQ142"


def _shared_random_current(target):
    eqsim.prefs["codegen.target"] = target
    eqsim.start_scope()
    eqsim.seed(11)
    G = eqsim.NeuronGroup(3, "dv/dt = (I/nA - v)/(5*ms) : 1\nI : amp (shared)", method="euler")
    G.run_regularly("I = rand()*50*nA", dt=10 * eqsim.ms)
    M = eqsim.StateMonitor(G, ["I", "v"], record=True)
    eqsim.run(50 * eqsim.ms)
    return np.asarray(M.I), np.asarray(M.v)


def test_shared_variable_from_rand_is_one_draw_per_call_for_all_elements(both_targets):
    # Brian2's tutorial 3: run_regularly('I = rand()*50*nA') on a shared I draws one number
    # per call, common to all neurons (Brian2 checks only for vector variables)
    (I_numpy, v_numpy), (I_cython, v_cython) = both_targets(_shared_random_current)
    every_10_ms = I_numpy[0, ::100]
    assert np.all(I_numpy == I_numpy[0]) and np.all(v_numpy == v_numpy[0])
    assert len(set(every_10_ms)) == 5 and np.all((every_10_ms > 0) & (every_10_ms < 50e-9))
    assert np.all(I_numpy[0].reshape(5, 100) == every_10_ms[:, None])  # constant in between
    np.testing.assert_allclose(I_cython, I_numpy, rtol=1e-12)
    np.testing.assert_allclose(v_cython, v_numpy, rtol=1e-9)


@pytest.mark.parametrize("value, column", [("v*2", 0), ("1 + i", 4)])
def test_string_assignment_of_a_shared_variable_refuses_per_element_values(value, column):
    # Brian2 2.9.0: "Cannot write to scalar variable 'gain' with an expression referring
    # to vector variable 'v'"
    eqsim.start_scope()
    G = eqsim.NeuronGroup(3, "gain : 1 (shared)\nv : 1")
    with pytest.raises(EqsimError) as info:
        G.gain = value
    assert (info.value.code, info.value.line, info.value.column) == ("EQ142", 1, column)
    assert G.gain[:] == 0  # nothing written


def test_string_assignment_of_a_shared_variable_from_shared_values_runs_once():
    eqsim.start_scope()
    G = eqsim.NeuronGroup(3, "gain : 1 (shared)\nv : 1")
    G.gain = 2
    G.gain = "gain*gain + 1"
    assert G.gain[:] == 5


def test_shared_write_in_a_reset_is_refused_with_its_line():
    error = _error_of(None, threshold="v > -1", reset="v = 0\ngain = 2")
    assert (error.code, error.line) == ("EQ141", 2)
    assert "reset" in str(error)
