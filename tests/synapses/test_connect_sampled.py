"""connect(p=...) without a condition draws its targets straight into the synapse arrays
(connect_sampled.py): the same synapses as the general path, the presynaptic indices kept
as row counts."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Synapses, seed
from eqsim.runtime.streams import connect_stream
from eqsim.synapses.connect import connection_pairs
from eqsim.synapses.connect_sampled import RowCounts

N_PRE, N_POST = 60, 1500


def _pairs(p, start=0, stop=N_POST, condition=None, compact_pre=False):
    def evaluate(expr, i, j):  # 'j >= 0': true for every pair, but it names the target
        return np.asarray(j) >= 0
    return connection_pairs(n_pre=N_PRE, n_post=N_POST, condition=condition, p=p, seed=9,
                            stream=4, evaluate=evaluate, target_start=start,
                            target_stop=stop, compact_pre=compact_pre)


@pytest.mark.parametrize("p", [0.02, 0.3, 0.97], ids=["walked", "dense", "nearly all"])
@pytest.mark.parametrize("window", [(0, N_POST), (100, 1100)])
def test_direct_path_makes_the_synapses_of_the_general_path(p, window):
    general_i, general_j = _pairs(p, *window, condition="j >= 0")  # evaluated per pair
    direct_i, direct_j = _pairs(p, *window)
    compact_i, compact_j = _pairs(p, *window, compact_pre=True)
    assert general_i.size > 100
    np.testing.assert_array_equal(direct_i, general_i)
    np.testing.assert_array_equal(direct_j, general_j)
    assert isinstance(compact_i, RowCounts) and len(compact_i) == general_i.size
    np.testing.assert_array_equal(compact_i.indices(), general_i)
    np.testing.assert_array_equal(compact_j, general_j)
    assert direct_i.dtype == direct_j.dtype == np.int32


def _calls(synapses, *ps, first=1):
    """The (i, j) pairs of connect(p=...) calls number first, first + 1, ... of ``synapses``."""
    draw_seed, key = synapses.draw_key()
    return [connection_pairs(n_pre=N_PRE, n_post=N_POST, p=p, seed=draw_seed,
                             stream=connect_stream(key, call), evaluate=None)
            for call, p in enumerate(ps, start=first)]


def test_synapses_made_in_several_calls_keep_every_index(numpy_target):
    seed(3)
    source, target = NeuronGroup(N_PRE, "x : 1"), NeuronGroup(N_POST, "y : 1")
    synapses = Synapses(source, target, "w : 1")
    synapses.connect(i=[N_PRE - 1], j=[7])  # call 0
    synapses.connect(p=0.1)  # from source 0 again: the indices stop being row pointers
    synapses.connect(p=0.05)
    assert not synapses.variables["_synaptic_pre"].implicit
    made = _calls(synapses, 0.1, 0.05)
    np.testing.assert_array_equal(synapses.i[:], np.concatenate([[N_PRE - 1]] +
                                                                [i for i, _ in made]))
    np.testing.assert_array_equal(synapses.j[:], np.concatenate([[7]] + [j for _, j in made]))


def test_connect_in_source_order_stores_row_pointers_only(numpy_target):
    seed(3)
    source, target = NeuronGroup(N_PRE, "x : 1"), NeuronGroup(N_POST, "y : 1")
    synapses = Synapses(source, target, "w : 1")
    synapses.connect(p=0.2)
    synapses.connect(i=[N_PRE - 1, N_PRE - 1], j=[3, 4])  # continues the last row
    index = synapses.variables["_synaptic_pre"]
    assert index.implicit  # no per-synapse presynaptic array
    (i, j), = _calls(synapses, 0.2, first=0)
    np.testing.assert_array_equal(synapses.i[:], np.concatenate([i, [N_PRE - 1] * 2]))
    np.testing.assert_array_equal(synapses.j[:], np.concatenate([j, [3, 4]]))
    assert index.row_pointers[-1] == len(synapses) == i.size + 2
