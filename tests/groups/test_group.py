"""``N`` in code that runs on a subgroup (its ``run_regularly``, the weight of a
PoissonInput onto it) is the subgroup's size, also for a subgroup of a subgroup, on both
targets, as in Brian2 (the numbers are Brian2 2.9.0's); a subexpression read there keeps
its parent's ``N``."""
import numpy as np

from eqsim import NeuronGroup, PoissonInput, defaultclock, kHz, run


def test_n_in_a_subgroups_run_regularly_is_the_subgroups_size(target):
    g = NeuronGroup(10, "v : 1\nx : 1\nJ = N : 1", name="G")
    g[2:6].run_regularly("v = N + i*0.01")
    g[2:8][3:5].run_regularly("x = N + 100*J")
    run(defaultclock.dt)
    # Brian2 2.9.0's numbers (J, a subexpression, is the parent's N)
    assert np.allclose(g.v[:], [0, 0, 4, 4.01, 4.02, 4.03, 0, 0, 0, 0])
    assert np.array_equal(g.x[:], [0, 0, 0, 0, 0, 1002, 1002, 0, 0, 0])


def test_n_in_the_weight_of_a_poisson_input_onto_a_subgroup_is_the_subgroups_size(target):
    g = NeuronGroup(10, "v : 1", name="G")
    # rate*dt = 1: every input arrives every step
    p1 = PoissonInput(g[2:6], "v", 3, 10 * kHz, weight="1 + i*0.01")  # noqa: F841
    p2 = PoissonInput(g[2:8][3:5], "v", 2, 10 * kHz, weight="N*100.0")  # noqa: F841
    run(2 * defaultclock.dt)
    # Brian2 2.9.0's numbers
    assert np.allclose(g.v[:], [0, 0, 6, 6.06, 6.12, 806.18, 800, 0, 0, 0])
