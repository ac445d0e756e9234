"""G.v and G.I as views: the unit, subexpressions with string indices, as Brian2's
VariableView."""
import numpy as np
import pytest
from numpy.testing import assert_equal

from eqsim import (DimensionMismatchError, NeuronGroup, Quantity, SpikeGeneratorGroup,
                   SpikeMonitor, Synapses, Unit, linked_var, mV, ms, run, second, volt)
from eqsim.groups.group import StateError
from eqsim.groups.variable_view import VariableView
from eqsim.units import get_dimensions


def _group():
    G = NeuronGroup(5, 'v : volt\nx : 1\nI = 2*v : volt')
    G.v = np.arange(5) * volt
    return G


def test_unit_is_the_unscaled_unit_of_the_variable(numpy_target):
    G = _group()
    G.v = 3 * mV
    assert G.v.unit == volt and G.I.unit == volt
    # Brian2 2.9.0 gives radian for a dimensionless variable (its first unit of dimension
    # 1) and Unit(1) for G.v_; Unit(1) here for both
    assert G.v_.unit == Unit(1) and G.x.unit == Unit(1)


def test_a_subexpression_is_a_view_indexed_by_strings_and_numbers(numpy_target):
    G = _group()
    assert isinstance(G.I, VariableView) and isinstance(G.I_, VariableView)
    # Brian2 2.9.0: G.I["i>2"] -> [6. 8.] V, G.I_['i >= 3'] -> [6. 8.], G.I[2] -> 4. V
    np.testing.assert_allclose(np.asarray(G.I["i>2"]), [6, 8])
    assert get_dimensions(G.I["i>2"]) == volt.dim
    assert G.I_['i >= 3'].tolist() == [6.0, 8.0]
    assert float(G.I[2]) == 4.0 and np.ndim(G.I[2]) == 0
    np.testing.assert_allclose(np.asarray(G.I[1:3] / volt), [2, 4])
    # Brian2 2.9.0: G.v_["v >= 3*volt"] -> [3. 4.]
    assert G.v_["v >= 3*volt"].tolist() == [3.0, 4.0]
    with pytest.raises(StateError, match="cannot be assigned"):
        G.I[0] = 1 * volt


def test_a_subexpression_reads_external_names_where_it_is_read(numpy_target):
    G = NeuronGroup(2, 'v : volt\nI = E - v : volt')

    def read():
        E = 3 * volt  # noqa: F841 (read by the subexpression)
        view = G.I
        return np.asarray(view), view["i > 0"]
    whole, part = read()
    assert whole.tolist() == [3.0, 3.0] and np.asarray(part).tolist() == [3.0]


def test_a_subexpression_view_can_be_linked_to(numpy_target):
    G = _group()
    H = NeuronGroup(5, 'l : volt (linked)')
    H.l = linked_var(G.I)
    # Brian2 2.9.0: [0. 2. 4. 6. 8.] V
    np.testing.assert_allclose(np.asarray(H.l[:]), [0, 2, 4, 6, 8])


def test_views_nested_in_numpy_arguments_read_as_their_values(numpy_target):
    G = _group()
    G.x = [3, 1, 2, 0, 4]
    # np.lexsort((view, keys)) recursed forever through __array_function__
    assert np.lexsort((G.x, [0, 0, 0, 1, 1])).tolist() == [1, 2, 0, 3, 4]
    assert np.concatenate([G.x, G.x]).tolist() == [3, 1, 2, 0, 4] * 2
    assert not hasattr(G.I, "_eqsim_function")  # private names are the view's, not read


def test_a_synaptic_subexpression_reads_names_where_it_is_indexed(numpy_target):
    G = NeuronGroup(2, 'v : 1')
    S = Synapses(G, G, 'w : 1\nsw = w*c : 1')
    S.connect()
    S.w = 'i + j'

    def read():
        c = 3  # noqa: F841 (read by the subexpression)
        return S.sw[:].tolist(), S.sw['i > 0'].tolist(), np.asarray(S.sw).tolist()
    assert read() == ([0, 3, 3, 6], [3, 6], [0, 3, 3, 6])


