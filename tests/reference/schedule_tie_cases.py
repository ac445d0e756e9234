"""Objects in the same schedule slot with the same order: Brian2 runs them sorted by name,
whatever order they were created in. One script, run unchanged in Brian2 and eqsim."""


def run_case(sim):
    """``sim``: the brian2 or eqsim module. Returns the call order of two network
    operations and the values two run_regularly operations leave (they do not commute)."""
    sim.start_scope()
    calls = []

    @sim.network_operation(name="zeta")
    def later_by_name():
        calls.append("zeta")

    @sim.network_operation(name="alpha")
    def earlier_by_name():
        calls.append("alpha")

    group = sim.NeuronGroup(1, "v : 1", name="group")
    group.v = 1
    group.run_regularly("v = v*2", name="z_double")      # created first, runs second
    group.run_regularly("v = v + 1", name="a_increment")
    net = sim.Network(later_by_name, earlier_by_name, group)
    net.run(0.3 * sim.ms)
    return {"calls": calls, "v": float(group.v[0])}
