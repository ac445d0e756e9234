"""Models with linked variables (``(linked)`` and ``linked_var``), one-element subgroups
``G[k]`` and values given as ranges and lists, written once for both simulators.

Each case is a function of the simulator module ``b`` (``brian2`` or ``eqsim``) returning a
dict of arrays (SI floats). ``make_brian2_linked_reference.py`` runs them in Brian2 and
writes ``brian2_linked_variables.npz``/``.json``; ``test_brian2_linked_variables.py`` runs
them in eqsim on both targets and compares. ``ERRORS`` are misuses Brian2 refuses: the
JSON records Brian2's exception type, and eqsim must raise an ``EqsimError`` that is
also an instance of that type.

The linking group gets ``order=1``: Brian2 breaks ties in the schedule by object name,
eqsim by the order objects were added, so the order of two groups' updates is made
explicit.
"""
import numpy as np


def _arrays(**values):
    return {k: np.asarray(v, dtype=float) for k, v in values.items()}


def subgroup_reset_writes_through(b):
    """A link to a subgroup: state update, threshold and monitors read the other group's
    variable; the reset writes it (Brian2 writes through a link)."""
    H = b.NeuronGroup(4, "dv/dt = (2 - v)/(10*ms) : 1", method="exact")
    H.v = [0, 0.2, 0.4, 0.6]
    sub = H[1:3]
    G = b.NeuronGroup(2, "dx/dt = (v - x)/(5*ms) : 1\nv : 1 (linked)", threshold="v > 1.5",
                      reset="v = 0", method="euler", order=1)
    G.v = b.linked_var(sub, "v")
    M = b.StateMonitor(G, ["v", "x"], record=True)
    S = b.SpikeMonitor(G)
    net = b.Network(H, G, M, S)
    net.run(15 * b.ms)
    return _arrays(H_v=H.v[:], G_v=G.v[:], x=M.x[:], v=M.v[:], i=S.i[:], t=S.t[:])


def index_array(b):
    """``index=`` an array: two neurons per input, threshold and reset on the linking
    group's own variable."""
    H = b.NeuronGroup(3, "dv/dt = (k - v)/(10*ms) : 1\nk : 1", method="exact")
    H.k = [1.2, 2, 3]
    G = b.NeuronGroup(6, "dx/dt = (2*v - x)/(4*ms) : 1\nv : 1 (linked)", threshold="x > 1",
                      reset="x = 0", method="euler", order=1)
    G.v = b.linked_var(H, "v", index=[0, 0, 1, 1, 2, 2])
    G.x = "0.1*i"
    M = b.StateMonitor(G, "x", record=[0, 3, 5])
    S = b.SpikeMonitor(G)
    net = b.Network(H, G, M, S)
    net.run(20 * b.ms)
    return _arrays(x=M.x[:], i=S.i[:], t=S.t[:], G_v=G.v[:])


def index_variable(b):
    """``index=`` the name of the linking group's integer variable (Brian2's
    documentation example), changed between runs."""
    inp = b.NeuronGroup(2, "phase : 1\ndx/dt = 1*mV/ms*sin(2*pi*100*Hz*t - phase) : volt",
                        method="euler")
    inp.phase = [0, np.pi / 2]
    neurons = b.NeuronGroup(6, "inp : volt (linked)\nindex_var : integer (constant)\n"
                               "dv/dt = (-v + inp)/(10*ms) : volt", method="euler", order=1)
    neurons.inp = b.linked_var(inp, "x", index="index_var")
    neurons.index_var = np.repeat([0, 1], 3)
    M = b.StateMonitor(neurons, ["v", "inp"], record=[0, 5])
    net = b.Network(inp, neurons, M)
    net.run(5 * b.ms)
    neurons.index_var = [1, 1, 1, 0, 0, 0]
    net.run(5 * b.ms)
    return _arrays(v=M.v[:], inp=M.inp[:], end=neurons.v[:])


