"""Checks of the numbers that size a simulation: group sizes, time steps, durations,
step counts. Each refuses a value it cannot honour exactly with a
:class:`~eqsim.errors.LimitError` that names the argument, the value and what is allowed,
instead of truncating, clamping or overflowing it silently."""
import math
import numbers
import warnings

import numpy as np

from ..errors import (EqsimWarning, LimitError, TimeValueError, WholeNumberTypeError,
                      WholeNumberValueError)
from ..units import fail_for_dimension_mismatch, second

#: Largest group size: element indices are 32-bit integers in the kernels.
MAX_SIZE = 2**31 - 1
#: Largest step count of a clock: the C step counter is a signed 64-bit integer, and
#: ``step + delay`` must not overflow it.
MAX_STEPS = 2**62
#: Beyond this many steps ``t = step*dt`` no longer has the precision to tell steps
#: apart reliably; Brian2 warns at the same number.
MANY_STEPS = 2**40


def whole_number(value, what, *, obj=None, minimum=1, maximum=MAX_SIZE, error=None):
    """``value`` as an int if it is a whole number in ``[minimum, maximum]``.

    Integral floats (``3.0``, ``1e4``) are accepted as Brian2 does; fractions, booleans,
    strings, NaN and infinities are refused rather than truncated: a TypeError where
    ``value`` is not a number, a ValueError where it is not an allowed one (Brian2's
    types), or ``error`` for both where the caller's Brian2 counterpart raises one type.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise (error or WholeNumberTypeError)(
            f"{what} must be a whole number, got {value!r}", obj=obj,
            hint=f"give an integer such as {max(minimum, 10)}")
    refused = error or WholeNumberValueError
    if not math.isfinite(value) or value != math.floor(value):
        example = max(minimum, math.floor(value)) if math.isfinite(value) else minimum
        raise refused(f"{what} must be a whole number, got {value!r}", obj=obj,
                      hint=f"round it yourself if that is what you mean, e.g. "
                           f"{what}={example}")
    number = int(value)
    if not minimum <= number <= maximum:
        raise refused(f"{what} must lie between {minimum} and {maximum}, got {number}",
                      obj=obj)
    return number


def time_value(value, what, *, obj=None, positive=False):
    """``value`` (a time) in seconds, refused unless finite and not negative
    (``positive``: greater than zero)."""
    fail_for_dimension_mismatch(value, second, f"{what} must be a time")
    seconds = float(np.asarray(value))
    allowed = "a finite time greater than 0" if positive else "a finite time of 0 or more"
    if not math.isfinite(seconds) or seconds < 0 or (positive and seconds == 0):
        raise TimeValueError(f"{what} must be {allowed}, got {value!r}", obj=obj,
                             hint="give a time such as 1*ms")
    return seconds


def step_count(t_seconds, dt_seconds, what, *, obj=None):
    """Whole steps of ``dt`` before time ``t`` (rounding float error like Brian2), refused
    when the count does not fit the step counter."""
    steps = t_seconds / dt_seconds - 1e-3
    if not math.isfinite(steps) or steps >= MAX_STEPS:
        raise LimitError(f"{what} needs {steps:.3g} steps of dt = {dt_seconds!r} s, more than "
                         f"the 2**62 a step counter holds", obj=obj, code="EQ612",
                         hint="use a larger dt or a shorter run")
    return int(math.ceil(steps))


def warn_many_steps(steps, dt_seconds, what):
    """Warn (as Brian2 does) when a run needs so many steps that time loses precision."""
    if steps > MANY_STEPS:
        warnings.warn(f"{what} needs {steps} steps of dt = {dt_seconds!r} s; beyond 2**40 steps "
                      f"the times t are no longer exact multiples of dt and the run takes very "
                      f"long", EqsimWarning, stacklevel=4)
