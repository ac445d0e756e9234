"""get_states / set_states of groups and synapses: Brian2's names, values and errors (the
numbers are Brian2 2.9.0's for the same script; monitors: tests/monitors/
test_recorded_views.py)."""
import numpy as np
import pytest

from eqsim import EqsimError, NeuronGroup, Synapses, mV, ms, run, volt
from eqsim.core.state_dicts import ReadOnlyStateError, StateFormatError, StateNameError
from eqsim.units import Quantity, get_dimensions


def _network():
    G = NeuronGroup(4, '''dv/dt = -v/(10*ms) : volt
                          x : 1
                          sub = x + v/volt : 1
                          I = 1*volt - v : volt
                          sc : 1 (shared)
                          n : integer
                          c : 1 (constant)''', threshold='v > 2.5*volt', reset='v = 0*volt',
                    method='exact')
    G.v = 'i*volt'
    G.x = [0.5, 1.5, 2.5, 3.5]
    G.sc = 7
    S = Synapses(G, G, 'w : 1', on_pre='x += w', delay=1 * ms)
    S.connect(j='(i+1)%4')
    S.w = 'i*0.25'
    run(0.3 * ms)
    return G, S


def _plain(states):
    return {name: np.asarray(values).tolist() for name, values in states.items()}


V = [0.0, 0.9704455335485083, 1.9408910670970165, 0.0]  # Brian2's v after 0.3 ms


def test_a_group_gives_brian2s_names_and_values_with_the_clock_and_subexpressions(target):
    G, _ = _network()
    states = G.get_states(units=False, subexpressions=True)
    # Brian2 2.9.0, G.get_states(units=False, subexpressions=True)
    expected = {'I': [1.0, 0.029554466451491734, -0.9408910670970165, 1.0], 'N': 4,
                'c': [0.0] * 4, 'dt': 0.0001, 'i': [0, 1, 2, 3], 'n': [0, 0, 0, 0], 'sc': 7.0,
                'sub': [0.5, 2.4704455335485083, 4.4408910670970165, 3.5],
                't': 0.00030000000000000003, 't_in_timesteps': 3, 'v': V,
                'x': [0.5, 1.5, 2.5, 3.5]}
    assert sorted(states) == sorted(expected)
    for name, values in _plain(states).items():
        np.testing.assert_allclose(values, expected[name], rtol=1e-12, err_msg=name)
    # one value (N, t, a shared variable) is a 0-d array, as Brian2's np.array copies
    assert all(np.ndim(states[name]) == 0 for name in ("N", "t", "dt", "sc"))
    assert not any(isinstance(v, Quantity) for v in states.values())
    assert sorted(G.get_states(read_only_variables=False)) == ['c', 'n', 'sc', 'v', 'x']
    with_units = G.get_states(['I', 't'])
    assert get_dimensions(with_units['I']) == volt.dim
    assert float(with_units['t']) == pytest.approx(0.3e-3)


def test_a_subgroup_gives_its_part(numpy_target):
    G, _ = _network()
    part = G[1:3].get_states(['v', 'x', 'N'])
    np.testing.assert_allclose(np.asarray(part['v']), V[1:3])
    assert part['x'].tolist() == [1.5, 2.5] and part['N'] == 2


def test_subexpressions_resolve_their_external_names_level_frames_up(numpy_target):
    G = NeuronGroup(2, 'v : volt\nI = E - v : volt')

    def read():
        E = 3 * volt  # noqa: F841 (read by the subexpression)
        return G.get_states(['I'], units=False)['I']
    assert read().tolist() == [3.0, 3.0]

    def outer():
        E = 5 * volt  # noqa: F841

        def inner():
            return G.get_states(['I'], units=False, level=1)['I']
        return inner()
    assert outer().tolist() == [5.0, 5.0]


def test_synapses_give_brian2s_names_with_those_of_both_sides(target):
    _, S = _network()
    states = _plain(S.get_states(units=False))
    # Brian2 2.9.0, S.get_states(units=False) (no delay: it belongs to the pathway)
    expected = {'N': 4, 'N_incoming': [1, 1, 1, 1], 'N_outgoing': [1, 1, 1, 1], 'N_post': 4,
                'N_pre': 4, 'c': [0.0] * 4, 'c_post': [0.0] * 4, 'c_pre': [0.0] * 4,
                'dt': 0.0001, 'dt_post': 0.0001, 'dt_pre': 0.0001, 'i': [0, 1, 2, 3],
                'i_post': [1, 2, 3, 0], 'i_pre': [0, 1, 2, 3], 'j': [1, 2, 3, 0],
                'n': [0, 0, 0, 0], 'n_post': [0, 0, 0, 0], 'n_pre': [0, 0, 0, 0], 'sc': 7.0,
                'sc_post': 7.0, 'sc_pre': 7.0, 't': 0.00030000000000000003, 't_in_timesteps': 3,
                't_in_timesteps_post': 3, 't_in_timesteps_pre': 3,
                't_post': 0.00030000000000000003, 't_pre': 0.00030000000000000003,
                'v': [V[1], V[2], V[3], V[0]], 'v_post': [V[1], V[2], V[3], V[0]], 'v_pre': V,
                'w': [0.0, 0.25, 0.5, 0.75], 'x': [1.5, 2.5, 3.5, 0.5],
                'x_post': [1.5, 2.5, 3.5, 0.5], 'x_pre': [0.5, 1.5, 2.5, 3.5]}
    assert sorted(states) == sorted(expected)
    for name, values in states.items():
        np.testing.assert_allclose(values, expected[name], rtol=1e-12, err_msg=name)
    # the neurons' variables are read, not written, through the synapses here
    assert sorted(S.get_states(read_only_variables=False)) == ['w']


def test_set_states_writes_with_and_without_units_and_strings(numpy_target):
    G = NeuronGroup(3, 'v : volt\nx : 1')
    offset = 2 * mV  # noqa: F841 (read by the string value)
    G.set_states({'v': 'i*mV + offset', 'x': 4})
    np.testing.assert_allclose(G.v_[:], [2e-3, 3e-3, 4e-3])
    assert G.x[:].tolist() == [4.0, 4.0, 4.0]
    G.set_states({'v': [1.0, 2.0, 3.0]}, units=False)
    np.testing.assert_allclose(G.v_[:], [1.0, 2.0, 3.0])


def test_names_that_cannot_be_read_or_set_are_refused_as_brian2(numpy_target):
    G = NeuronGroup(2, 'v : volt\nI = 2*v : volt', name='grp')
    with pytest.raises(StateNameError, match="no variable 'w'") as unknown:
        G.get_states(['v', 'w'])
    assert isinstance(unknown.value, KeyError)  # Brian2: KeyError
    with pytest.raises(StateNameError):
        G.set_states({'w': 1})
    for name in ('N', 'i', 't', 'I'):  # Brian2: TypeError "Variable N is read-only."
        with pytest.raises(ReadOnlyStateError, match=f"'{name}' of 'grp' is read-only"):
            G.set_states({'v': 1 * volt, name: 1})
        assert G.v[:].tolist() == [0, 0]  # checked before anything is set
    for call in (lambda: G.get_states(format='pandas'),
                 lambda: G.set_states({'v': 1 * volt}, format='pandas')):
        with pytest.raises(StateFormatError) as caught:
            call()
        assert isinstance(caught.value, (NotImplementedError, EqsimError))
