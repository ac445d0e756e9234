"""Network control scripts (issue 12 section 2, part net12) that run unchanged in Brian2 and
eqsim: ``stop()`` / ``Network.stop()`` from a network operation, ``Network.get_states`` /
``set_states`` and the network's time afterwards.

Each case is a function of the simulator module (``brian2`` or ``eqsim``) returning plain
JSON-able numbers, so the same code makes the Brian2 reference
(``make_brian2_network_control.py``) and runs in eqsim's tests
(``test_brian2_network_control.py``).
"""
import numpy as np


def _scalar(value):
    """A float from a quantity or a Brian2 variable view (the clock's time)."""
    return float(np.asarray(value))


def stop_example(b):
    """Brian2's examples/network_operation_stop.py with deterministic start values: a
    netop on its own 1 ms clock calls the global ``stop()`` once 20 spikes happened."""
    b.start_scope()
    N, tau, I, target_spikes = 10, 10 * b.ms, 1.5, 20
    G = b.NeuronGroup(N, 'dv/dt = (I - v)/tau : 1', threshold='v>1', reset='v=0',
                      method='exact')
    G.v = 'i*1.0/N'
    spike_mon = b.SpikeMonitor(G)
    seen = {}

    @b.network_operation(dt=1 * b.ms)
    def check_spikes():
        if spike_mon.num_spikes >= target_spikes:
            seen["t_netop"] = _scalar(b.defaultclock.t_)
            seen["spikes_at_stop"] = int(spike_mon.num_spikes)
            b.stop()

    b.run(100 * b.ms)
    return dict(seen, t_end=float(b.magic_network.t), defaultclock_t=_scalar(b.defaultclock.t_),
                num_spikes=int(spike_mon.num_spikes), i=[int(k) for k in spike_mon.i],
                t=[float(x) for x in spike_mon.t], v=[float(x) for x in G.v])


def network_stop_then_continue(b):
    """``net.stop()`` from a netop in the 'end' slot of the default clock; the next run
    starts normally where the stopped one ended."""
    b.start_scope()
    G = b.NeuronGroup(3, 'dv/dt = (2 - v)/(10*ms) : 1', threshold='v>1', reset='v=0',
                      method='exact')
    G.v = [0.0, 0.3, 0.6]
    mon = b.SpikeMonitor(G)
    trace = b.StateMonitor(G, 'v', record=True)
    calls = []

    def maybe_stop(t):
        calls.append(_scalar(t))
        if mon.num_spikes >= 2 and len(calls) < 100:
            net.stop()
    op = b.NetworkOperation(maybe_stop, when='end')
    net = b.Network(G, mon, trace, op)
    net.run(20 * b.ms)
    t_first = float(net.t)
    steps_first = len(trace.t)
    net.run(1 * b.ms)
    return dict(t_first=t_first, steps_first=steps_first, t_second=float(net.t),
                calls_first=len([c for c in calls if c < t_first]), n_calls=len(calls),
                spikes=int(mon.num_spikes), v=[float(x) for x in G.v],
                trace_t=[float(x) for x in trace.t])


def stop_two_clocks(b):
    """``stop()`` from a netop on a slow clock ends the step of the fast clock too; a group
    on the slow clock has run its step as well."""
    b.start_scope()
    fast = b.NeuronGroup(1, 'dv/dt = 1/(10*ms) : 1', method='euler')
    slow = b.NeuronGroup(1, 'dv/dt = 1/(10*ms) : 1', method='euler', dt=0.5 * b.ms)

    @b.network_operation(dt=0.5 * b.ms, when='start')
    def halt(t):
        if t >= 2 * b.ms:
            b.stop()
    net = b.Network(fast, slow, halt)
    net.run(10 * b.ms)
    return dict(t=float(net.t), fast_v=float(fast.v[0]), slow_v=float(slow.v[0]))


