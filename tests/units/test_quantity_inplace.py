"""In-place operators: scalars act like Python floats, arrays are changed in place
(Brian2 2.9.0's test_inplace_on_scalars; values checked with Brian2 2.9.0)."""
import numpy as np

from eqsim import Quantity, mV


def test_inplace_operators_on_a_scalar_leave_other_names_unchanged():
    # Brian2 2.9.0: x = 3*mV; y = x; x += 1*mV -> y is 3. mV, x is 4. mV
    x = 3 * mV
    y = x
    x += 1 * mV
    assert float(y) == 0.003 and float(x) == 0.004
    x *= 1.5
    x /= 2
    assert float(y) == 0.003
    np.testing.assert_allclose(float(x), 0.004 * 1.5 / 2)


def test_inplace_operators_on_an_array_change_it_for_every_name():
    # Brian2 2.9.0: v = [3]*mV; r = v; v += 1*mV -> r is [4.] mV
    v = [3] * mV
    r = v
    v += 1 * mV
    v *= 2
    assert r is v
    np.testing.assert_allclose(np.asarray(r), [0.008])


def test_copy_of_a_scalar_is_not_changed_by_inplace_operators():
    scalar = 3 * mV
    copy = Quantity(scalar, copy=True)
    scalar += copy
    assert float(copy) == 0.003 and float(scalar) == 0.006
