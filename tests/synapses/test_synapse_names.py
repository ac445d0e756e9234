"""Names in synaptic code as Brian2 resolves them: unsuffixed postsynaptic names, typos
with hints that point at the model's own names, and a string delay refused clearly."""
import numpy as np
import pytest

from eqsim import (EquationError, Network, NeuronGroup, StateMonitor, Synapses,
                   UnresolvedNameError, ms, mV)


def _group():
    return NeuronGroup(3, """dv/dt = (ge - v)/tau_m : volt
                             dge/dt = -ge/(5*ms) : volt""", method="euler", threshold="v > 10*mV",
                       reset="v = 0*mV", namespace={"tau_m": 10 * ms})


@pytest.mark.parametrize("code, suggested", [("gee_post += 1*mV", "ge_post"),
                                             ("ge_pst += 1*mV", "ge_post"),
                                             ("ge_post += gee_pre", "ge_pre"),
                                             ("ge += um*tau_mm/ms", "tau_m")])
def test_a_typo_is_answered_with_the_models_name_first_and_each_name_once(code, suggested):
    G = _group()
    S = Synapses(G, G, on_pre=code, namespace={"tau_m": 10 * ms, "um": 1e-6})
    S.connect(i=0, j=1)
    with pytest.raises(UnresolvedNameError) as error:
        Network(G, S).run(0.1 * ms)
    hint = error.value.hint
    assert hint.startswith(f"did you mean {suggested}")
    names = hint[len("did you mean "):].rstrip("?").split(", ")
    assert len(names) == len(set(names))
    assert not {"get_state", "getp", "geterr", "get"} & set(names)  # functions, not values


def test_a_string_delay_for_synapses_is_a_clear_error_naming_the_pathway():
    G = _group()
    with pytest.raises(EquationError, match="delay of the 'p2' pathway must be a time") as error:
        Synapses(G, G, on_pre={"pre": "v += 1*mV", "p2": "v += 2*mV"},
                 delay={"p2": "1*ms"})
    assert "S.p2.delay = '1*ms'" in error.value.hint


def test_unsuffixed_postsynaptic_names_work_in_code_conditions_and_reads(target):
    P = NeuronGroup(2, "v : 1", threshold="True")
    Q = NeuronGroup(3, "y : 1\nz : 1\nhalf = y/2 : 1")
    Q.y = [10, 20, 30]
    S = Synapses(P, Q, "w : 1", on_pre="z += w + half")
    S.connect("y > 15")  # depends on j, as y_post would
    S.w = "y"
    M = StateMonitor(S, "half", record=True)
    Network(P, Q, S, M).run(0.2 * ms)
    np.testing.assert_array_equal(S.j[:], [1, 2, 1, 2])
    np.testing.assert_array_equal(S.y[:], S.y_post[:])
    np.testing.assert_allclose(Q.z[:], [0, 2 * 2 * 30, 2 * 2 * 45])
    np.testing.assert_allclose(M.half[:, -1], [10, 15, 10, 15])


@pytest.mark.parametrize("side", ["pre", "post"])
def test_a_synaptic_variable_named_as_a_neuron_variable_is_refused_as_in_brian2(side):
    """Brian2 2.9.0 raises ValueError ("rename the synaptic variable"): 'w' in a statement
    could mean either. lastupdate and summed variables may share a name."""
    P = NeuronGroup(1, "v : 1" + ("\nw : 1" if side == "pre" else ""), threshold="True")
    Q = NeuronGroup(1, "z : 1" + ("\nw : 1" if side == "post" else ""))
    with pytest.raises(ValueError, match=f"{side}synaptic variable 'w'") as info:
        Synapses(P, Q, "w : 1", on_pre="z += w")
    assert info.value.code == "EQ145" and "w_syn" in info.value.hint
    Synapses(P, Q, "w_syn : 1\nz_post = w_syn : 1 (summed)", on_pre="z += w_syn")