def network_states(b):
    """``Network.get_states`` (with and without units, read-only variables) and
    ``set_states`` on a group and a synapse object."""
    b.start_scope()
    G = b.NeuronGroup(3, '''dv/dt = -v/(10*ms) : volt
                            x : 1 (constant)
                            y = 2*x : 1''', name='neurons', method='exact')
    G.v = [1, 2, 3] * b.mV
    G.x = [0.5, 1.5, 2.5]
    S = b.Synapses(G, G, 'w : 1', name='syn')
    S.connect(i=[0, 1], j=[1, 2])
    S.w = [0.25, 0.75]
    net = b.Network(G, S)
    net.run(1 * b.ms)
    plain = net.get_states(units=False)
    writable = net.get_states(read_only_variables=False)
    with_sub = net.get_states(subexpressions=True)
    net.set_states({'neurons': {'v': [4, 5, 6] * b.mV}, 'syn': {'w': [1.0, 2.0]}})
    after = net.get_states(units=False)
    net.set_states({'neurons': {'v': [0.001, 0.002, 0.003]}}, units=False)

    def keys(states):
        return {name: sorted(values) for name, values in states.items()}

    def numbers(states):
        return {name: {k: [float(x) for x in np.ravel(np.asarray(v))]
                       for k, v in sorted(values.items()) if k not in ('t', 'dt', 't_in_timesteps')}
                for name, values in states.items()}
    return dict(keys_plain=keys(plain), keys_writable=keys(writable),
                keys_with_sub=keys(with_sub), plain=numbers(plain), after=numbers(after),
                v_final=[float(x) for x in G.v], y=[float(x) for x in with_sub['neurons']['y']],
                v_in_volt=bool(b.have_same_dimensions(with_sub['neurons']['v'], b.volt)))


def schedule(b):
    """``scheduling_summary()`` of the magic network: what runs, part of what, on which
    clock, in which slot, active or not (names and the order numbers of synaptic pathways
    are eqsim's own and not compared)."""
    b.start_scope()
    G = b.NeuronGroup(3, 'dv/dt = -v/(10*ms) : 1', threshold='v>1', reset='v=0',
                      method='exact')
    G.run_regularly('v += 0.1', dt=1 * b.ms)
    S = b.Synapses(G, G, 'w : 1', on_pre='v += w')
    S.connect()
    M = b.StateMonitor(G, 'v', record=True, dt=0.5 * b.ms)
    spikes = b.SpikeMonitor(G)
    spikes.active = False

    @b.network_operation(dt=2 * b.ms, when='end')
    def nothing():
        pass
    entries = b.scheduling_summary().entries
    text = str(b.scheduling_summary())
    assert M is not None and S is not None
    return dict(entries=[[e.type, e.owner_type, float(e.dt), e.when, bool(e.active)]
                         for e in entries],
                header=text.splitlines()[0].split(), n_lines=len(text.splitlines()))


def summary_names(b):
    """The names ``scheduling_summary()`` and ``profiling_info`` give each operation, with
    its type and owner: thresholders and resetters per event, pathways, a summed variable,
    a spike generator, a Poisson group and input, monitors, run_regularly, a network
    operation. Sorted: the order of ties differs (eqsim keeps the order objects were added)."""
    b.start_scope()
    G = b.NeuronGroup(2, "dv/dt = -v/(10*ms) : 1\ndx/dt = -x/(5*ms) : 1", threshold="v > 1",
                      reset="v = 0", events={"custom": "x > 1"}, method="euler", name="cells")
    G.run_on_event("custom", "x = 0")
    G.run_regularly("v += 0.1", dt=1 * b.ms)
    P = b.PoissonGroup(2, 10 * b.Hz, name="poisson")
    SG = b.SpikeGeneratorGroup(1, [0], [1] * b.ms, name="generator")
    S = b.Synapses(G, G, "w : 1\ndz/dt = -z/(3*ms) : 1 (clock-driven)", on_pre="w += 1",
                   on_post="w -= 1", method="euler", name="plastic")
    S.connect()
    H = b.NeuronGroup(2, "s : 1\ndu/dt = -u/(5*ms) : 1", method="euler", name="targets")
    S2 = b.Synapses(G, H, "w : 1\ns_post = w : 1 (summed)", name="summing")
    S2.connect()
    PI = b.PoissonInput(G, "v", 3, 5 * b.Hz, weight=0.1)  # Brian2 takes no name=
    monitors = [b.StateMonitor(G, "v", record=0, name="trace"),
                b.SpikeMonitor(G, name="spikes"), b.EventMonitor(G, "custom", name="events"),
                b.PopulationRateMonitor(G, name="rate")]

    @b.network_operation(dt=1 * b.ms, name="nothing")
    def nothing():
        pass
    net = b.Network(G, P, SG, S, H, S2, PI, monitors, nothing)
    net.run(0.2 * b.ms, profile=True)
    entries = b.scheduling_summary(net).entries
    # Brian2 also profiles whole objects that ran no code (0 s): compare operation names
    operations = {e.name for e in entries}
    shown = {PI.name: "<poissoninput>"}  # its automatic name depends on earlier objects
    return dict(entries=sorted([shown.get(e.name, e.name), e.type, str(e.owner_name)]
                               for e in entries),
                profiled=sorted(shown.get(n, n) for n, _ in net.profiling_info
                                if n in operations))