def one_to_all(b):
    """A target of one element links to every neuron (Brian2's shared-input idiom); a
    shared subexpression of the linked variable (Brette & Guigon 2003)."""
    drive = b.NeuronGroup(1, "dx/dt = (1 - x)/(7*ms) : 1", method="exact")
    neurons = b.NeuronGroup(5, "dv/dt = (v*I + 1)/(33*ms) : 1\nI = 0.5 + 3*p*B : 1\n"
                               "B = 2./(1 + exp(-2*x)) - 1 : 1 (shared)\np : 1\nx : 1 (linked)",
                            threshold="v > 1", reset="v = 0", method="euler", order=1)
    neurons.p = "1.0*i/N"
    neurons.x = b.linked_var(drive, "x")
    M = b.StateMonitor(neurons, ["B", "x"], record=[0, 4])
    S = b.SpikeMonitor(neurons)
    net = b.Network(drive, neurons, M, S)
    net.run(30 * b.ms)
    return _arrays(B=M.B[:], x=M.x[:], i=S.i[:], t=S.t[:])


def shared_target(b):
    """A link to a shared variable reaches every element."""
    H = b.NeuronGroup(2, "g : 1 (shared)\ndy/dt = -y/(5*ms) : 1", method="exact")
    H.g = 0.25
    G = b.NeuronGroup(3, "g : 1 (linked)\ndz/dt = (g + 0.1*i - z)/(2*ms) : 1",
                      method="euler", order=1)
    G.g = b.linked_var(H.g)
    H.run_regularly("g = g*2", dt=1 * b.ms)
    net = b.Network(H, G, *H.contained_objects)
    net.run(3 * b.ms)
    return _arrays(z=G.z[:], g=G.g[:])


def synapses_read_links(b):
    """Synaptic code and summed variables read linked variables as ``x_pre`` /
    ``x_post``; spikes come from a threshold on a linked variable."""
    H = b.NeuronGroup(3, "dv/dt = (rate - v)/(3*ms) : 1\nrate : 1", method="exact",
                      threshold="v > 1", reset="v = 0")
    H.rate = [1.5, 2.0, 3.0]
    src = b.NeuronGroup(3, "u : 1 (linked)", threshold="u > 0.9", order=1)
    src.u = b.linked_var(H, "v")
    # Brian2 reaches a linked variable from synapses only when it links one to one
    tgt = b.NeuronGroup(3, "y : 1\nw_in : 1\nm : 1 (linked)\ntotal : 1", order=1)
    tgt.m = b.linked_var(H, "v")
    S = b.Synapses(src, tgt, "w : 1\ntotal_post = w*u_pre : 1 (summed)",
                   on_pre="y_post += w*u_pre + m_post")
    S.connect(i=[0, 1, 2, 2], j=[0, 1, 0, 2])
    S.w = [0.5, 1.0, 1.5, 2.0]
    M = b.StateMonitor(tgt, ["y", "total", "m"], record=True)
    net = b.Network(H, src, tgt, S, M)
    net.run(10 * b.ms)
    return _arrays(y=M.y[:], total=M.total[:], m=M.m[:], S_u_pre=S.u_pre[:])


def python_access(b):
    """Python reads and string expressions see the linked values; item assignment and
    run_regularly write through the link."""
    H = b.NeuronGroup(4, "v : 1")
    H.v = [0.1, 0.2, 0.3, 0.4]
    G = b.NeuronGroup(3, "x : 1\nv : 1 (linked)", order=1)
    G.v = b.linked_var(H.v, index=[3, 1, 1])
    G.x = "v*2 + i"
    G.x["v < 0.3"] = "x + 10"
    read = np.array(G.v[:])  # a copy: Brian2 may return a view
    G.v[0] = 0.9
    G.run_regularly("v = v + 0.01*(i + 1)", dt=1 * b.ms)
    net = b.Network(H, G, *G.contained_objects)
    net.run(2 * b.ms)
    return _arrays(read=read, x=G.x[:], H_v=H.v[:], G_v=G.v[:])