def _pre_post_product(constant_in_model, **namespace):
    """w integrates F_pre*F_post, F a neuron subexpression with or without an external name."""
    G = NeuronGroup(2, f"""F = 1/(1 + exp({constant_in_model} - u)) : 1
                            du/dt = -u/(10*ms) : 1""", threshold="u > 0.5", reset="u = 0",
                    namespace=namespace)
    G.u = [0, 1]
    S = Synapses(G, G, "dw/dt = F_pre*F_post/(10*ms) : 1 (clock-driven)",
                 on_pre="w += F_pre", method="euler", namespace=namespace)
    S.connect()
    Network(G, S).run(1 * ms)
    return S.w[:]


def test_an_external_constant_in_a_pre_or_post_subexpression_keeps_its_own_name(numpy_target):
    # Tetzlaff_2015: F_pre with F = ...epsilon... must not look up 'epsilon_pre'
    np.testing.assert_allclose(_pre_post_product("eps", eps=0.5), _pre_post_product("0.5"))
    assert _pre_post_product("eps", eps=0.5)[0] != 0


def test_raw_synaptic_values_and_neuron_values_through_synapses_are_written(numpy_target):
    """Brian2: S.w_[:] = 5 writes (it changed a copy, silently); S.v_post[:] = 6*volt
    writes the target neurons' v (Brian2 2.9.0: [6, 6, 6] volt; eqsim raised a read-only
    error), S.v_post_ takes base units."""
    G = NeuronGroup(3, "v : volt")
    S = Synapses(G, G, "w : volt")
    S.connect(j="i")
    S.w_[:] = 5
    np.testing.assert_allclose(np.asarray(S.w_), [5, 5, 5])
    S.w_[1:] = np.arange(2.0)
    np.testing.assert_allclose(np.asarray(S.w_), [5, 0, 1])
    S.w_ = "i"  # an expression in base units (Brian2: [0, 1, 2] volt)
    np.testing.assert_allclose(np.asarray(S.w_), [0, 1, 2])
    from eqsim import volt
    S.v_post[:] = 6 * volt
    np.testing.assert_allclose(np.asarray(G.v_), [6, 6, 6])
    S.v_post_[1:] = 2
    S.v_pre_ = "w/volt"  # base units, unchecked
    np.testing.assert_allclose(np.asarray(G.v_), [0, 1, 2])


def test_a_model_may_declare_and_write_its_own_lastupdate(target):
    """Brian2's test_event_driven writes STDP by hand with 'lastupdate : second' (it was a
    built-in name there); Brian2 2.9.0: w = 0.00529465, lastupdate = 2.1 ms. Only the
    model's statements write it."""
    from eqsim import Hz, run
    G = NeuronGroup(1, "dv/dt = 1000*Hz : 1", threshold="v>1", reset="v=0")
    S = Synapses(G, G, "w : 1\nApre : 1\nlastupdate : second",
                 on_pre="""Apre = Apre*exp((lastupdate - t)/(20*ms)) + 0.0001
                           w = w + Apre
                           lastupdate = t""")
    S.connect()
    S.w = 0.005
    run(3 * ms)
    np.testing.assert_allclose(S.w[:], [0.00529465], rtol=1e-6)
    np.testing.assert_allclose(S.lastupdate_[:], [2.1e-3])
    kept = Synapses(G, G, "marker : second", on_pre="marker = 1*second")
    kept.connect()
    assert "lastupdate" not in kept.variables


