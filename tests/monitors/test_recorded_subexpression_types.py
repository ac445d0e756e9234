"""A StateMonitor stores a subexpression in the type its equation declares, as Brian2
does: an integer subexpression's values are truncated into int32, a boolean one's are
truth values. Reading the subexpression from the group is unaffected."""
import numpy as np

from eqsim import NeuronGroup, StateMonitor, defaultclock, run


def test_integer_subexpression_is_recorded_truncated_to_int32(target):
    G = NeuronGroup(4, "c = clip(iv, -0.5, 1.5) : integer\nd = iv*0.7 : integer\n"
                       "iv : integer")
    G.iv = [0, 1, -1, 2]
    mon = StateMonitor(G, ["c", "d"], record=True)
    run(defaultclock.dt)
    # Brian2 2.9.0 (test_functions.py::test_clip): [0, 1, 0, 1] and [0, 0, 0, 1], int32
    assert mon.c.dtype == np.int32 and mon.c.flatten().tolist() == [0, 1, 0, 1]
    assert mon.d.flatten().tolist() == [0, 0, 0, 1]
    # the group's own value is the unconverted expression (Brian2: -0.5, 1.5)
    assert G.c[:].tolist() == [0.0, 1.0, -0.5, 1.5]


def test_boolean_subexpression_is_recorded_as_truth_values(target):
    G = NeuronGroup(3, "b = iv > 0 : boolean\niv : integer")
    G.iv = [0, 1, 2]
    mon = StateMonitor(G, "b", record=True)
    run(defaultclock.dt)
    assert mon.b.dtype == bool and mon.b.flatten().tolist() == [False, True, True]
