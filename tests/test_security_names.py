"""Names a user gives are data, on both targets: every public entry point that takes a
name (objects, events, pathways, index variables, recorded variables) refuses a name that
is not a plain identifier with an EqsimError, and no payload in a name or a model string
runs code: the sentinel file the payloads would create never appears.

The expression and statement strings themselves are covered in depth by
tests/parsing/test_parsing_security.py; here each string-taking entry point of the
public API gets the same payloads once, end to end, with a run on each target."""
import numpy as np
import pytest

from eqsim import (Clock, EqsimError, EventMonitor, InvalidNameError, Network, NeuronGroup,
                   PoissonGroup, PoissonInput, SpikeGeneratorGroup, SpikeMonitor, StateMonitor,
                   Synapses, TimedArray, Hz, ms, network_operation, run)

# each creates the file named {path} if it ever reaches a compiler or Python as code
NAME_PAYLOADS = [
    'x\n#include <stdlib.h>\n__attribute__((constructor)) static void p(void) '
    '{{ system("touch {path}"); }}\n//',
    'x[0]; }} static void __attribute__((constructor)) p(void) {{ system("touch {path}"); }} //',
    'x = 0\nimport os; os.system("touch {path}")\n#',
    'x"]; __import__("os").system("touch {path}"); #',
    "x'; __import__('os').system('touch {path}'); '",
    "x\rimport os",
    "x y",
    "x-y",
    "x.y",
    "1x",
    "",
    "_hidden",
    "v\u00e9",        # a Python identifier, but not ASCII: never valid C
    "\uff56",         # fullwidth 'v' (NFKC-normalises to 'v' in Python source)
    "x" * 300,
]

STRING_PAYLOADS = [
    "__import__('os').system('touch {path}')",
    "v); system(\"touch {path}\"); (v",
    "v\n#define v system(\"touch {path}\")",
    "open('{path}', 'w')",
]


def _payloads(templates, path):
    return [t.format(path=path) for t in templates]


def _group(**options):
    return NeuronGroup(3, "dv/dt = (2 - v)/(10*ms) : 1", threshold="v > 1", reset="v = 0",
                       method="exact", **options)


# entry point -> a callable taking the name; each must refuse every bad name
NAME_ENTRY_POINTS = {
    "NeuronGroup(name=)": lambda n: _group(name=n),
    "NeuronGroup(name='...*')": lambda n: _group(name=n + "*"),
    "NeuronGroup(events=)": lambda n: _group(events={n: "v > 0.5"}),
    "run_on_event": lambda n: _group(events={"up": "v > 0.5"}).run_on_event(n, "v = 0"),
    "run_regularly(name=)": lambda n: _group().run_regularly("v = 0", dt=1 * ms, name=n),
    "EventMonitor(event=)": lambda n: EventMonitor(_group(), n),
    "SpikeMonitor(variables=)": lambda n: SpikeMonitor(_group(), variables=[n]),
    "StateMonitor(variables=)": lambda n: StateMonitor(_group(), n, record=True),
    "Synapses(name=)": lambda n: Synapses(_group(), model="w : 1", on_pre="v += w", name=n),
    "Synapses(on_pre={name: ...})": lambda n: Synapses(_group(), on_pre={n: "v += 1"}),
    "Synapses(on_post={name: ...})": lambda n: Synapses(_group(), on_post={n: "v += 1"}),
    "Synapses(on_event=)": lambda n: Synapses(_group(), on_pre="v += 1", on_event=n),
    "Synapses(on_event={pre: name})": lambda n: Synapses(_group(), on_pre="v += 1",
                                                         on_event={"pre": n}),
    "Synapses(delay={name: ...})": lambda n: Synapses(_group(), on_pre="v += 1",
                                                      delay={n: 1 * ms}),
    "Synapses(multisynaptic_index=)": lambda n: Synapses(_group(), on_pre="v += 1",
                                                         multisynaptic_index=n),
    "PoissonGroup(name=)": lambda n: PoissonGroup(2, 10 * Hz, name=n),
    "SpikeGeneratorGroup(name=)": lambda n: SpikeGeneratorGroup(2, [0], [1] * ms, name=n),
    "PoissonInput(target_var=)": lambda n: PoissonInput(_group(), n, 5, 10 * Hz, weight="0.1"),
    "TimedArray(name=)": lambda n: TimedArray([1, 2], dt=1 * ms, name=n),
    "Clock(name=)": lambda n: Clock(1 * ms, name=n),
    "Network(name=)": lambda n: Network(name=n),
    "network_operation(name=)": lambda n: network_operation(lambda: None, name=n),
}


