"""Synaptic code and connect() strings that used to escape as TypeError, IndentationError
or UnboundLocalError: valid ones now run as in Brian2, invalid ones end in an EqsimError
naming the problem."""
import numpy as np
import pytest

from eqsim import EquationError, NeuronGroup, Synapses, ms, run, seed, start_scope

NEURONS = "dv/dt = -v/(10*ms) : 1\ntau : second (constant)"


# logic is checked on the NumPy target (tests/conftest.py); tests comparing targets choose
# their own
pytestmark = pytest.mark.usefixtures("numpy_target")


def neurons(n=3):
    return NeuronGroup(n, NEURONS, threshold="True", name="G")


def connections(seed_value, **kwargs):
    start_scope()
    seed(seed_value)
    G = neurons(20)
    S = Synapses(G, G, "w : 1")
    S.connect(**kwargs)
    return list(zip(S.i[:], S.j[:]))


def test_probability_given_as_a_constant_function_call_connects_like_the_number():
    by_call = connections(5, p="clip(0.5, 0, 1)")
    assert 100 < len(by_call) < 300  # about half of the 400 pairs
    assert by_call == connections(5, p=0.5)


@pytest.mark.parametrize("condition, count", [("int(2 < 1) == 1", 0), ("int(2 > 1) == 1", 9),
                                              ("clip(3, 0, 1) == 1", 9), ("abs(-1) > 2", 0)])
def test_constant_conditions_that_sympy_leaves_unevaluated_are_evaluated(condition, count):
    S = Synapses(neurons(), neurons(), "w : 1")
    S.connect(condition=condition)
    assert len(S) == count


def test_constant_number_of_synapses_per_pair_given_as_a_function_call():
    S = Synapses(neurons(2), neurons(2), "w : 1")
    S.connect(n="clip(2, 0, 5)")
    assert len(S) == 8


@pytest.mark.parametrize("code, name", [("t = 0*ms", "t"), ("_t += w", "_t"), ("dt = 1*ms", "dt"),
                                        ("i = 1", "i"), ("w += 1\nN = 2", "N")])
def test_pathway_code_assigning_simulator_values_is_refused_when_made(code, name):
    G = neurons()
    with pytest.raises(EquationError, match=f"Cannot assign to '{name}'") as info:
        Synapses(G, G, "w : 1", on_pre=code)
    assert info.value.code == "EQ109"
    assert info.value.line == code.count("\n") + 1


@pytest.mark.parametrize("code", ["tau_post = 1*ms", "tau = 1*ms", "w += 1\ntau_post = 2*ms"])
def test_pathway_code_cannot_overwrite_a_constant_postsynaptic_variable(code):
    G = neurons()
    S = Synapses(G, G, "w : 1", on_pre=code)
    S.connect()
    with pytest.raises(EquationError, match="'tau(_post)?' is constant") as info:
        run(0.1 * ms)
    assert info.value.code == "EQ802"
    assert info.value.line == code.count("\n") + 1


def test_pathway_writing_only_a_postsynaptic_variable_runs_without_synapses():
    G = neurons()
    S = Synapses(G, G, "w : 1", on_pre="v = 0")
    S.connect(condition="False")
    G.v = 1
    run(0.2 * ms)
    assert len(S) == 0 and np.all(G.v[:] > 0.9)


def test_pathway_writing_only_a_postsynaptic_variable_agrees_on_both_targets(both_targets):
    def simulate(target):
        start_scope()
        G = neurons()
        S = Synapses(G, G, "w : 1", on_pre="v_post = 0.5")
        S.connect(j="i")
        G.v = [1, 2, 3]
        run(0.2 * ms)
        return G.v[:].copy()
    numpy_v, cython_v = both_targets(simulate)
    np.testing.assert_array_equal(numpy_v, [0.5, 0.5, 0.5])  # set after this step's update
    np.testing.assert_array_equal(numpy_v, cython_v)


def test_cyclic_synaptic_subexpressions_are_reported_as_a_cycle():
    G = neurons()
    with pytest.raises(EquationError, match=r"cycle: a -> b -> a") as info:
        Synapses(G, G, "a = b : 1\nb = a : 1")
    assert info.value.code == "EQ128"


def test_pre_and_post_subexpressions_chained_more_than_ten_deep_are_substituted():
    chain = "\n".join(f"a{k} = a{k + 1} : 1" for k in range(12))
    G = NeuronGroup(2, chain + "\na12 = v : 1\ndv/dt = -v/(10*ms) : 1", threshold="True")
    G.v = 1
    S = Synapses(G, G, "w : 1", on_pre="w = a0_post + a0_pre")
    S.connect()
    run(0.1 * ms)
    np.testing.assert_allclose(S.w[:], 2 * np.exp(-0.1 / 10))


def test_procedural_pathway_writing_only_a_postsynaptic_variable_runs():
    G = NeuronGroup(3, "dv/dt = -v/(10*ms) : 1", threshold="True")
    S = Synapses(G, G, on_pre="v_post = 0.5")
    S.connect(p=1.0, procedural=True)
    G.v = 1
    run(0.2 * ms)
    np.testing.assert_array_equal(G.v[:], [0.5, 0.5, 0.5])
