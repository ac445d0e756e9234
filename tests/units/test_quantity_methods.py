"""ndarray methods on quantities keep the unit, as Brian2 2.9.0's do (values from running
the same lines with Brian2 2.9.0)."""
import numpy as np

from eqsim import mV, second


def test_trace_method_keeps_the_unit():
    # Brian2 2.9.0: (array([[1, 2], [3, 4]])*mV).trace() -> 5. mV (eqsim gave 0.005, unitless)
    q = np.array([[1, 2], [3, 4]]) * mV
    assert q.trace().dim is mV.dim
    assert float(q.trace()) == 0.005 and q.trace() == np.trace(q)


def test_item_keeps_the_unit():
    # Brian2 2.9.0: (array([[1, 2], [3, 4]])*mV).item(0) -> 1. mV
    q = np.array([[1, 2], [3, 4]]) * mV
    assert q.item(0).dim is mV.dim and float(q.item(0)) == 0.001
    assert (3 * mV).item().dim is mV.dim
    assert ((np.array([2.0, 4.0]) * second) / second).item(1) == 4.0


def test_reductions_as_methods_match_the_functions():
    q = np.array([[1.0, 2.0], [3.0, 4.0]]) * mV
    for name in ("mean", "sum", "std", "var", "min", "max", "cumsum"):
        method, function = getattr(q, name)(), getattr(np, name)(q)
        assert method.dim is function.dim
        np.testing.assert_allclose(np.asarray(method), np.asarray(function))
