"""Synapses' run_regularly, N_incoming/N_outgoing, synaptic indexing and the monitors'
accessors (issue 12 section 2), written once for both simulators.

Each case is a function of the simulator module ``b`` (``brian2`` or ``eqsim``) returning
a dict of arrays (SI floats or integers). ``make_brian2_synapse_access_reference.py`` runs
them in Brian2 and writes ``brian2_synapse_access.npz``;
``test_brian2_synapse_access.py`` runs them in eqsim on both targets and compares.
Objects that would run in the same schedule slot with the same order get different
orders: Brian2 breaks such ties by object name, eqsim by creation order.
"""
import numpy as np


def _neurons(b, n):
    G = b.NeuronGroup(n, "v : 1\nx : 1", threshold="False")
    G.x = [1.0 * k for k in range(n)]
    return G


def synapses_run_regularly(b):
    """Synaptic code at its own interval and slot, reading x_pre, x_post, N_incoming and
    N_outgoing; recorded on the synapses S[0, :]."""
    G = _neurons(b, 4)
    S = b.Synapses(G, G, "w : 1\nc : 1")
    S.connect("i != j")
    S.run_regularly("w += x_pre + 10*x_post + 1.0/N_incoming", dt=1 * b.ms)
    S.run_regularly("c = t/ms + N_outgoing", dt=2 * b.ms, when="end")
    M = b.StateMonitor(S, ["w", "c"], record=S[0, :], order=1)
    b.run(5 * b.ms)
    return {"w": np.asarray(S.w[:]), "c": np.asarray(S.c[:]), "M_w": M.w[:], "M_c": M.c[:],
            "M_t": np.asarray(M.t_)}


def synapses_run_regularly_writes_neurons(b):
    """run_regularly on synapses writing the neurons' variables: synapses onto one neuron
    add up (v_post +=), also through an unsuffixed target name and onto x_pre; the
    target decays in between. (No statement reads what another synapse's statements
    wrote in the same call: there Brian2's numpy target, statement by statement over all
    synapses, and its cython target, synapse by synapse as eqsim, differ.)"""
    G = _neurons(b, 3)
    H = b.NeuronGroup(4, "dv/dt = -v/(10*ms) : 1\nu : 1", method="exact")
    S = b.Synapses(G, H, "w : 1")
    S.connect(i=[0, 1, 2, 2, 0], j=[1, 1, 0, 2, 3])
    S.w = "1.0 + i"
    S.run_regularly("v_post += w\nx_pre += 0.5*w\nu += 2*w", dt=0.5 * b.ms)
    b.run(2 * b.ms)
    return {"v": np.asarray(H.v[:]), "u": np.asarray(H.u[:]), "x": np.asarray(G.x[:])}


def fan_counts(b):
    """N_incoming_post / N_outgoing_pre after each connect(), per synapse N_incoming /
    N_outgoing, and both in a string assignment and in on_pre code."""
    source = b.SpikeGeneratorGroup(4, [0, 1, 2, 3], [0.5, 0.5, 0.5, 0.5] * b.ms)
    target = b.NeuronGroup(5, "v : 1")
    S = b.Synapses(source, target, "w : 1", on_pre="v_post += w/N_incoming + N_outgoing")
    S.connect("j > i")
    first = (S.N_incoming_post.copy(), S.N_outgoing_pre.copy())
    S.connect(i=[0, 0, 3], j=[0, 0, 4])
    S.w = "1.0*N_outgoing + 0.5*N_incoming"
    b.run(1 * b.ms)
    return {"in_post_1": first[0], "out_pre_1": first[1],
            "in_post": np.asarray(S.N_incoming_post), "out_pre": np.asarray(S.N_outgoing_pre),
            "in": np.asarray(S.N_incoming[:]), "out": np.asarray(S.N_outgoing[:]),
            "in_row0": np.asarray(S.N_incoming[0, :]), "w": np.asarray(S.w[:]),
            "v": np.asarray(target.v[:])}


def _multisynapses(b):
    G = _neurons(b, 4)
    S = b.Synapses(G, G, "w : 1", multisynaptic_index="k")
    S.connect("i != j")
    S.connect("(i + j) % 2 == 1")  # a second synapse (k = 1) between these pairs
    S.w = "100*i + 10*j + k"
    return S


