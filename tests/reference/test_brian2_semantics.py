"""The scripts of semantics_scenarios.py (issue 12, section 1: behaviour that silently
differed from Brian2) run with ``from eqsim import *`` on both targets and give what
Brian2 2.9.0 gave (brian2_semantics.json, made by make_brian2_semantics.py)."""
import json
from pathlib import Path

import numpy as np
import pytest

from semantics_scenarios import SCENARIOS, run_scenario

BRIAN2 = json.loads((Path(__file__).parent / "brian2_semantics.json").read_text())["results"]


def assert_same(ours, brian2):
    assert ours.keys() == brian2.keys()
    for key, expected in brian2.items():
        if isinstance(expected, (float, list)):
            np.testing.assert_allclose(ours[key], expected, rtol=1e-9, atol=1e-15, err_msg=key)
        else:
            assert ours[key] == expected, key


def test_every_scenario_has_brian2s_result():
    assert sorted(BRIAN2) == sorted(SCENARIOS)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenario_gives_brian2s_result(name, target):
    assert_same(run_scenario(name, "eqsim"), BRIAN2[name])
