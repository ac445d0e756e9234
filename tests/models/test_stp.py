"""Short-term plasticity (``STP``, pre-aligned) and BrainPy's ``brainpy.synapses`` form of
a projection: what they build, the Tsodyks-Markram jumps, and what they refuse without
leaving anything behind. BrainPy's traces: tests/reference/test_brainpy_dualexp.py."""
import numpy as np
import pytest

from eqsim import Network, SpikeGeneratorGroup, StateMonitor, ms, mV, nA, run
from eqsim.models import (CUBA, LIF, STP, DualExponential, Expon, IJConn, ModelParameterError,
                          One2One, Projection, ProjectionError)


def _variables(group):
    return set(group.variables), set(group.namespace), list(group.contained_objects)


def test_stp_state_lives_on_the_presynaptic_neurons_and_follows_tsodyks_markram(numpy_target):
    pre = LIF(1, V_initializer=0., name="pre")
    post = LIF(1, V_th=1e9, name="post")
    pre.I = 30 * nA  # regular firing
    Projection(pre, post, One2One(weight=1.0), syn=Expon(tau=5.), out=CUBA(),
               stp=STP(U=0.3, tau_f=20., tau_d=50.), name="P")
    monitor = StateMonitor(pre, ["u_P", "x_P", "V"], record=0, when="end", name="M")
    run(60 * ms)
    u, x, v = (np.asarray(getattr(monitor, name)[0]) for name in ("u_P", "x_P", "V"))
    spikes = np.nonzero(np.diff(v) < -0.01)[0] + 1
    assert len(spikes) >= 3
    decay_u, decay_x = np.exp(-0.1 / 20.), np.exp(-0.1 / 50.)
    for step in spikes:  # a spike at step n acts in step n (one step ahead of BrainPy's)
        u_minus, x_minus = u[step - 1] * decay_u, 1 - (1 - x[step - 1]) * decay_x
        u_plus = u_minus + 0.3 * (1 - u_minus)
        np.testing.assert_allclose(u[step], u_plus, rtol=1e-12)
        np.testing.assert_allclose(x[step], x_minus - u_plus * x_minus, rtol=1e-12)
    quiet = spikes[0] - 1  # between spikes u decays to 0 and x recovers to 1
    np.testing.assert_allclose(u[1:quiet], u[:quiet - 1] * decay_u, rtol=1e-12)
    np.testing.assert_allclose(x[:quiet], 1.0)


def test_failed_connection_leaves_post_unchanged_and_the_name_free(numpy_target):
    pre, post = LIF(2, name="pre"), LIF(2, name="post")
    before = _variables(post), _variables(pre)
    with pytest.raises(Exception, match="postsynaptic"):
        Projection(pre, post, IJConn([0], [5]), stp=STP(), name="P")
    assert (_variables(post), _variables(pre)) == before
    Projection(pre, post, IJConn([0], [1]), stp=STP(), name="P")
    assert "g_P" in post.variables and "u_P" in pre.variables


def test_stp_from_a_group_without_model_state_is_refused_before_anything_is_built(numpy_target):
    source = SpikeGeneratorGroup(1, [0], [1 * ms], name="src")
    post = LIF(1, name="post")
    before = _variables(post)
    with pytest.raises(ProjectionError, match="stp= keeps u and x on the presynaptic"):
        Projection(source, post, One2One(weight=1.0), stp=STP(), name="P")
    assert _variables(post) == before


def test_stp_refuses_unknown_parameters_and_wrong_units(numpy_target):
    with pytest.raises(ModelParameterError, match="STP has no parameter 'tau'"):
        STP(tau=10.)
    with pytest.raises(ModelParameterError, match="'tau_f' must be in"):
        STP(tau_f=5 * mV)


def test_brainpy_synapse_form_builds_a_projection_with_g_max_as_weight(numpy_target):
    pre, post = LIF(2, name="pre"), LIF(3, name="post")
    projection = DualExponential(pre, post, IJConn([0, 1], [2, 0]), g_max=4.0,
                                 tau_decay=6., stp=STP(U=0.5), comp_method="sparse", name="syn")
    assert isinstance(projection, Projection)
    assert projection.comm.weight == 4.0 and projection.syn.values["tau_decay"] == 6 * ms
    assert isinstance(projection.out, CUBA)  # BrainPy's default output in this form
    assert list(projection.synapses.j) == [2, 0]
    assert float(pre.u_syn[0]) == pytest.approx(0.5 * np.exp(-0.1 / 1500.), rel=1e-12)


@pytest.mark.parametrize("options, message", [
    (dict(comp_method="csr"), "comp_method must be 'dense' or 'sparse'"),
    (dict(delay_step=-1), "delay_step must be a whole number"),
    (dict(delay_step=1.5), "delay_step must be a whole number"),
])
def test_brainpy_synapse_form_refuses_bad_options_and_leaves_post_unchanged(
        numpy_target, options, message):
    pre, post = LIF(2, name="pre"), LIF(2, name="post")
    before = _variables(post)
    with pytest.raises(ProjectionError, match=message):
        DualExponential(pre, post, IJConn([0], [1]), name="syn", **options)
    assert _variables(post) == before


def test_delay_step_delays_the_synaptic_input_by_that_many_steps(numpy_target):
    source = LIF(1, V_initializer=0., name="pre")
    source.I = 30 * nA
    monitors, posts = {}, []
    for steps in (None, 1, 3):
        post = LIF(1, V_th=1e9, name=f"post{steps}")
        posts.append(post)
        DualExponential(source, post, One2One(), delay_step=steps, name=f"syn{steps}")
        monitors[steps] = StateMonitor(post, f"g_syn{steps}_h", record=0, when="end",
                                       name=f"m{steps}")
    spikes = StateMonitor(source, "V", record=0, when="end", name="pre_monitor")
    Network(source, spikes, *posts, *monitors.values()).run(20 * ms)
    first_spike = np.argmax(np.diff(np.asarray(spikes.V[0])) < -0.001) + 1
    arrival = {steps: np.argmax(np.asarray(getattr(m, f"g_syn{steps}_h")[0]) > 0)
               for steps, m in monitors.items()}
    # None (BrainPy's default) and 1 both mean the next step: as in BrainPy, the synapse
    # reads the spike one step later, which eqsim holds one step ahead (acts in step n)
    assert arrival == {None: first_spike, 1: first_spike, 3: first_spike + 2}
