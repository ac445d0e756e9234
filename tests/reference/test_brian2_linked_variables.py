"""Linked variables, one-element subgroups and range/list values give Brian2's numbers.

The models are in ``linked_variable_cases.py``; what Brian2 2.9.0 computed for them is in
``brian2_linked_variables.npz`` (made by ``make_brian2_linked_reference.py``), with
Brian2's cython-numpy spread and the exception Brian2 raises for each misuse in the JSON
sidecar. eqsim's error for a misuse is an ``EqsimError`` and, so that scripts catching
Brian2's exception keep working, an instance of Brian2's exception type.
"""
import json
from pathlib import Path

import numpy as np
import pytest

import eqsim
from eqsim.errors import EqsimError
from linked_variable_cases import CASES, ERRORS

HERE = Path(__file__).resolve().parent
REFERENCE = np.load(HERE / "brian2_linked_variables.npz")
SIDECAR = json.loads((HERE / "brian2_linked_variables.json").read_text())
BUILTIN = {"ValueError": ValueError, "TypeError": TypeError, "IndexError": IndexError,
           "KeyError": KeyError}
# Brian2's exception types eqsim's errors do not share: a SyntaxError for a bad flag
# (eqsim's EquationError, like every other malformed equation)
OTHER_TYPE = {"linked_flag_with_other_flags": "EquationError"}


def _run(case):
    eqsim.start_scope()
    return case(eqsim)


# compiled runs cost seconds each: these cases run on the NumPy target only (their
# kernels are those of synapses_link_by_pre_and_post_index, which runs on both; the zeros
# are unit rules, checked before any kernel is built)
NUMPY_ONLY = {"synapses_link_one_element_subexpression", "synapses_write_through_links",
              "zeros_of_any_unit"}


@pytest.mark.parametrize("name,target_name", [(name, target) for name in sorted(CASES)
                                              for target in ("numpy", "cython")
                                              if target == "numpy" or name not in NUMPY_ONLY])
def test_linked_variable_cases_give_brian2_numbers(name, target_name):
    previous = eqsim.prefs.codegen.target
    eqsim.prefs.codegen.target = target_name
    try:
        got = _run(CASES[name])
    finally:
        eqsim.prefs.codegen.target = previous
    keys = {k.split("__", 1)[1] for k in REFERENCE.files if k.startswith(name + "__")}
    assert set(got) == keys
    for key, value in got.items():
        np.testing.assert_allclose(value, REFERENCE[f"{name}__{key}"], rtol=1e-12, atol=1e-15,
                                   err_msg=f"{name}: {key}")


def test_the_reference_covers_every_case_and_brian2_targets_agree():
    assert {key.split("__")[0] for key in REFERENCE.files} == set(CASES)
    assert set(SIDECAR["errors"]) == set(ERRORS)
    assert max(SIDECAR["cython_numpy_spread"].values()) < 1e-12


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_misuses_raise_an_eqsim_error_of_brian2s_type(name):
    eqsim.prefs.codegen.target = "numpy"
    with pytest.raises(EqsimError) as info:
        _run(ERRORS[name])
    brian2_type = SIDECAR["errors"][name]["type"]
    if name in OTHER_TYPE:
        assert type(info.value).__name__ == OTHER_TYPE[name]
    elif brian2_type in BUILTIN:
        assert isinstance(info.value, BUILTIN[brian2_type])
    else:
        assert brian2_type in [c.__name__ for c in type(info.value).__mro__]
