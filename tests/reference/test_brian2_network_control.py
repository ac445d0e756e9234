"""The cases of ``network_control_cases.py`` in eqsim on both targets, compared with what
Brian2 2.9.0 computed for them (``brian2_network_control.json``, made by
``make_brian2_network_control.py``)."""
import json
from pathlib import Path

import numpy as np
import pytest

import eqsim
from network_control_cases import CASES

REFERENCE = json.loads(Path(__file__).with_name("brian2_network_control.json").read_text())


def _same(ours, theirs, path=""):
    """Equal structure; numbers to 1e-9 relative."""
    if isinstance(theirs, dict):
        assert sorted(ours) == sorted(theirs), path
        for key in theirs:
            _same(ours[key], theirs[key], f"{path}.{key}")
    elif isinstance(theirs, list):
        assert len(ours) == len(theirs), path
        if all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in theirs):
            np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-15, err_msg=path)
        else:
            for k, (mine, other) in enumerate(zip(ours, theirs)):
                _same(mine, other, f"{path}[{k}]")
    elif isinstance(theirs, float):
        assert ours == pytest.approx(theirs, rel=1e-9, abs=1e-15), path
    else:
        assert ours == theirs, path


@pytest.mark.parametrize("case", ["stop_example", "network_stop_then_continue",
                                  "stop_two_clocks"])
def test_stop_ends_the_run_after_the_current_step_as_brian2(case, target):
    _same(CASES[case](eqsim), REFERENCE[case])


def test_network_get_states_and_set_states_give_brian2s_values(numpy_target):
    ours, theirs = CASES["network_states"](eqsim), REFERENCE["network_states"]
    # the objects and their variables are Brian2's (with the clock's t, dt and
    # t_in_timesteps, the synapses' pre/post names); only the names of neuron variables
    # through the synapses (v_post, v ...) are not writable here, so they are not among
    # what get_states(read_only_variables=False) gives for set_states
    for key in ("keys_plain", "keys_with_sub"):
        assert ours[key] == theirs[key]
    assert sorted(ours["keys_writable"]) == sorted(theirs["keys_writable"])
    assert ours["keys_writable"]["neurons"] == theirs["keys_writable"]["neurons"]
    assert ours["keys_writable"]["syn"] == ["w"]
    for key in ("plain", "after"):
        for name, variables in theirs[key].items():
            for variable in set(variables) & set(ours[key][name]):
                _same(ours[key][name][variable], variables[variable], f"{key}.{name}.{variable}")
    for key in ("v_final", "y", "v_in_volt"):
        _same(ours[key], theirs[key], key)


def test_scheduling_summary_lists_what_brian2_lists_in_its_order(numpy_target):
    _same(CASES["schedule"](eqsim), REFERENCE["schedule"])


def test_device_run_with_run_args_repeats_the_recorded_run_as_brian2s_standalone(target):
    _same(CASES["device_run_args"](eqsim), REFERENCE["device_run_args"])


def test_a_network_schedule_or_the_default_schedule_preference_reorders_slots(target):
    _same(CASES["custom_schedule"](eqsim), REFERENCE["custom_schedule"])


def test_changes_between_recorded_runs_apply_between_them_as_in_brian2(numpy_target):
    _same(CASES["deferred_runs_with_changes_between"](eqsim),
          REFERENCE["deferred_runs_with_changes_between"])


def test_summaries_name_operations_as_brian2(numpy_target):
    _same(CASES["summary_names"](eqsim), REFERENCE["summary_names"])
