"""Same slot, same order: eqsim runs objects sorted by name, as Brian2 does
(brian2_schedule_ties.json, made by make_brian2_schedule_ties.py)."""
import json
from pathlib import Path

import eqsim
from schedule_tie_cases import run_case

BRIAN2 = json.loads((Path(__file__).parent / "brian2_schedule_ties.json").read_text())["result"]


def test_objects_with_the_same_slot_and_order_run_in_brian2s_name_order(target):
    assert run_case(eqsim) == BRIAN2