@pytest.mark.parametrize("entry", sorted(NAME_ENTRY_POINTS))
def test_every_name_taking_entry_point_refuses_names_that_are_not_identifiers(entry, sentinel):
    for name in _payloads(NAME_PAYLOADS, sentinel):
        with pytest.raises(EqsimError) as raised:
            NAME_ENTRY_POINTS[entry](name)
        message = str(raised.value)
        assert any(word in message for word in ("name", "variable", "event", "pathway")), \
            (entry, name, message)


@pytest.mark.parametrize("entry", ["NeuronGroup(name=)", "NeuronGroup(events=)",
                                   "Synapses(on_pre={name: ...})",
                                   "Synapses(multisynaptic_index=)"])
def test_bad_names_are_an_invalid_name_error_with_code_and_hint(entry):
    with pytest.raises(InvalidNameError) as raised:
        NAME_ENTRY_POINTS[entry]("a\nb")
    assert raised.value.code == "EQ127" and raised.value.hint


@pytest.mark.parametrize("name", [3, None, b"spike", ("a",)])
def test_names_that_are_not_strings_are_refused(name):
    if name is None:  # None means "no name given" for objects; events need a string
        with pytest.raises(InvalidNameError):
            Synapses(_group(), on_pre="v += 1", on_event=name)
        return
    with pytest.raises(InvalidNameError, match="string"):
        _group(name=name)
    with pytest.raises(InvalidNameError, match="string"):
        _group(events={name: "v > 0.5"})


def test_valid_names_in_every_role_run_on_both_targets(both_targets, sentinel):
    """The ordinary case still works: the same names as above but valid ones."""
    def simulate(target):
        G = NeuronGroup(2, "dv/dt = (2 - v)/(10*ms) : 1", threshold="v > 1", reset="v = 0",
                        events={"half": "v > 0.5"}, method="exact", name=f"cells_{target}")
        G.run_on_event("half", "v = v + 0.01")
        S = Synapses(G, G, "w : 1", on_pre={"fast": "v_post += w"}, on_event={"fast": "half"},
                     multisynaptic_index="k", delay={"fast": 1 * ms}, name="links*")
        S.connect(i=[0, 1], j=[1, 0])
        S.w = "0.001 * (k + 1)"
        M = StateMonitor(G, "v", record=True, name="trace")
        E = EventMonitor(G, "half", name="halves")
        net = Network(G, S, M, E, name="net")
        net.run(20 * ms)
        return M.v[:].copy(), E.i[:].copy()
    (v_numpy, e_numpy), (v_cython, e_cython) = both_targets(simulate)
    np.testing.assert_allclose(v_numpy, v_cython, rtol=1e-12)
    np.testing.assert_array_equal(e_numpy, e_cython)
    assert len(e_numpy) > 0


@pytest.mark.parametrize("kind", ["threshold", "reset", "model", "connect_condition",
                                  "string_assignment", "string_index", "run_regularly",
                                  "on_pre", "refractory", "poisson_rates"])
def test_payloads_in_model_strings_never_run(kind, target, sentinel):
    """Each payload is refused with an EqsimError or (a '#' starts a comment in a
    statement) is inert: the network is built and run, and nothing else happens."""
    for payload in _payloads(STRING_PAYLOADS, sentinel):
        try:
            objects = _use_string(kind, payload)
            Network(*objects).run(0.2 * ms)
        except EqsimError:
            pass


