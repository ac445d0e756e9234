"""store()/restore(), scopes, the magic run()'s object collection, name resolution in
model strings, and errors that leave nothing half-built."""
import numpy as np
import pytest

from eqsim import (DimensionMismatchError, EqsimError, EquationError, Network, NeuronGroup,
                   SpikeMonitor, StateMonitor, UnresolvedNameError, defaultclock, ms, restore, run,
                   second, seed, start_scope, store, volt)


def test_restore_in_memory_then_rerun_gives_identical_results(target, noisy_lif):
    seed(3)
    G = noisy_lif()
    S = SpikeMonitor(G, name="SL")
    M = StateMonitor(G, "v", record=True, name="ML")
    run(5 * ms)
    store()
    run(20 * ms)
    first = (S.i.copy(), S.t_.copy(), M.v.copy(), G.v_.copy())
    restore(restore_random_state=True)  # a plain restore() draws new noise (Brian2)
    assert defaultclock.t_ == pytest.approx(5e-3)
    assert M.v.shape == (3, 50)
    run(20 * ms)
    assert len(first[0]) > 3
    np.testing.assert_array_equal(first[0], S.i)
    np.testing.assert_array_equal(first[1], S.t_)
    np.testing.assert_array_equal(first[2], M.v)
    np.testing.assert_array_equal(first[3], G.v_)


def test_trials_from_one_stored_state_get_new_noise_unless_the_random_state_is_restored(
        target, noisy_lif):
    """Brian2: restore() leaves the generator going on, so trials differ;
    restore_random_state=True repeats a trial. A seeded script repeats all of it."""
    def trials():
        seed(3)
        G = noisy_lif()
        net = Network(G)
        net.store()
        out = []
        for replay in (False, False, True):
            net.restore(restore_random_state=replay)
            net.run(5 * ms)
            out.append(G.v_.copy())
        return out
    first, second, replayed = trials()
    assert not np.array_equal(first, second)
    np.testing.assert_array_equal(replayed, first)
    for a, b in zip(trials(), (first, second, replayed)):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("target", ["numpy"], indirect=True)  # the file format is target independent
def test_store_to_file_and_restore_in_a_new_network(target, tmp_path, noisy_lif):
    filename = str(tmp_path / "state.pkl")
    seed(3)
    G = noisy_lif()
    S = SpikeMonitor(G, name="SL")
    net = Network(G, S, name="stored")
    net.run(5 * ms)
    net.store("warm", filename=filename)
    net.run(20 * ms)
    expected = (S.i.copy(), S.t_.copy(), G.v_.copy())

    start_scope()
    seed(3)  # as when the script runs again: same seed, objects created in the same order
    G2 = noisy_lif()  # same names: the stored state fits
    S2 = SpikeMonitor(G2, name="SL")
    net2 = Network(G2, S2, name="stored")
    net2.restore("warm", filename=filename)
    assert net2.t_ == pytest.approx(5e-3)
    net2.run(20 * ms)
    np.testing.assert_array_equal(expected[0], S2.i)
    np.testing.assert_array_equal(expected[1], S2.t_)
    np.testing.assert_array_equal(expected[2], G2.v_)


def test_restore_of_unknown_name_raises():
    G = NeuronGroup(1, "v : 1", name="A")
    net = Network(G)
    with pytest.raises(EqsimError, match="nothing"):
        net.restore("nothing")


def test_start_scope_forgets_earlier_objects_and_time(target):
    old = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="A")
    run(1 * ms)
    start_scope()
    new = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="B")
    run(1 * ms)
    np.testing.assert_allclose(old.v_, 1e-3, rtol=1e-12)  # not run again
    np.testing.assert_allclose(new.v_, 1e-3, rtol=1e-12)  # time restarted at 0
    assert defaultclock.t_ == pytest.approx(1e-3)


def run_in_a_helper():
    inner = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="B")
    run(1 * ms)
    return inner


def test_magic_run_collects_objects_only_from_its_caller(target):
    outer = NeuronGroup(1, "dv/dt = 1/second : 1", method="euler", name="A")
    inner = run_in_a_helper()
    np.testing.assert_allclose(inner.v_, 1e-3, rtol=1e-12)
    assert outer.v_[0] == 0


