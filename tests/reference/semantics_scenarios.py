"""Small scripts that run unchanged in Brian2 and in eqsim (issue 12, section 1): each sets
``result``, a dict of plain values (SI base units). make_brian2_semantics.py runs them in
Brian2 and saves brian2_semantics.json; the eqsim tests run them with `run_scenario` and
compare."""
import numpy as np

SCENARIOS = {}


def scenario(name, code):
    SCENARIOS[name] = code


def run_scenario(name, library):
    """Execute scenario ``name`` after ``from <library> import *``; its ``result``, with
    arrays as lists of floats."""
    namespace = {}
    exec(f"from {library} import *\n" + SCENARIOS[name], namespace)  # noqa: S102 - test code
    return {key: plain(value) for key, value in namespace["result"].items()}


def plain(value):
    if isinstance(value, (str, bool)) or value is None:
        return value
    array = np.asarray(value)
    if array.dtype.kind in "biuf":
        return array.astype(float).tolist() if array.ndim else float(array)
    return str(value)


# a magic run() over objects that are all new starts at t = 0; a monitor added later joins
# the running simulation; new groups mixed with ones that ran before are refused
scenario("magic_run_restarts_time", """
G = NeuronGroup(1, 'v : 1')
M1 = StateMonitor(G, 'v', record=0)
run(5*ms)
t_first = float(defaultclock.t / second)
del G, M1
inp = SpikeGeneratorGroup(1, [0], [1*ms])
S = SpikeMonitor(inp)
run(3*ms)
spikes, t_second = S.t[:], float(defaultclock.t / second)
M2 = StateMonitor(inp, 'i', record=0)
run(1*ms)
t_joined, m2_t = float(defaultclock.t / second), M2.t[:]
H = NeuronGroup(1, 'v : 1')
try:
    run(1*ms)
    mix_refused = False
except Exception:
    mix_refused = True
result = dict(t_first=t_first, spikes=spikes, t_second=t_second, t_joined=t_joined,
              m2_t=m2_t, mix_refused=mix_refused)
""")

# M.v and M[i].v are copies: changing them leaves the recording alone; M[i].t is the times
scenario("state_monitor_copies", """
G = NeuronGroup(2, 'dv/dt = (20*mV - v)/(10*ms) : volt', method='exact')
M = StateMonitor(G, 'v', record=True)
run(1*ms)
vm = M.v[0]
vm[3] = 50*mV
row = M[1].v
row[2] = 60*mV
result = dict(changed=vm[3], stored=M.v[0][3], stored_row=M[1].v[2], t_single=M[1].t,
              t=M.t[:], single_unitless=M[0].v_)
""")

# an unsuffixed name in synaptic code, model equations, connect conditions and reads means
# the postsynaptic variable when the Synapses has none of that name
scenario("postsynaptic_names_without_suffix", """
P = NeuronGroup(2, 'dv/dt = -v/(10*ms) : 1\\nx : 1', threshold='v > 1', reset='v = 0',
                method='exact')
Q = NeuronGroup(2, 'dv/dt = -v/(10*ms) : 1\\nge : 1\\ny : 1\\nz : 1\\ndouble_y = 2*y : 1',
                method='exact')
P.v = [2, 2]
P.x = [1, 2]
Q.y = [10, 20]
S = Synapses(P, Q, '''w : 1
dq/dt = (y - q)/(5*ms) : 1 (clock-driven)
s = double_y + w : 1''', on_pre='ge += w + y\\nz = v + double_y', method='euler')
S.connect('y > 15 or i == 0')
S.w = 'y + x_pre'
read_y, read_double_y = S.y[:], S.double_y[:]
M = StateMonitor(S, ['y', 'w'], record=True)
run(0.3*ms)
result = dict(i=S.i[:], j=S.j[:], w=S.w[:], read_y=read_y, read_double_y=read_double_y,
              ge=Q.ge[:], z=Q.z[:], q=S.q[:], s=S.s[:], monitored_y=M.y[:, -1],
              monitored_w=M.w[:, -1])
""")

# StateMonitor(G, True) records the subexpressions too; a Synapses' summed target, with or
# without _post, can be recorded through the Synapses
scenario("state_monitor_all_and_summed", """
P = NeuronGroup(2, 'v : 1', threshold='True')
Q = NeuronGroup(2, '''dv/dt = (g - v)/ms : 1
g : 1
I = 2*g + v : 1
c : 1 (constant)''', method='exact')
Q.c = 3
S = Synapses(P, Q, 'w : 1\\ng_post = w : 1 (summed)')
S.connect()
S.w = 'i + j + 1'
every = StateMonitor(Q, True, record=True)
summed = StateMonitor(S, 'g', record=True)
summed_post = StateMonitor(S, 'g_post', record=True)
run(0.3*ms)
result = dict(names=' '.join(sorted(every.record_variables)), I=every.I[:, -1], v=every.v[:, -1],
              c=every.c[:, -1], g=summed.g[:, -1], g_post=summed_post.g_post[:, -1])
""")

# S.pre.delay[:] and S.<pathway>.delay[:] read the pathway's delays: one given to
# Synapses(delay=...), or per synapse
scenario("pathway_delays", """
G = NeuronGroup(3, 'v : 1', threshold='False')
S = Synapses(G, G, on_pre={'pre': 'v += 1', 'p2': 'v += 2'}, delay={'pre': 1*ms})
S.connect(i=[0, 1], j=[1, 2])
one_pre, zero_p2, zero_p2_size = S.pre.delay[:], array(S.p2.delay[:]), size(S.p2.delay[:])
S.p2.delay = 'j*ms'
result = dict(one_pre=one_pre, zero_p2=zero_p2, zero_p2_size=zero_p2_size, per_synapse=S.p2.delay[:], all_pre=S.delay[:])
""")

# weights with units: histogram's counts are the weights' values in SI units
scenario("histogram_with_quantity_weights", """
counts, edges = histogram(array([1., 2, 3])*ms, bins=3, weights=array([1., 2, 3])*mV)
counts_plain, _ = histogram(array([1., 2, 3]), bins=3, weights=array([1., 2, 3])*nA)
result = dict(counts=counts, edges=edges, counts_plain=counts_plain)
""")

# prefs.core.default_float_dtype = float32 makes the float variables of groups and synapses
# created afterwards float32 (integers and explicit dtype= stay); the simulation runs on them
scenario("default_float_dtype_float32", """
prefs.core.default_float_dtype = float32
try:
    G = NeuronGroup(2, '''dv/dt = (1.1 - v)/(10*ms) : 1
x : 1
n : integer''', threshold='v > 1', reset='v = 0', method='exact')
    S = Synapses(G, G, 'w : 1', on_pre='x += w')
    explicit = NeuronGroup(1, 'y : 1', dtype=float64)
finally:
    prefs.core.default_float_dtype = float64
later = NeuronGroup(1, 'y : 1')
S.connect()
S.w = 0.1
G.v = [0, 0.5]
run(30*ms)
result = dict(dtypes=' '.join(str(a.dtype) for a in (G.v[:], G.x[:], S.w[:], G.n[:],
                                                      explicit.y[:], later.y[:])),
              v=G.v[:], x=G.x[:])
""")
