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
