"""The ``sum`` of ``from eqsim import *``: NumPy's ``sum``, which also adds up a generator.

Brian2's star import binds NumPy's ``sum``. Up to NumPy 2.3, ``numpy.sum(generator)`` fell
back to Python's ``sum`` (with a DeprecationWarning); NumPy 2.4 refuses it, so Brian2 scripts
written as ``sum(t for name, t in magic_network.profiling_info)`` (advanced/
float_32_64_benchmark.py) break. This ``sum`` keeps that fallback and is ``numpy.sum``
for everything else (arrays, Quantities, ``axis``, ``dtype``...).
"""
import builtins
import functools
import types

import numpy as np


@functools.wraps(np.sum)
def sum(a, axis=None, dtype=None, out=None, **kwargs):  # noqa: A001 - pylab's name
    if isinstance(a, types.GeneratorType):
        # NumPy < 2.4's own fallback: Python's sum, written into `out` if one is given;
        # it starts from the first item, not 0, so Quantities add up (0 + 1*ms is refused)
        items = iter(a)
        total = builtins.sum(items, next(items, 0))
        if out is not None:
            out[...] = total
            return out
        return total
    return np.sum(a, axis=axis, dtype=dtype, out=out, **kwargs)