def writes_through_respect_refractoriness(b):
    """Writes through a link to an ``(unless refractory)`` variable skip the target's
    refractory neurons (run_regularly and a string assignment); the reset writes."""
    H = b.NeuronGroup(3, "dv/dt = -v/(10*ms) : 1 (unless refractory)", threshold="v > 1",
                      reset="v = 0", refractory=5 * b.ms, method="exact")
    H.v = [1.5, 0.5, 0.2]
    G = b.NeuronGroup(3, "v : 1 (linked)\ndx/dt = -x/(10*ms) : 1 (unless refractory)",
                      refractory=1 * b.ms, method="exact", order=1)
    G.v = b.linked_var(H.v)
    G.run_regularly("v = v + 0.05", dt=1 * b.ms, when="end")
    net = b.Network(H, G, *G.contained_objects)
    net.run(3 * b.ms)
    after_run = np.array(H.v[:])  # a copy: Brian2 may return a view
    G.v[:] = "v + 0.01"
    return _arrays(after_run=after_run, after_assignment=H.v[:])


def subexpression_target(b):
    """A link to another group's subexpression (evaluated at the linked elements, with
    that group's variables), in a state update, a threshold and a monitor."""
    H = b.NeuronGroup(3, "dx/dt = -x/(5*ms) : 1\ns = 2*x + k + N : 1\nk : 1", method="exact")
    H.x = [1, 2, 3]
    H.k = [0.1, 0.2, 0.3]
    G = b.NeuronGroup(2, "dy/dt = (s - y)/(2*ms) : 1\ns : 1 (linked)", threshold="y > s - 3",
                      reset="y = 0", method="euler", order=1)
    G.s = b.linked_var(H, "s", index=[2, 0])
    M = b.StateMonitor(G, ["y", "s"], record=True)
    S = b.SpikeMonitor(G)
    net = b.Network(H, G, M, S)
    net.run(3 * b.ms)
    return _arrays(y=M.y[:], s=M.s[:], i=S.i[:], t=S.t[:], G_s=G.s[:])


def synapses_read_a_linked_subexpression(b):
    """Synaptic code and ``S.s_pre`` read a variable linked (one to one) to another
    group's subexpression."""
    H = b.NeuronGroup(3, "dx/dt = -x/(5*ms) : 1\ns = 2*x + k : 1\nk : 1", method="exact")
    H.x = [1, 2, 3]
    H.k = [0.1, 0.2, 0.3]
    G = b.NeuronGroup(3, "s : 1 (linked)", threshold="True", order=1)
    G.s = b.linked_var(H, "s")
    T = b.NeuronGroup(2, "y : 1")
    S = b.Synapses(G, T, on_pre="y_post += s_pre")
    S.connect(i=[0, 1, 2], j=[0, 1, 1])
    net = b.Network(H, G, T, S)
    net.run(1 * b.ms)
    return _arrays(y=T.y[:], s_pre=S.s_pre[:])


def one_neuron_subgroups(b):
    """``G[k]``: a one-neuron subgroup in Synapses, monitors and assignments."""
    G = b.NeuronGroup(4, "dv/dt = (drive - v)/(5*ms) : 1\ndrive : 1", threshold="v > 1",
                      reset="v = 0", method="exact")
    G.drive = [1.5, 0, 2, 0]
    G[3].v = 0.5
    G[1].drive = 1.2
    S = b.Synapses(G[2], G[3], on_pre="v_post += 0.3")
    S.connect()
    M = b.StateMonitor(G[3], "v", record=True)
    SP = b.SpikeMonitor(G[0])
    net = b.Network(G, S, M, SP)
    net.run(20 * b.ms)
    return _arrays(v=M.v[:], i=SP.i[:], t=SP.t[:], end=G.v[:])