def synaptic_indexing(b):
    """S.indices[...] and S.w[...] with every index form Brian2 documents."""
    S = _multisynapses(b)
    out = {
        "row0": S.indices[0, :], "column1": S.indices[:, 1], "pair": S.indices[0, 1],
        "rows_slice": S.indices[1:3, :], "every_other": S.indices[::2, 1::2],
        "lists": S.indices[[0, 2], [1, 3]], "k_only": S.indices[:, :, 1],
        "condition": S.indices["i > j"], "condition_k": S.indices["k == 1 and w > 200"],
        "outside": S.indices[7, :], "subgroup": S.indices[S[1, :]],
        "w_row0": np.asarray(S.w[0, :]), "w_column": np.asarray(S.w[:, 2]),
        "w_condition": np.asarray(S.w["i > 2"]), "w_all_k1": np.asarray(S.w[:, :, 1]),
        "w_subgroup": np.asarray(S.w[S[3, :]]), "i_row": np.asarray(S.i[1, :]),
        "j_condition": np.asarray(S.j["i > 2"]), "k_column": np.asarray(S.k[:, 0]),
        "synapse_numbers": np.asarray(S.w[3:6]),
    }
    S.w[0, :] = -1
    S.w[:, :, 1] = "-w"
    S.w["i == 3 and j == 2"] = 7
    out["w_after"] = np.asarray(S.w[:])
    return out


def record_synapses(b):
    """StateMonitor on synapses with record=S[i, :] and S[i, j] (Brian2 2.9.0 gets
    S[i, j, k] wrong, see test_synaptic_indexing.py)."""
    G = _neurons(b, 3)
    S = b.Synapses(G, G, "dw/dt = -w/(2*ms) : 1 (clock-driven)", multisynaptic_index="k")
    S.connect(n=2)
    S.w = "1.0 + i + 0.1*j + 0.01*k"
    M1 = b.StateMonitor(S, "w", record=S[1, :])
    M2 = b.StateMonitor(S, ["w", "x_pre"], record=S[2, 0])
    b.run(1 * b.ms)
    return {"M1": M1.w[:], "M1_record": np.asarray(M1.record), "M2": M2.w[:],
            "M2_x_pre": M2.x_pre[:]}


def monitor_accessors(b):
    """Trailing-underscore accessors, N, counts, values of recorded variables,
    smooth_rate and record_single_timestep."""
    G = b.NeuronGroup(4, "dv/dt = (1 + i)/ms : 1", threshold="v > 2", reset="v = 0",
                      method="euler")
    M = b.StateMonitor(G, "v", record=[0, 3])
    sm = b.SpikeMonitor(G, "v")
    R = b.PopulationRateMonitor(G)
    b.run(3 * b.ms)
    before = np.array(M.N)
    M.record_single_timestep()
    values = sm.values("v")
    return {
        "M_t_": M.t_, "M_v_": M.v_, "M_N": np.asarray(before), "M_N_after": np.asarray(M.N),
        "M_v0": M[0].v_, "sm_i_": sm.i_, "sm_t_": sm.t_, "sm_count_": sm.count_,
        "sm_count": np.asarray(sm.count), "sm_v_": sm.v_, "sm_N": np.asarray(sm.N),
        "sm_values_3": np.asarray(values[3]), "sm_all_t_2": np.asarray(sm.all_values()["t"][2]),
        "sm_it_i": sm.it_[0], "sm_it_t": sm.it_[1], "R_rate_": R.rate_, "R_t_": R.t_,
        "R_N": np.asarray(R.N),
        "R_gauss": np.asarray(R.smooth_rate("gaussian", width=0.3 * b.ms)),
        "R_flat": np.asarray(R.smooth_rate("flat", width=0.5 * b.ms)),
        "R_window": np.asarray(R.smooth_rate(window=np.array([1.0, 2.0, 1.0]))),
    }


def record_single_timestep_after_zero_run(b):
    """A run of 0 ms is enough for record_single_timestep (Brian2's documentation)."""
    G = b.NeuronGroup(2, "v : 1")
    G.v = [0.5, 1.5]
    M = b.StateMonitor(G, "v", record=True)
    b.run(0 * b.ms)
    M.record_single_timestep()
    G.v = [2.5, 3.5]
    b.run(0.2 * b.ms)
    M.record_single_timestep()
    return {"t": M.t_, "v": M.v_}


CASES = {f.__name__: f for f in (synapses_run_regularly,
                                 synapses_run_regularly_writes_neurons, fan_counts, synaptic_indexing, record_synapses,
                                 monitor_accessors, record_single_timestep_after_zero_run)}