def test_asanyarray_keeps_the_units_and_asarray_gives_plain_numbers(numpy_target):
    # Brian2 2.9.0: np.asanyarray(G.v) is a Quantity ([1, 2, 3] mV), np.asarray(G.v)
    # and np.array(G.v) plain arrays in volt; dimensionless variables stay plain
    G = NeuronGroup(3, 'v : volt\nx : 1')
    G.v = [1, 2, 3] * mV
    quantity = np.asanyarray(G.v)
    assert get_dimensions(quantity) is volt.dim and np.allclose(quantity / mV, [1, 2, 3])
    for plain in (np.asarray(G.v), np.array(G.v), np.asarray(G.v, dtype=np.float32)):
        assert type(plain) is np.ndarray and np.allclose(plain, [0.001, 0.002, 0.003])
    assert type(np.asanyarray(G.x)) is np.ndarray and type(np.asanyarray(G.v_)) is np.ndarray


def test_in_place_arithmetic_on_a_view_changes_the_variable(target):
    # Brian2 2.9.0: v = G.v; v += 1*mV writes G.v (v stays the view); eqsim rebound v to
    # a new Quantity and left G.v unchanged. Wrong units and strings are refused.
    G = NeuronGroup(3, 'v : volt\nx : 1')
    G.v = [1, 2, 3] * mV
    G.x = [1, 2, 3]
    v = G.v
    v += 1 * mV
    assert isinstance(v, VariableView) and np.allclose(G.v[:] / mV, [2, 3, 4])
    x = G[1:].x
    x *= 2
    x -= 1
    x **= 2
    assert np.allclose(G.x[:], [1, 9, 25])
    raw = G.v_
    raw /= 2
    assert np.allclose(G.v[:] / mV, [1, 1.5, 2])
    with pytest.raises(DimensionMismatchError):
        v += 1 * second
    with pytest.raises(TypeError):
        v += '1*mV'
    assert np.allclose(G.v[:] / mV, [1, 1.5, 2])


def test_get_item_and_set_item_are_brian2s_indexing_methods(numpy_target):
    # Brian2 2.9.0 VariableView.get_item/set_item: as G.v[item] (= value), names in
    # strings resolve in the caller's frame; a shared variable refuses an index
    G = NeuronGroup(4, 'v : volt\nf : 1 (shared)')
    offset = 2 * mV
    G.v.set_item('i > 1', 'offset + i*mV')
    assert np.allclose(G.v.get_item(slice(None)) / mV, [0, 0, 4, 5])
    assert np.allclose(G.v.get_item('v > offset') / mV, [4, 5])
    with pytest.raises(ValueError):  # Brian2: ValueError (two values for one)
        G.f.set_item(slice(None), [0, 1])
    with pytest.raises(IndexError):  # Brian2: IndexError
        G.f.set_item(0, 1)


def test_numpy_testing_compares_a_stored_quantity_with_a_monitor_view(target):
    # Brian2 test_store_restore_to_file_new_objects compares Quantity(mon.t, copy=True) with
    # mon.t through numpy.testing.assert_equal: np.asanyarray of a view keeps the units
    # there (Brian2 2.9.0 passes); a plain array of seconds made it a DimensionMismatchError
    source = SpikeGeneratorGroup(2, [0, 1, 0], [0, 1, 3] * ms)
    monitor = SpikeMonitor(source)
    run(5 * ms)
    stored = Quantity(monitor.t, copy=True)
    assert_equal(stored, monitor.t)
    assert isinstance(np.asanyarray(monitor.t), Quantity)
    assert type(np.asarray(monitor.t)) is np.ndarray
    np.testing.assert_array_equal(np.asarray(monitor.t), [0, 0.001, 0.003])
    group = NeuronGroup(2, "v : volt")
    group.v = [1, 2] * mV
    assert_equal(Quantity([1, 2] * mV), group.v)
    with pytest.raises(AssertionError):
        assert_equal(Quantity([1, 3] * mV), group.v)