def sequence_values(b):
    """Ranges, lists and tuples of numbers or quantities, into groups and synapses."""
    G = b.NeuronGroup(5, "v : volt\nk : integer\nx : 1")
    G.k = range(5)
    G.x = range(5)
    G.v = range(5) * b.mV
    G.v[:2] = [7 * b.mV, 8 * b.mV]
    G.v[3:] = (9 * b.mV, 10 * b.mV)
    G.x[[0, 2]] = range(2)
    S = b.Synapses(G, G, "w : 1\nd : second")
    S.connect(i=[0, 1, 2], j=[1, 2, 3])
    S.w = range(3)
    S.d = [1 * b.ms, 2 * b.ms, 3 * b.ms]
    S.w[1:] = (5, 6)
    return _arrays(k=G.k[:], x=G.x[:], v=G.v[:], w=S.w[:], d=S.d[:])


def _synapse_groups(b):
    """A 3-neuron group ``H`` to link to and a 2-neuron spike source ``P``."""
    H = b.NeuronGroup(3, "dy/dt = (k - y)/(10*ms) : 1\nk : 1", method="exact")
    H.k = [1, 2, 3]
    P = b.NeuronGroup(2, "dv/dt = 1.0/ms : 1", threshold="v > 1", reset="v = 0",
                      method="euler")
    P.v = [0, 0.5]
    return H, P


def synapses_link_by_pre_and_post_index(b):
    """A synapse's ``(linked)`` variable with ``index='i'`` (its presynaptic neuron),
    ``index='j'`` (its postsynaptic neuron) and without index (synapse k to element k),
    read in on_pre, on_post, the synapses' own equations, a subexpression and a summed
    variable."""
    H, P = _synapse_groups(b)
    T = b.NeuronGroup(3, "s : 1\ndc/dt = 0.6/ms : 1", threshold="c > 1", reset="c = 0",
                      method="euler", order=2)
    model = ("gi : 1 (linked)\ngj : 1 (linked)\ngk : 1 (linked)\nw : 1\nu : 1\n"
             "dz/dt = (gj - z)/(3*ms) : 1 (clock-driven)\nh = gi + 2*gk : 1\n"
             "s_post = z*h : 1 (summed)")
    S = b.Synapses(P, T, model, on_pre="w += gi + h", on_post="u += gj", method="euler",
                   order=1)
    S.connect(i=[0, 0, 1, 1, 1], j=[0, 2, 1, 2, 0])
    H5 = b.NeuronGroup(5, "q : 1")
    H5.q = [0.5, 1.5, 2.5, 3.5, 4.5]
    S.gi = b.linked_var(H, "y", index="i")
    S.gj = b.linked_var(H.y, index="j")
    S.gk = b.linked_var(H5, "q")
    M = b.StateMonitor(S, ["gi", "gj", "z"], record=[0, 1, 4])
    net = b.Network(H, P, T, S, H5, M)
    net.run(5 * b.ms)
    return _arrays(w=S.w[:], u=S.u[:], gi=S.gi[:], gj=S.gj[:], gk=S.gk[:], s=T.s[:],
                   z=M.z[:], h=S.h[:], M_gj=M.gj[:], M_gi=M.gi[:])


def synapses_link_one_element_subexpression(b):
    """Every synapse links to a subexpression of a one-neuron group (Brian2's
    homeostatic STDP example): no index needed."""
    H, P = _synapse_groups(b)
    factor = b.NeuronGroup(1, "F = x - 0.5 : 1\ndx/dt = (2 - x)/(4*ms) : 1", method="exact")
    S = b.Synapses(P, H, "F : 1 (linked)\nw : 1", on_pre="w += F", order=1)
    S.connect()
    S.F = b.linked_var(factor, "F")
    net = b.Network(H, P, factor, S)
    net.run(5 * b.ms)
    return _arrays(w=S.w[:], F=S.F[:])


