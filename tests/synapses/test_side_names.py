"""Names a Synapses object reads of its sides: i_pre, i_post, t_post, N_pre, a shared
variable of a side (one value), as Brian2."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Synapses, ms, run, second
from eqsim.units import get_dimensions


def _synapses():
    G = NeuronGroup(4, 'v : 1\nsc : 1 (shared)', threshold='v > 1', reset='')
    G.sc = 7
    S = Synapses(G, G, 'w : 1', on_pre='v += w')
    S.connect(j='(i+1)%4')
    return G, S


def test_indices_clocks_and_sizes_of_both_sides(target):
    G, S = _synapses()
    run(0.3 * ms)
    # Brian2 2.9.0: [0 1 2 3] [1 2 3 0] 4 7.0 300. us 100. us
    assert S.i_pre[:].tolist() == [0, 1, 2, 3] and S.i_post[:].tolist() == [1, 2, 3, 0]
    assert S.N_pre == 4 and S.N_post == 4
    assert float(S.t_post) == pytest.approx(0.3e-3) and get_dimensions(S.t_post) == second.dim
    assert float(S.dt_pre) == pytest.approx(0.1e-3) and int(S.t_in_timesteps_pre) == 3


def test_a_shared_variable_of_a_side_is_one_value(numpy_target):
    G, S = _synapses()
    # Brian2 2.9.0: S.sc_post[:] -> 7.0, a scalar; S.sc (the target's) too
    assert np.ndim(S.sc_post[:]) == 0 and float(S.sc_post[:]) == 7.0
    assert float(S.sc[:]) == 7.0 and float(S.sc_pre[:]) == 7.0


def test_i_pre_and_i_post_of_a_synapses_side_are_its_presynaptic_indices(numpy_target):
    G = NeuronGroup(4, 'v : 1')
    S = Synapses(G, G, 'w : 1')
    S.connect(j='(i+1)%4', n=2)  # synapse k has i = k//2
    S2 = Synapses(G, S, 'x : 1')
    S2.connect(j='2*i + 1')
    S2.x = 'i_post'
    S3 = Synapses(S, G)
    S3.connect(j='i%4')
    # Brian2 2.9.0: i_post is S's variable i of the target synapse (not its number j),
    # the same in code and read by name: [0 1 2 3] [0 1 2 3] [1 2]; S3.i_pre [0 0 1 1 ...]
    assert S2.j[:].tolist() == [1, 3, 5, 7]
    assert S2.i_post[:].tolist() == [0, 1, 2, 3] and S2.x[:].tolist() == [0, 1, 2, 3]
    assert S2.i_post[1:3].tolist() == [1, 2]
    assert S3.i_pre[:].tolist() == [0, 0, 1, 1, 2, 2, 3, 3]