def device_run_args(b):
    """Brian2's "multiple runs" with ``set_device('cpp_standalone', build_on_run=False)``:
    one recorded run, then ``device.run(run_args=...)`` with other parameters and initial
    values, each an independent simulation from the recorded start."""
    import tempfile
    b.start_scope()
    folder = tempfile.mkdtemp()  # Brian2's generated project (its build() default: ./output)
    b.set_device('cpp_standalone', build_on_run=False, directory=folder)
    try:
        G = b.NeuronGroup(3, """dv/dt = (drive - v)/tau : 1
                                tau : second (constant)
                                drive : 1 (constant)""", threshold='v > 1', reset='v = 0',
                          method='exact', name='cells')
        G.tau = 10 * b.ms
        G.drive = [1.5, 2.0, 3.0]
        stim = b.TimedArray([0.0, 1.0, 0.5, 0.0], dt=5 * b.ms)
        H = b.NeuronGroup(1, 'dx/dt = (stim(t) - x)/(2*ms) : 1', method='euler', name='driven')
        spikes = b.SpikeMonitor(G)
        trace = b.StateMonitor(H, 'x', record=0)
        net = b.Network(G, H, spikes, trace)
        net.run(20 * b.ms)
        b.device.build(run=False, directory=folder)
        results = []
        for run_args in ({}, {G.tau: 5 * b.ms}, {G.tau: 20 * b.ms, G.v: [0.9, 0.5, 0.0]},
                         {G.drive: [1.2, 1.2, 1.2], stim: [1.0, 0.0, 0.0, 2.0]}, {}):
            b.device.run(run_args=run_args)
            results.append(dict(count=[int(c) for c in spikes.count],
                                t=[float(x) for x in spikes.t], v=[float(x) for x in G.v],
                                x=[float(x) for x in trace.x[0]]))
        return results
    finally:
        b.device.reinit()
        b.set_device('runtime')


def custom_schedule(b):
    """``Network.schedule`` / ``magic_network.schedule`` / the default-schedule preference:
    synapses before thresholds delay every spike's effect by one step."""
    def simulate(set_schedule):
        b.start_scope()
        source = b.NeuronGroup(1, 'dv/dt = 1/(1*ms) : 1', threshold='v > 0.25', reset='v = 0',
                               method='euler')
        target = b.NeuronGroup(1, 'w : 1')
        link = b.Synapses(source, target, on_pre='w += 1')
        link.connect()
        trace = b.StateMonitor(target, 'w', record=0, when='end')
        net = b.Network(source, target, link, trace)
        set_schedule(net)
        net.run(1 * b.ms)
        return [float(x) for x in trace.w[0]]

    def swapped(net):
        net.schedule = ['start', 'groups', 'synapses', 'thresholds', 'resets', 'end']
    default = simulate(lambda net: None)
    own = simulate(swapped)
    b.prefs.core.network.default_schedule = ['start', 'groups', 'synapses', 'thresholds',
                                             'resets', 'end']
    try:
        preference = simulate(lambda net: None)
    finally:
        b.prefs.core.network.default_schedule = ['start', 'groups', 'thresholds', 'synapses',
                                                 'resets', 'end']
    try:
        b.Network().schedule = ['start', 'before_groups']
        refused = False
    except ValueError:
        refused = True
    return dict(default=default, own=own, preference=preference,
                magic_default=list(b.magic_network.schedule), before_slot_refused=refused)


def deferred_runs_with_changes_between(b):
    """Brian2's examples/standalone/simple_case_build.py, deterministic, with a state
    variable and an external constant changed between two recorded runs."""
    import tempfile
    b.start_scope()
    folder = tempfile.mkdtemp()
    b.set_device('cpp_standalone', build_on_run=False, directory=folder)
    try:
        namespace = {'tau': 10 * b.ms, 'I': 1}
        G = b.NeuronGroup(2, 'dv/dt = (I-v)/tau : 1', method='exact', namespace=namespace)
        G.v = [0.0, 0.5]
        mon = b.StateMonitor(G, 'v', record=True)
        net = b.Network(G, mon)
        net.run(20 * b.ms)
        namespace['I'] = 0
        G.v = [0.25, 0.75]
        net.run(10 * b.ms)
        b.device.build(directory=folder)
        return dict(t=[float(x) for x in mon.t], v0=[float(x) for x in mon.v[0]],
                    v1=[float(x) for x in mon.v[1]], v=[float(x) for x in G.v])
    finally:
        b.device.reinit()
        b.set_device('runtime')


CASES = {f.__name__: f for f in (stop_example, network_stop_then_continue, stop_two_clocks,
                                 network_states, schedule, device_run_args, custom_schedule,
                                 deferred_runs_with_changes_between, summary_names)}
