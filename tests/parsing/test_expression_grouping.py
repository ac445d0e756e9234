"""A number times a sum is computed as written, ``0.45*(i - 7)``, as Brian2 does for
statements, thresholds, resets, synaptic code and string values. sympy would multiply
the number in (``0.45*i - 3.15``), which differs in the last bit and moves results of
``%``, ``//`` and comparisons at their boundaries."""
import numpy as np

from eqsim import NeuronGroup, SpikeMonitor, Synapses, defaultclock, prefs, run
from eqsim.parsing.statements import parse_statements

N = 21
# Brian2 2.9.0, 'x = (i - 7)*0.45' for i = 0..20 (numpy and cython alike): its generated
# code is 'x = 0.45 * (i - 7)'
BRIAN2_X = [float.fromhex(h) for h in (
    "-0x1.9333333333333p+1 -0x1.599999999999ap+1 -0x1.2000000000000p+1 -0x1.ccccccccccccdp+0 "
    "-0x1.599999999999ap+0 -0x1.ccccccccccccdp-1 -0x1.ccccccccccccdp-2 0x0.0p+0 "
    "0x1.ccccccccccccdp-2 0x1.ccccccccccccdp-1 0x1.599999999999ap+0 0x1.ccccccccccccdp+0 "
    "0x1.2000000000000p+1 0x1.599999999999ap+1 0x1.9333333333333p+1 0x1.ccccccccccccdp+1 "
    "0x1.0333333333333p+2 0x1.2000000000000p+2 0x1.3cccccccccccdp+2 0x1.599999999999ap+2 "
    "0x1.7666666666667p+2").split()]
# Brian2 2.9.0 numpy, '((i-7)*0.45) % 0.9'; its cython target agrees on the exact zeros
# (odd i up to 15) and differs from its own numpy target in the last bit elsewhere
BRIAN2_Y = [float.fromhex(h) for h in (
    "0x1.cccccccccccd0p-2 0x1.cccccccccccccp-1 0x1.ccccccccccccep-2 0x0.0p+0 "
    "0x1.cccccccccccccp-2 0x0.0p+0 0x1.ccccccccccccdp-2 0x0.0p+0 0x1.ccccccccccccdp-2 "
    "0x0.0p+0 0x1.ccccccccccccep-2 0x0.0p+0 0x1.cccccccccccccp-2 0x1.0000000000000p-53 "
    "0x1.ccccccccccccap-2 0x0.0p+0 0x1.cccccccccccc8p-2 0x1.cccccccccccccp-1 "
    "0x1.ccccccccccccep-2 0x1.0000000000000p-52 0x1.cccccccccccd4p-2").split()]


def test_a_number_times_a_sum_is_parsed_as_a_product():
    (statement,) = parse_statements("x = (i - 7)*0.45")
    assert statement.expr.is_Mul


def test_run_regularly_computes_number_times_sum_as_written(target):
    G = NeuronGroup(N, "x : 1\ny : 1\nz : 1")
    G.run_regularly("x = (i - 7)*0.45\ny = ((i-7)*0.45) % 0.9\nz = (i-7)*0.45 // 1",
                    dt=defaultclock.dt)
    run(defaultclock.dt)
    assert [float(x).hex() for x in G.x[:]] == [x.hex() for x in BRIAN2_X]
    assert list(np.flatnonzero(G.y[:] == 0)) == [3, 5, 7, 9, 11, 15]
    if target == "numpy":
        assert [float(y).hex() for y in G.y[:]] == [y.hex() for y in BRIAN2_Y]
    # Brian2: floor of 0.45*(i - 7); -1 for i = 6 and 0 for i = 7, 8, 9
    assert list(G.z[:]) == [-4, -3, -3, -2, -2, -1, -1, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 5, 5]


def test_string_values_compute_number_times_sum_as_written(target):
    G = NeuronGroup(N, "v : 1")
    G.v = "(i - 7)*0.45"
    assert [float(v).hex() for v in G.v[:]] == [x.hex() for x in BRIAN2_X]


def test_threshold_and_reset_compute_number_times_sum_as_written(target):
    # Brian2: 0.45*(9 - 7) is exactly 0.9, so neuron 9 spikes (0.45*9 - 3.15 is below 0.9);
    # the reset's remainders are Brian2 numpy's values (exact zeros at i = 9, 11, 15)
    G = NeuronGroup(N, "v : 1", threshold="(i - 7)*0.45 >= 0.9",
                    reset="v = (i - 7)*0.45 % 0.9")
    spikes = SpikeMonitor(G)
    run(defaultclock.dt)
    assert sorted(spikes.i[:]) == list(range(9, 21))
    assert list(np.flatnonzero(G.v[:] == 0)) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 15]
    assert G.v[13] == 2.0 ** -53 and G.v[19] == 2.0 ** -52


def test_synaptic_code_computes_number_times_sum_as_written(target):
    G = NeuronGroup(N, "v : 1", threshold="True", reset="")
    S = Synapses(G, G, "w : 1", on_pre="w = ((i - 7)*0.45 - 0.9)*2 // 1")
    S.connect(j="i")
    run(defaultclock.dt)
    # Brian2 2.9.0 (both targets): 0 for i = 9, where 0.45*(9 - 7) - 0.9 is exactly 0
    # (0.45*9 - 3.15 - 0.9 is just below, whose floor would be -1)
    assert [int(w) for w in S.w[:]] == [-9, -8, -7, -6, -5, -4, -3, -2, -1, 0, 0, 1, 2, 3, 4,
                                        5, 6, 7, 8, 9, 9]


def test_state_updaters_integrate_a_number_times_a_sum(target):
    # dv/dt = ((i - 7)*0.45 - v)/tau from v = 0: v(t) = 0.45*(i - 7)*(1 - exp(-t/tau))
    from eqsim import ms
    for method, tolerance in [("exact", 1e-12), ("euler", 2e-2), ("rk2", 1e-4), ("rk4", 1e-9)]:
        G = NeuronGroup(N, "dv/dt = ((i - 7)*0.45 - v)/tau : 1\ntau : second", method=method)
        G.tau = 10 * ms
        run(5 * ms)
        expected = 0.45 * (np.arange(N) - 7) * (1 - np.exp(-0.5))
        assert np.allclose(G.v[:], expected, rtol=0, atol=tolerance), method
