"""The step of a time, for the NumPy code of kernels and string assignments (the C code's
``eqsim_timestep`` in eqsim_support.h does the same arithmetic)."""
import numpy


def timestep(t, dt):
    """Brian2's ``timestep(t, dt)``: ``(t + dt/1000)/dt`` truncated (``t`` and ``dt`` in
    second, plain numbers or arrays): 0.3 ms at 0.1 ms is step 3, not 2."""
    steps = (t + 1e-3 * dt) / dt
    return numpy.int64(steps) if numpy.ndim(steps) == 0 else steps.astype(numpy.int64)
