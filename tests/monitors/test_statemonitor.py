"""StateMonitor on both targets: which elements, which variables, when and how often."""
import numpy as np
import pytest

from eqsim import EqsimError, NeuronGroup, StateMonitor, ms, run, second
from eqsim.errors import RecordIndexError
from eqsim.units import get_dimensions

MODEL = """dv/dt = (I - v)/tau : 1
I : 1
tau : second (constant)
w = 2*v + I : 1"""


def charging_group():
    G = NeuronGroup(4, MODEL, method="exact", name="C")
    G.I = [0, 1, 2, 3]
    G.tau = 10 * ms
    return G


def analytic(I, t):
    return np.outer(I, 1 - np.exp(-np.asarray(t) / 10e-3))


def record_everything():
    """One network with every monitor the tests below look at (one compiled module).

    Runs 5 ms twice, so every monitor also shows that recording continues over runs.
    """
    G = charging_group()
    # run() collects the script's variables (not the contents of containers)
    all_ = StateMonitor(G, "v", record=True, name="MA")
    listed = StateMonitor(G, ["v", "w"], record=[1, 3], name="ML")
    nothing = StateMonitor(G, "v", record=False, name="MF")
    sparse = StateMonitor(G, "v", record=[2], dt=1 * ms, name="MT")
    end = StateMonitor(G, "v", record=[3], when="end", name="ME")
    every = StateMonitor(G, True, record=[0, 2], name="MV")
    sub = StateMonitor(G[2:4], "v", record=[1], name="MG")
    monitors = {"all": all_, "listed": listed, "nothing": nothing, "sparse": sparse, "end": end,
                "every": every, "sub": sub}
    run(5 * ms)
    run(5 * ms)
    return monitors


def test_record_true_gives_every_element_at_every_step(target):
    M = record_everything()["all"]
    np.testing.assert_allclose(np.asarray(M.t), np.arange(100) * 1e-4, atol=1e-15)
    assert get_dimensions(M.t) == second.dim
    assert M.v.shape == (4, 100)
    # recorded at 'start': the value before the step's update
    np.testing.assert_allclose(M.v, analytic([0, 1, 2, 3], M.t_), rtol=1e-12, atol=1e-15)


def test_record_list_selects_elements_and_indexing_by_element(target):
    M = record_everything()["listed"]
    assert M.v.shape == (2, 100)
    np.testing.assert_allclose(M.v[1], analytic([3], M.t_)[0], rtol=1e-12)
    np.testing.assert_array_equal(M[3].v, M.v[1])
    np.testing.assert_array_equal(M[1].w, 2 * M.v[0] + 1)  # a subexpression
    with pytest.raises(EqsimError):
        M[0]


def test_record_false_records_times_but_no_values(target):
    M = record_everything()["nothing"]
    assert len(M.t) == 100
    assert M.v.shape == (0, 100)


def test_monitor_dt_records_at_its_own_interval(target):
    M = record_everything()["sparse"]
    np.testing.assert_allclose(np.asarray(M.t), np.arange(10) * 1e-3, atol=1e-15)
    np.testing.assert_allclose(M.v[0], analytic([2], M.t_)[0], rtol=1e-12)


def test_when_end_sees_values_after_the_update(target):
    monitors = record_everything()
    start, end = monitors["listed"], monitors["end"]
    np.testing.assert_allclose(end.v[0][:-1], start.v[1][1:], rtol=1e-14)
    np.testing.assert_allclose(end.v[0], analytic([3], end.t_ + 1e-4)[0], rtol=1e-12)


def test_recording_all_variables_includes_parameters_and_subexpressions(target):
    M = record_everything()["every"]
    assert set(M.record_variables) == {"v", "I", "tau", "w"}  # Brian2: equations.names
    np.testing.assert_allclose(M.w, 2 * M.v + M.I, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(M.v, analytic([0, 2], M.t_), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(M.I, [[0] * 100, [2] * 100])
    np.testing.assert_allclose(np.asarray(M.tau), 10e-3)


def test_monitor_on_subgroup_counts_elements_from_the_subgroup_start(target):
    M = record_everything()["sub"]
    np.testing.assert_array_equal(M.record, [1])
    np.testing.assert_allclose(M.v[0], analytic([3], M.t_)[0], rtol=1e-12)


def test_unknown_variable_or_index_is_refused():
    G = charging_group()
    with pytest.raises(EqsimError, match="x"):
        StateMonitor(G, "x", record=True)
    with pytest.raises(IndexError, match=r"\[0, 3\]") as error:  # Brian2 2.9.0: IndexError
        StateMonitor(G, "v", record=[4])
    assert error.value.code == "EQ241"


@pytest.mark.parametrize("record", [[6], [-1]])
def test_record_indices_outside_a_subgroup_are_an_index_error(record):
    G = NeuronGroup(10, "v : 1", name="G")
    with pytest.raises(RecordIndexError, match=r"\[0, 5\]") as info:
        StateMonitor(G[2:8], "v", record=record)  # Brian2: IndexError, range [0, 5]
    assert isinstance(info.value, IndexError) and info.value.code == "EQ241"


@pytest.mark.parametrize("record", ["abc", [0.5], [True, False], 2.0])
def test_record_that_is_neither_a_flag_nor_indices_is_an_eqsim_error(record):
    G = NeuronGroup(2, "v : 1")
    with pytest.raises(EqsimError, match="record must be"):
        StateMonitor(G, "v", record=record)


def test_indexing_by_lists_groups_and_synapses_gives_brian2s_rows(numpy_target):
    """Brian2 2.9.0: ``M[[0, 2]].v``, ``M[G[1:3]].v`` and ``M[S[1, :]].w`` are one row per
    element, in the order asked; ``M[k]`` and ``M[S[k]]`` one row; unrecorded elements an
    IndexError, other objects a TypeError."""
    from eqsim import SpikeGeneratorGroup, Synapses
    G = NeuronGroup(4, "dv/dt = (i - v)/(5*ms) : 1", method="exact")
    every, two = StateMonitor(G, "v", record=True), StateMonitor(G, "v", record=[3, 1])
    source = SpikeGeneratorGroup(3, [0, 1, 2, 0], [1, 2, 3, 5] * ms)
    S = Synapses(source, G, "w : 1", on_pre="w += 0.1*(i + 1)")
    S.connect()
    S.w = "i - j"
    weights = StateMonitor(S, "w", record=True)
    run(2 * ms)
    np.testing.assert_allclose(every[[0, 2]].v[:, -1], [0, 0.6323], atol=1e-4)
    np.testing.assert_allclose(every[G[1:3]].v[:, -1], [0.3161, 0.6323], atol=1e-4)
    np.testing.assert_allclose(two[[1, 3]].v[:, -1], [0.3161, 0.9484], atol=1e-4)
    np.testing.assert_allclose(every[G].v[:, -1], [0, 0.3161, 0.6323, 0.9484], atol=1e-4)
    assert every[G[3]].v.shape == (1, 20) and every[np.int64(1)].v.shape == (20,)
    assert weights[S[0]].w.shape == (20,) and weights[S[2, 1]].w.shape == (1, 20)
    np.testing.assert_allclose(weights[S[1, :]].w[:, -1], [1, 0, -1, -2])
    with pytest.raises(IndexError, match="not recorded"):
        two[[0]]
    with pytest.raises(TypeError):
        every[1.0]
    with pytest.raises(TypeError, match="not part of"):
        every[NeuronGroup(4, "x : 1")[0:2]]
