"""Range arguments of connect generators must be integers by type, as in Brian2, and a
script's integer constants count as integers (Brian2's Diesmann et al. 1999 example)."""
import numpy as np
import pytest

from eqsim import ConnectError, NeuronGroup, Synapses


def test_an_integer_constant_of_the_script_may_build_range_arguments(numpy_target):
    group_size = 10
    G = NeuronGroup(40, "v : 1", threshold="v > 1", name="G")
    S = Synapses(G, G, on_pre="v += 1", name="S")
    S.connect(j="k for k in range((int(i/group_size)+1)*group_size, "
                "(int(i/group_size)+2)*group_size) if i<N_pre-group_size")
    i, j = np.asarray(S.i[:]), np.asarray(S.j[:])
    assert len(S) == 30 * group_size
    np.testing.assert_array_equal(j // group_size, i // group_size + 1)


def test_a_float_constant_or_a_boolean_in_a_range_argument_is_refused(numpy_target):
    stop, flag = 10.0, True
    G = NeuronGroup(5, "v : 1", threshold="v > 1", name="G")
    for text in ("k for k in range(stop)", "k for k in range(flag, 4)"):
        S = Synapses(G, G, on_pre="v += 1")
        with pytest.raises(ConnectError, match="not an integer") as info:
            S.connect(j=text)
        assert info.value.code == "EQ162"
