"""Setting an integer variable from Python: values it cannot hold are refused on both
targets (kernels instead saturate: see tests/codegen/test_numbers.py)."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Synapses, prefs
from eqsim.groups.group import StateError


@pytest.mark.parametrize("value", [3e9, "3e9", -3e9, 2 ** 31, "2**31", np.nan, "1e308*10",
                                   [1, 3e9]])
def test_values_an_integer_variable_cannot_hold_are_refused(target, value):
    group = NeuronGroup(2, "n : integer")
    group.n = 7
    with pytest.raises(StateError, match="integer variable 'n'") as error:
        group.n = value
    assert "[-2147483648, 2147483647]" in str(error.value)
    assert list(group.n_[:]) == [7, 7]  # nothing half-written


@pytest.mark.parametrize("value, stored", [(2 ** 31 - 1, 2 ** 31 - 1), (-(2 ** 31), -(2 ** 31)),
                                           (2.7, 2), (-2.7, -2), ("5/2", 2)])
def test_values_in_range_are_stored_truncated_towards_zero(target, value, stored):
    group = NeuronGroup(2, "n : integer")
    group.n = value
    assert list(group.n_[:]) == [stored, stored]


@pytest.fixture
def compiled_assignments():
    """String assignments to synapses take the compiled path (cython) from 1 synapse."""
    previous = prefs["codegen.cython.compiled_assignment_size"]
    prefs["codegen.cython.compiled_assignment_size"] = 1
    yield
    prefs["codegen.cython.compiled_assignment_size"] = previous


def test_synaptic_integer_string_assignment_is_range_checked(target, compiled_assignments):
    group = NeuronGroup(4, "v : 1")
    syn = Synapses(group, group, "k : integer")
    syn.connect()
    with pytest.raises(StateError, match="integer variable 'k'"):
        syn.k = "3e9 + i"
    assert not syn.k_[:].any()
    syn.k = "i - j"
    assert np.array_equal(syn.k_[:], syn.i[:] - syn.j[:])
