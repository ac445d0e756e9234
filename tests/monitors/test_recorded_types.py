"""Monitors record each variable in its own type (float32, integer, boolean), as Brian2;
subexpressions and times in the default float type."""
import numpy as np

from eqsim import NeuronGroup, SpikeMonitor, StateMonitor, float32, ms, prefs, run

MODEL = """dv/dt = 1/ms : 1
k : integer
b : boolean
w = 2*v : 1"""


def test_integer_and_boolean_variables_are_recorded_with_their_types(target):
    G = NeuronGroup(2, MODEL, method="euler", threshold="v > 0.15", reset="v = 0", name="G")
    G.k = [3, 4]
    G.b = [True, False]
    M = StateMonitor(G, ["v", "k", "b", "w"], record=True, name="M")
    S = SpikeMonitor(G, variables=["k", "v"], name="S")
    run(0.3 * ms)
    assert (M.k.dtype, M.b.dtype, M.w.dtype, M.t_.dtype) == (np.int32, bool, np.float64, np.float64)
    np.testing.assert_array_equal(M.k[1], [4, 4, 4])
    np.testing.assert_array_equal(M.b[:, 0], [True, False])
    assert S.k.dtype == np.int32 and S.v.dtype == np.float64
    np.testing.assert_array_equal(S.k, [3, 4])


def test_float32_variables_are_recorded_as_float32(target):
    prefs.core.default_float_dtype = float32
    try:
        G = NeuronGroup(2, "dv/dt = 1/ms : 1", method="euler", name="G32")
        M = StateMonitor(G, "v", record=True, name="M32")
        run(0.3 * ms)
    finally:
        prefs.core.default_float_dtype = np.float64
    assert M.v.dtype == np.float32
    np.testing.assert_allclose(M.v[0], [0, 0.1, 0.2], rtol=1e-6)