def test_setting_a_synaptic_variable_before_connect_is_refused_as_in_brian2(numpy_target):
    """Brian2 2.9.0: TypeError 'you need to call connect(...) first' (eqsim set nothing,
    and the synapses made later had 0). After a connect() that made none, it is allowed."""
    from eqsim.errors import NotConnectedError
    G = NeuronGroup(3, "v : 1", threshold="v > 1", reset="")
    S = Synapses(G, G, "w : 1\nsw : 1 (shared)", on_pre="v += w")
    for name in ("w", "sw"):
        with pytest.raises(TypeError, match="before connect") as info:
            setattr(S, name, 1)
        assert isinstance(info.value, NotConnectedError) and info.value.code == "EQ166"
    S.connect(p=0)
    S.w = 1
    S.connect(j="i")
    S.w = 2
    assert S.w[:].tolist() == [2, 2, 2]
    after_false = Synapses(G, G, "w : 1", on_pre="v += w")
    after_false.connect(False)  # Brian2: connect() was called, so the write is allowed
    after_false.w = 1


def test_a_run_with_pathways_that_were_never_connected_is_refused_as_in_brian2(target):
    """Brian2 2.9.0: TypeError "Synapses object ... does not do anything, since it has not
    created synapses with 'connect'" when the run starts (eqsim ran it, doing nothing)."""
    from eqsim.errors import BrianObjectException, NotConnectedError
    G = NeuronGroup(3, "v : 1", threshold="v > 1", reset="")
    S = Synapses(G, G, "w : 1", on_post="v += w", name="never")
    net = Network(G, S)
    with pytest.raises(TypeError, match="connect\\(\\) was never called") as info:
        net.run(0 * ms)
    assert isinstance(info.value, NotConnectedError) and info.value.code == "EQ166"
    assert isinstance(info.value, BrianObjectException) and "active = False" in info.value.hint
    S.active = False  # Brian2's way to leave it out of a run
    net.run(0.1 * ms)
    S.active = True
    S.connect(False)  # connected, to nothing
    net.run(0.1 * ms)
    quiet = Synapses(G, G, "dw/dt = -w/ms : 1 (clock-driven)")  # no pathway: runs
    Network(G, quiet).run(0.1 * ms)


def test_a_delay_for_a_pathway_that_does_not_exist_is_refused_as_in_brian2():
    """Brian2 2.9.0: ValueError "Cannot set the delay for pathway 'pre': unknown pathway"
    (eqsim took delay= without on_pre and dropped it)."""
    from eqsim.errors import PathwayError
    G = NeuronGroup(3, "v : 1", threshold="v > 1", reset="")
    for arguments in (dict(delay=5 * ms), dict(on_post="v += 1", delay=5 * ms),
                      dict(on_pre="v += 1", delay={"post": 1 * ms})):
        with pytest.raises(ValueError, match="not a pathway") as info:
            Synapses(G, G, "w : 1", **arguments)
        assert isinstance(info.value, PathwayError) and info.value.code == "EQ184"
    assert "on_pre=" in info.value.hint or "pathways" in info.value.hint
    S = Synapses(G, G, "w : 1", on_pre="v += 1", delay={"pre": None})
    assert len(S.pathways) == 1


def test_a_pathway_from_a_group_without_threshold_is_refused_as_in_brian2():
    """Brian2 2.9.0: ValueError at Synapses() ("does not define an event 'spike'"); the
    pathway would never act."""
    H = NeuronGroup(3, "v : 1")
    with pytest.raises(ValueError, match="no threshold") as info:
        Synapses(H, H, on_pre="v += 1")
    assert isinstance(info.value, EquationError) and info.value.code == "EQ184"
    assert "threshold=" in info.value.hint
    Synapses(H, H, "w : 1")  # no pathway: fine


@pytest.mark.parametrize("side", ["pre", "post"])
def test_old_and_new_pathway_arguments_together_are_refused_as_in_brian2(side):
    G = NeuronGroup(3, "v : 1", threshold="v > 1", reset="")
    with pytest.raises(TypeError, match=f"both {side}= and on_{side}=") as info:
        Synapses(G, G, **{side: "v += 1", f"on_{side}": "v += 2"})
    assert isinstance(info.value, EquationError) and info.value.code == "EQ193"
    assert len(Synapses(G, G, **{side: "v += 1"}).pathways) == 1
