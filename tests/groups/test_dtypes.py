"""dtype= per variable (Brian2's {name: dtype}): int64 integers, float32 floats, and the
types refused (the numbers are Brian2 2.9.0's for the same script)."""
import numpy as np
import pytest

from eqsim import NeuronGroup, SpikeMonitor, StateMonitor, Synapses, ms, run
from eqsim.groups.dtypes import DtypeError


def test_int64_integers_hold_values_beyond_int32_in_kernels(target):
    G = NeuronGroup(4, '''dv/dt = (1 + i)/ms : 1
                          n : integer
                          m : integer
                          big : integer
                          flag : boolean''', threshold='v > 1',
                    reset='v = 0; n += 1; m = n * 3 + i; big += 2**31; flag = n % 2 == 1',
                    method='euler',
                    dtype={'n': np.int64, 'big': np.int64, 'm': np.int32, 'flag': bool})
    G.big = 2**33
    S = Synapses(G, G, 'k : integer', on_pre='k += n_pre', dtype={'k': np.int64})
    S.connect(j='i')
    M = StateMonitor(G, ['n', 'big'], record=True)
    spikes = SpikeMonitor(G, ['big'])
    run(2 * ms)
    # Brian2 2.9.0 for the same script
    assert G.n[:].dtype == np.int64 and G.n[:].tolist() == [1, 3, 5, 6]
    assert G.m[:].dtype == np.int32 and G.m[:].tolist() == [3, 10, 17, 21]
    assert G.big[:].tolist() == [10737418240, 15032385536, 19327352832, 21474836480]
    assert G.flag[:].tolist() == [True, True, True, False]
    assert S.k[:].dtype == np.int64 and S.k[:].tolist() == [0, 3, 10, 15]
    assert M.n.dtype == np.int64 and M.n[:, -1].tolist() == [1, 3, 4, 6]
    assert M.big[:, -1].tolist() == [10737418240, 15032385536, 17179869184, 21474836480]
    assert spikes.big[:].dtype == np.int64
    assert spikes.big[-2:].tolist() == [19327352832, 17179869184]
    G.n = 'i * 2**32'  # (Brian2's NumPy target: OverflowError for int32 literals)
    assert G.n[:].tolist() == [0, 2**32, 2**33, 3 * 2**32]
    assert G.indices['n > 2**33'].tolist() == [3]


def test_dtypes_that_do_not_fit_the_variable_or_the_kernels_are_refused(numpy_target):
    model = 'n : integer\nx : 1\nb : boolean'
    # Brian2 2.9.0: TypeError "float64 is not a correct type for integer variables"
    for dtype in ({'n': np.float64}, {'x': np.int32}, {'b': np.int32}):
        with pytest.raises(DtypeError, match="is not a type for the") as caught:
            NeuronGroup(1, model, dtype=dtype)
        assert isinstance(caught.value, TypeError)
    # types Brian2 takes but eqsim's kernels do not compute with
    for dtype, kind in (({'n': np.uint16}, 'integer'), ({'n': np.int8}, 'integer'),
                        ({'x': np.float16}, 'float')):
        with pytest.raises(DtypeError, match=f"not supported: eqsim's kernels compute {kind}"):
            NeuronGroup(1, model, dtype=dtype)
    with pytest.raises(DtypeError, match="not a NumPy data type"):
        NeuronGroup(1, model, dtype={'n': 'whole'})