def synapses_write_through_links(b):
    """on_pre writes a ``(linked)`` variable of the synapses: several synapses onto one
    linked element all add (Brian2's sequential loop), Python writes through too."""
    H, P = _synapse_groups(b)
    S = b.Synapses(P, H, "g : 1 (linked)", on_pre="g += 0.25", order=1)
    S.connect(i=[0, 0, 1, 1, 1], j=[0, 2, 1, 2, 0])
    S.g = b.linked_var(H, "k", index="j")
    S.g[3] = 5
    net = b.Network(H, P, S)
    net.run(4 * b.ms)
    return _arrays(k=H.k[:], g=S.g[:])


def zeros_of_any_unit(b):
    """Zeros that Brian2 takes for a variable with units: a Python 0, an array of zeros,
    ``0*mV`` in code (a zero in code needs its unit)."""
    H = _h(b)
    H.w = 1 * b.mV
    H.w = 0
    H.w[1] = 2 * b.mV
    H.w[2:] = np.zeros(2)
    G = b.NeuronGroup(2, "dv/dt = 1*volt/ms : volt", threshold="v > 0.5*volt",
                      reset="v = 0*mV", method="euler")
    S = b.Synapses(G, G, "w : siemens", on_pre="w += 0*nS")
    S.connect()
    S.w = np.zeros(4)
    S.w["i != j"] = "0*nS + 1*nS"
    G.v = "0*mV"
    b.Network(G, S).run(1 * b.ms)
    return _arrays(w=H.w[:], S_w=S.w[:], v=G.v[:])


CASES = {f.__name__: f for f in (subgroup_reset_writes_through, index_array, index_variable,
                                 one_to_all, shared_target, synapses_read_links, python_access,
                                 writes_through_respect_refractoriness, subexpression_target,
                                 synapses_read_a_linked_subexpression, one_neuron_subgroups,
                                 sequence_values, synapses_link_by_pre_and_post_index,
                                 synapses_link_one_element_subexpression,
                                 synapses_write_through_links, zeros_of_any_unit)}


def _h(b, n=4):
    return b.NeuronGroup(n, "v : 1\nw : volt\nk : integer")


def _link(b, model, n=4, **link):
    """Link ``v`` of a new group of ``n`` neurons with ``model`` to ``v`` of a group of
    4 (held in a local: Brian2 holds groups weakly)."""
    H = _h(b)
    G = b.NeuronGroup(n, model)
    G.v = b.linked_var(H.v, **link)
    return H, G


def link_unit_mismatch(b):
    _link(b, "v : volt (linked)")


def link_size_mismatch(b):
    _link(b, "v : 1 (linked)", n=3)


def link_a_plain_variable(b):
    _link(b, "v : 1")


def set_a_linked_variable(b):
    b.NeuronGroup(4, "v : 1 (linked)").v = 1


def link_index_out_of_range(b):
    _link(b, "v : 1 (linked)", n=2, index=[3, 4])


def link_float_index(b):
    _link(b, "v : 1 (linked)", n=2, index=[3.0, 1.0])


def link_index_of_wrong_length(b):
    _link(b, "v : 1 (linked)", n=2, index=[3])


def link_float_index_variable(b):
    _link(b, "k : 1\nv : 1 (linked)", n=3, index="k")


def link_missing_index_variable(b):
    _link(b, "v : 1 (linked)", n=3, index="kk")


def linked_var_with_variable_and_name(b):
    H = _h(b)
    b.linked_var(H.v, "v")


def linked_var_without_name(b):
    H = _h(b)
    b.linked_var(H)


def read_before_linking(b):
    return b.NeuronGroup(2, "v : 1 (linked)").v[:]


def linked_flag_with_other_flags(b):
    b.NeuronGroup(2, "v : 1 (linked, constant)")


def negative_subgroup_index(b):
    H = _h(b)
    return H[-1]


def subgroup_index_past_the_end(b):
    H = _h(b)
    return H[4]


def subgroup_of_non_contiguous_indices(b):
    H = _h(b)
    return H[[0, 2]]


