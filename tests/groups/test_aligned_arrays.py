"""A group's state arrays start on a cache line, so that no SIMD load of a compiled kernel
straddles two lines (NumPy aligns to 16 bytes only)."""
import numpy as np
import pytest

from eqsim import Network, NeuronGroup, ms
from eqsim.core.context import current_context
from eqsim.groups.aligned_arrays import ALIGNMENT, aligned_zeros


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int32, np.bool_])
@pytest.mark.parametrize("size", [0, 1, 7, 4000])
def test_aligned_zeros_are_zeros_of_the_size_and_type_on_a_cache_line(dtype, size):
    arrays = [aligned_zeros(size, dtype) for _ in range(5)]  # several: malloc's offsets vary
    for a in arrays:
        assert a.shape == (size,) and a.dtype == dtype
        assert size == 0 or a.ctypes.data % ALIGNMENT == 0
        assert a.flags.writeable and a.flags.c_contiguous
        assert not a.any()
    arrays[0][:] = 1
    assert not arrays[1].any()  # no two share memory


def test_every_state_array_of_a_neuron_group_starts_on_a_cache_line():
    group = NeuronGroup(4000, "dv/dt = -v/(10*ms) : volt (unless refractory)\nn : integer",
                        threshold="v > 1*volt", reset="v = 0*volt", refractory=2 * ms)
    names = ["v", "n", "lastspike", "not_refractory"]
    for name in names:
        assert group.variables[name].array.ctypes.data % ALIGNMENT == 0, name
    Network(group).run(0.1 * ms)  # builds the threshold's byte per neuron
    flags = current_context().cache(group, "condition_flags")["spike"].array
    assert flags.size == 4000 and flags.ctypes.data % ALIGNMENT == 0
    group.v_ = np.linspace(0, 1, 4000) * 1e-3
    assert group.v_[3999] == pytest.approx(1e-3)