def _use_string(kind, text):
    """The objects of a small network that uses ``text`` as ``kind``."""
    G = _group()
    if kind == "threshold":
        return [NeuronGroup(1, "v : 1", threshold=text)]
    if kind == "reset":
        return [NeuronGroup(1, "v : 1", threshold="v > 1", reset=text)]
    if kind == "model":
        return [NeuronGroup(1, f"dv/dt = {text} : 1")]
    if kind == "refractory":
        return [NeuronGroup(1, "v : 1", threshold="v > 1", refractory=text)]
    if kind == "poisson_rates":
        return [PoissonGroup(1, rates=text)]
    if kind == "string_assignment":
        G.v = text
    elif kind == "string_index":
        G.v[text] = 0.5
    elif kind == "run_regularly":
        G.run_regularly(f"v = {text}", dt=1 * ms)
    elif kind in ("on_pre", "connect_condition"):
        S = Synapses(G, on_pre=f"v += {text}" if kind == "on_pre" else "v += 1")
        S.connect(condition=text if kind == "connect_condition" else "i != j")
        return [G, S]
    return [G]


# names that are fine in a model but are keywords, macros or library names of the targets:
# C keywords, libc/libm functions and macros the printer or headers use, gcc's predefined
# macros, names of eqsim's own C macros and of Python modules the NumPy code imports
TARGET_NAMES = ["static", "double", "int64_t", "NAN", "INFINITY", "M_PI", "linux", "unix",
                "errno", "fmax", "fmin", "pow", "fabs", "trunc", "floor_", "numpy", "math",
                "EQSIM_BLOCK", "restrict", "register", "main", "system", "stdin", "bind", "run"]


def test_variables_named_like_target_keywords_and_macros_run_on_both_targets(both_targets):
    """Every such name as a state variable, a constant and a parameter, with clip()
    (printed with fmin/fmax) and a fractional power (pow) in the equations: both targets
    build, run and agree, and the result is the analytic one."""
    equations = "\n".join(f"d{n}/dt = -{n}/tau : 1" for n in TARGET_NAMES)
    equations += "\ny = clip(static, 0, 1) + double**2.5 : 1"

    def simulate(target):
        G = NeuronGroup(2, equations, method="exact", namespace={"tau": 10 * ms},
                        name=f"keywords_{target}")
        for k, n in enumerate(TARGET_NAMES):
            setattr(G, n, 1.0 + k)
        Network(G).run(5 * ms)
        return np.array([getattr(G, n)[:] for n in TARGET_NAMES]), G.y[:].copy()
    (numpy_values, numpy_y), (cython_values, cython_y) = both_targets(simulate)
    expected = (1.0 + np.arange(len(TARGET_NAMES)))[:, None] * np.exp(-0.5) * np.ones(2)
    np.testing.assert_allclose(numpy_values, expected, rtol=1e-9)
    np.testing.assert_allclose(cython_values, expected, rtol=1e-9)
    np.testing.assert_allclose(cython_y, numpy_y, rtol=1e-12)


@pytest.mark.parametrize("name", ["start", "stop", "delay", "time", "p", "events_size",
                                  "n_indices", "source_start"])
def test_user_constants_named_like_internal_scalars_keep_their_value(name, target):
    """A constant named like a kernel's own scalars (its index range, its delay ...) is
    the user's value, not the kernel's."""
    G = NeuronGroup(3, f"dv/dt = {name}/tau : 1", method="euler",
                    namespace={name: 0.25, "tau": 1 * ms})
    M = StateMonitor(G, "v", record=[0])
    run(1 * ms)
    np.testing.assert_allclose(G.v[:], 0.25, rtol=1e-9)
    np.testing.assert_allclose(M.v[0][-1], 0.25 * 0.9, rtol=1e-9)
