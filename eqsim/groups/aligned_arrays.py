"""State arrays that start on a cache line.

NumPy's allocator aligns data to 16 bytes. The compiled kernels load four doubles at a time
(32-byte AVX2 loads): in an array that starts 16 or 48 bytes into a 64-byte cache line,
every other load straddles two lines, which costs the fused neuron update of cuba's 4,000
neurons ~10 % (benchmarks/README.md).
"""
import numpy as np

#: bytes: a cache line (x86-64, ARMv8), a multiple of every SIMD load's width up to AVX-512
ALIGNMENT = 64


def aligned_zeros(size, dtype):
    """A 1-D array of ``size`` zeros of ``dtype`` whose data start on a cache line."""
    dtype = np.dtype(dtype)
    raw = np.zeros(size * dtype.itemsize + ALIGNMENT, dtype=np.uint8)
    skip = -raw.ctypes.data % ALIGNMENT
    return raw[skip:skip + size * dtype.itemsize].view(dtype)