def test_network_of_collect_holds_the_callers_objects():
    from eqsim import collect
    group = NeuronGroup(1, "dv/dt = 1/second : 1", threshold="v > 1", method="euler",
                        name="collected")
    monitor = SpikeMonitor(group, name="collected_spikes")
    net = Network(collect())
    assert {obj.name for obj in net.objects} >= {"collected", "collected_spikes"}
    net.run(1 * ms)
    np.testing.assert_allclose(group.v_, 1e-3, rtol=1e-12)
    assert monitor.num_spikes == 0


def test_magic_run_without_objects_only_advances_time(target):
    run(1 * ms)
    run(1 * ms)
    assert defaultclock.t_ == pytest.approx(2e-3)


def decay_with_external_tau(namespace=None):
    """One shape for the name resolution tests (one compiled module for all)."""
    G = NeuronGroup(1, "dv/dt = -v/tau : 1", method="exact", namespace=namespace, name="K")
    G.v = 1
    return G, StateMonitor(G, "v", record=0, name="MK")


def test_names_come_from_group_namespace_before_script_variables(target):
    tau = 1 * second  # a script variable the group's namespace must shadow
    G, M = decay_with_external_tau(namespace={"tau": 10 * ms})
    run(1 * ms)
    np.testing.assert_allclose(G.v_, np.exp(-0.1), rtol=1e-12)


def test_script_variables_are_read_at_each_run(target):
    G, M = decay_with_external_tau()
    tau = 10 * ms
    run(1 * ms)
    tau = 5 * ms
    run(1 * ms)
    np.testing.assert_allclose(G.v_, np.exp(-0.1 - 0.2), rtol=1e-12)


def test_run_namespace_replaces_script_variables(target):
    G, M = decay_with_external_tau()
    tau = 1 * second
    run(1 * ms, namespace={"tau": 10 * ms})
    np.testing.assert_allclose(G.v_, np.exp(-0.1), rtol=1e-12)


def test_unknown_name_raises_naming_it_and_leaves_the_network_unchanged(target):
    G, M = decay_with_external_tau()
    with pytest.raises(UnresolvedNameError, match="'tau'"):
        run(1 * ms)
    assert len(M.t) == 0 and G.v_[0] == 1
    tau = 10 * ms
    run(1 * ms)
    np.testing.assert_allclose(M.t_, np.arange(10) * 1e-4, atol=1e-15)
    np.testing.assert_allclose(M.v[0], np.exp(-M.t_ / 10e-3), rtol=1e-12)


def test_dimension_error_in_model_is_raised_at_run_without_running():
    G = NeuronGroup(1, "dv/dt = -v/tau : volt", method="exact", name="D")
    G.v = 1 * volt
    tau = 5  # dimensionless: v/tau is not volt/second
    with pytest.raises(DimensionMismatchError):
        run(1 * ms)
    assert G.v_[0] == 1


def test_bad_equation_raises_and_leaves_no_object():
    created = NeuronGroup(1, "v : 1")
    number = int(created.name.rpartition("_")[2] or 0) if created.name != "neurongroup" else 0
    with pytest.raises(EquationError):
        bad = NeuronGroup(1, "dv/dt = -v/(10*ms) : 1 : 1")
    with pytest.raises(EquationError):
        bad = NeuronGroup(1, "dv/dt = -v/(10*ms) : 1", threshold="v >")
    with pytest.raises(EquationError):
        bad = NeuronGroup(1, "dv/dt = -v/(10*ms) : 1", reset="v = = 0")
    assert "bad" not in locals()
    after = NeuronGroup(1, "v : 1")
    assert after.name == f"neurongroup_{number + 1}"  # no name was used up by the failures
    run(0.1 * ms)  # nothing half-built is collected


def test_reset_of_unknown_variable_is_an_equation_error():
    G = NeuronGroup(1, "v : 1", threshold="v > 1", reset="w = 0", name="D")
    with pytest.raises(EquationError, match="w"):
        run(0.1 * ms)