def range_of_wrong_length(b):
    H = _h(b, 5)
    H.v = range(3)


def range_without_unit(b):
    H = _h(b, 5)
    H.w = range(5)


def list_of_mixed_units(b):
    H = _h(b)
    H.w[:2] = [1 * b.mV, 2 * b.second]


def _synapses_to_link(b, model="g : 1 (linked)"):
    H = _h(b)
    S = b.Synapses(H, H, model)
    S.connect(i=[0, 1, 2], j=[1, 2, 3])
    return H, S


def synapses_link_with_index_array(b):
    H, S = _synapses_to_link(b)
    S.g = b.linked_var(H, "v", index=[0, 1, 2])


def synapses_link_size_mismatch(b):
    H, S = _synapses_to_link(b)
    S.g = b.linked_var(H, "v")


def synapses_link_float_index_variable(b):
    H, S = _synapses_to_link(b, "g : 1 (linked)\nx : 1")
    S.g = b.linked_var(H, "v", index="x")


def synapses_link_by_i_of_a_subgroup(b):
    H = _h(b)
    S = b.Synapses(H[1:3], H, "g : 1 (linked)")
    S.connect(i=[0, 1], j=[0, 1])
    S.g = b.linked_var(H, "v", index="i")


def synapses_link_to_synapses(b):
    H, S = _synapses_to_link(b, "g : 1 (linked)\nx : 1")
    S.g = b.linked_var(S, "x")


def zeros_list_without_unit(b):
    _h(b).w = [0, 0, 0, 0]


def zeros_list_without_unit_in_subgroup(b):
    _h(b)[1:3].w[:] = [0.0, 0.0]


def zeros_list_without_unit_for_synapses(b):
    H = _h(b)
    S = b.Synapses(H, H, "g : siemens")
    S.connect(j="i")
    S.g = [0] * 4


def zero_string_without_unit(b):
    _h(b).w = "0"


def zero_at_string_index_without_unit(b):
    H = _h(b)  # held: Brian2 holds groups weakly
    H.w["i > 1"] = 0


def _zero_in_code(b, reset="v = 0*mV", on_pre="g += 0*nS"):
    G = b.NeuronGroup(2, "dv/dt = 1*volt/ms : volt", threshold="v > 0.5*volt", reset=reset,
                      method="euler")
    S = b.Synapses(G, G, "g : siemens", on_pre=on_pre)
    S.connect()
    b.Network(G, S).run(0.1 * b.ms)


def zero_without_unit_in_reset(b):
    _zero_in_code(b, reset="v = 0")


def zero_without_unit_in_on_pre(b):
    _zero_in_code(b, on_pre="g += 0.0")


def random_subexpression_without_constant_over_dt(b):
    G = b.NeuronGroup(2, "v : 1\nx = 2*randn() : 1")
    b.Network(G).run(0.1 * b.ms)


ERRORS = {f.__name__: f for f in (
    link_unit_mismatch, link_size_mismatch, link_a_plain_variable, set_a_linked_variable,
    link_index_out_of_range, link_float_index, link_index_of_wrong_length,
    link_float_index_variable, link_missing_index_variable, linked_var_with_variable_and_name,
    linked_var_without_name, read_before_linking, linked_flag_with_other_flags,
    negative_subgroup_index, subgroup_index_past_the_end, subgroup_of_non_contiguous_indices,
    range_of_wrong_length, range_without_unit, list_of_mixed_units,
    synapses_link_with_index_array, synapses_link_size_mismatch,
    synapses_link_float_index_variable, synapses_link_to_synapses,
    synapses_link_by_i_of_a_subgroup, zeros_list_without_unit,
    zeros_list_without_unit_in_subgroup, zeros_list_without_unit_for_synapses,
    zero_string_without_unit, zero_at_string_index_without_unit, zero_without_unit_in_reset,
    zero_without_unit_in_on_pre, random_subexpression_without_constant_over_dt)}
