"""Brian2's function API (eqsim.core.functions): declarations, unit checks of calls,
implementations per target, DEFAULT_FUNCTIONS, Python-level exprel."""
import numpy as np
import pytest

import eqsim
from eqsim import (DEFAULT_FUNCTIONS, Function, NeuronGroup, Network, check_units,
                   declare_types, exprel, implementation, mV, ms, nA, volt, Hz)
from eqsim.errors import DimensionMismatchError, UserFunctionError


def _run_regularly(code, namespace, n=3, model="v : 1"):
    G = NeuronGroup(n, model, namespace=namespace)
    G.run_regularly(code)
    Network(G, *G.contained_objects).run(0.1 * ms)
    return G


def test_core_functions_module_has_brian2s_public_names():
    import eqsim.core.functions as functions
    assert set(functions.__all__) >= {"DEFAULT_FUNCTIONS", "Function", "implementation",
                                      "declare_types"}
    assert eqsim.Function is functions.Function


def test_a_function_without_check_units_gets_brian2s_error_naming_it():
    def f(x):
        return x
    with pytest.raises(UserFunctionError, match="'f' does not specify how it deals with "
                                                "units") as info:
        Function(f)
    assert info.value.code == "EQ170" and isinstance(info.value, ValueError)


def test_a_plain_python_function_in_a_model_string_gets_the_same_error(numpy_target):
    def f(x):
        return x
    with pytest.raises(UserFunctionError, match="'@check_units'"):
        _run_regularly("v = f(i)", {"f": f})


def test_check_units_without_result_is_refused_for_model_strings():
    @check_units(x=1)
    def f(x):
        return x
    with pytest.raises(UserFunctionError, match="unit for its return value"):
        Function(f)


def test_function_takes_units_from_arguments_and_records_brian2s_attributes():
    @check_units(x=volt, y=1, result=volt)
    def f(x, y):
        return x * y
    assert f._arg_names == ["x", "y"] and f._arg_units == [volt, 1] and f._return_unit is volt
    function = Function(f)
    assert function.result_dimension([volt.dim, eqsim.DIMENSIONLESS]) is volt.dim
    assert function(2 * mV, 3) == 6 * mV


def test_a_call_with_an_argument_of_the_wrong_unit_names_function_and_argument(numpy_target):
    @check_units(x=volt, result=1)
    def f(x):
        return x / mV
    with pytest.raises(DimensionMismatchError, match="argument 1 of 'f' must have volt") as info:
        _run_regularly("v = f(i)", {"f": f, "mV": mV})
    assert info.value.code == "EQ173"


def test_a_call_with_the_wrong_number_of_arguments_is_refused(numpy_target):
    @check_units(x=1, result=1)
    def f(x):
        return x
    with pytest.raises(DimensionMismatchError, match="takes 1 argument") as info:
        _run_regularly("v = f(i, i)", {"f": f})
    assert info.value.code == "EQ172"


def test_the_result_unit_is_checked_in_the_statement(numpy_target):
    @check_units(x=1, result=volt)
    def f(x):
        return x * volt
    with pytest.raises(DimensionMismatchError, match="assigns a value with dimension V"):
        _run_regularly("v = f(i)", {"f": f})


@pytest.mark.parametrize("code", ["EQ174"])
def test_a_result_of_the_wrong_unit_at_run_time_is_an_error_on_both_targets(target, code):
    @check_units(x=1, result=1)
    def f(x):
        return x * mV
    with pytest.raises(DimensionMismatchError, match="returned") as info:
        _run_regularly("v = f(i)", {"f": f, "mV": mV})
    assert info.value.code == code


def test_return_unit_may_be_a_function_of_the_argument_units(numpy_target):
    square = Function(lambda x: x ** 2, arg_units=[None], return_unit=lambda u: u ** 2)
    G = _run_regularly("w = square(x)", {"square": square}, model="x : volt\nw : volt**2")
    G.x = [1, 2, 3] * mV
    Network(G, *G.contained_objects).run(0.1 * ms)
    np.testing.assert_allclose(np.asarray(G.w[:]), [1e-6, 4e-6, 9e-6])


def test_arg_units_may_name_another_argument():
    clip_like = Function(np.clip, arg_units=[None, "a", "a"], arg_names=["a", "lo", "hi"],
                         return_unit=lambda a, lo, hi: a)
    assert clip_like.result_dimension([volt.dim] * 3) is volt.dim
    with pytest.raises(DimensionMismatchError):
        clip_like.result_dimension([volt.dim, eqsim.DIMENSIONLESS, volt.dim])
    with pytest.raises(UserFunctionError, match="arg_names"):
        Function(np.clip, arg_units=[None, "a", "a"], return_unit=1)


def test_declare_types_checks_names_and_types():
    @declare_types(k="integer", result="highest")
    def f(k):
        return k
    assert f._arg_types == ["integer"] and f._return_type == "highest"
    with pytest.raises(UserFunctionError, match="unknown argument 'z'"):
        declare_types(z="float")(lambda k: k)
    with pytest.raises(UserFunctionError, match="type 'complex'"):
        declare_types(k="complex")(lambda k: k)
    with pytest.raises(UserFunctionError, match="non-float arguments"):
        Function(lambda k: k, arg_units=[volt], return_unit=1, arg_types=["integer"])


def test_discard_units_runs_the_function_on_si_values(numpy_target):
    @implementation("numpy", discard_units=True)
    @check_units(I=eqsim.amp, result=Hz)
    def rate(I):
        return np.clip((I - 1 * nA) * 50 * Hz / nA, 0 * Hz, 100 * Hz)
    assert np.asarray(rate.python_implementation()(np.array([2e-9, 5e-9]))).tolist() == \
        pytest.approx([50.0, 100.0])
    with pytest.raises(UserFunctionError, match="discard_units"):
        implementation("cpp", "double f(double x) { return x; }", discard_units=True)(rate)


def test_a_numpy_implementation_replaces_the_python_function(numpy_target):
    @implementation("numpy", lambda x: x * 3.0)
    @check_units(x=1, result=1)
    def f(x):
        return x * 2
    G = _run_regularly("v = f(i)", {"f": f})
    assert np.asarray(G.v[:]).tolist() == [0.0, 3.0, 6.0]


def test_add_numpy_implementation_gives_the_function_the_numpy_target_calls(numpy_target):
    """Brian2: the wrapped function replaces pyfunc; it gets its arguments with units
    unless discard_units=True, and its result's unit is checked."""
    @check_units(I=eqsim.amp, result=1)
    def f(I):
        return I / nA
    f = Function(f)
    f.implementations.add_numpy_implementation(lambda I: 2 * I / nA)
    G = _run_regularly("v = f(i * nA)", {"f": f, "nA": nA})
    assert np.asarray(G.v[:]).tolist() == pytest.approx([0.0, 2.0, 4.0])
    f.implementations.add_numpy_implementation(lambda I: 3 * I * 1e9, discard_units=True)
    G = _run_regularly("v = f(i * nA)", {"f": f, "nA": nA})
    assert np.asarray(G.v[:]).tolist() == pytest.approx([0.0, 3.0, 6.0])
    f.implementations.add_numpy_implementation(lambda I: I)  # an ampere, not 1
    with pytest.raises(DimensionMismatchError):
        _run_regularly("v = f(i * nA)", {"f": f, "nA": nA})


def test_a_function_added_to_default_functions_is_found_without_a_namespace(target):
    DEFAULT_FUNCTIONS["triple_it"] = Function(lambda x: 3 * x, arg_units=[1], return_unit=1)
    try:
        G = _run_regularly("v = triple_it(i)", {})
    finally:
        del DEFAULT_FUNCTIONS["triple_it"]
    assert np.asarray(G.v[:]).tolist() == [0.0, 3.0, 6.0]


def test_default_functions_lists_the_built_ins_with_their_units():
    assert {"exp", "log", "sqrt", "clip", "int", "rand", "randn", "exprel", "timestep"} <= \
        set(DEFAULT_FUNCTIONS)
    assert DEFAULT_FUNCTIONS["sqrt"].result_dimension([(volt ** 2).dim]) is volt.dim
    assert DEFAULT_FUNCTIONS["exp"].result_dimension([eqsim.DIMENSIONLESS]) is \
        eqsim.DIMENSIONLESS
    with pytest.raises(DimensionMismatchError):
        DEFAULT_FUNCTIONS["exp"].result_dimension([volt.dim])


def test_python_level_exprel_is_accurate_near_zero_and_one_at_zero():
    x = np.array([-2.0, -1e-10, 0.0, 1e-12, 3.0])
    expected = [np.expm1(-2.0) / -2.0, 1 - 0.5e-10, 1.0, 1.0 + 0.5e-12, np.expm1(3.0) / 3.0]
    np.testing.assert_allclose(exprel(x), expected, rtol=1e-15)
    assert exprel(0.0) == 1.0 and exprel(2 * mV / mV) == pytest.approx(np.expm1(2.0) / 2)
    with pytest.raises(DimensionMismatchError):
        exprel(2 * mV)


def test_a_function_used_as_a_value_is_an_error_naming_it(numpy_target):
    @check_units(x=1, result=1)
    def f(x):
        return x
    with pytest.raises(eqsim.UnresolvedNameError, match="'f' is a function"):
        _run_regularly("v = f + 1", {"f": f})


def test_a_stateless_function_may_be_integrated_exactly_a_stateful_one_not(numpy_target):
    def model(stateless, method):
        f = Function(lambda x: 2 * x, arg_units=[volt], return_unit=volt, stateless=stateless)
        G = NeuronGroup(2, "dv/dt = (f(v0) - v)/(2*ms) : volt\nv0 : volt",
                        namespace={"f": f}, method=method)
        G.v0 = [1, 2] * mV
        Network(G).run(1 * ms)
        return np.asarray(G.v[:])
    exact = model(True, "exact")
    np.testing.assert_allclose(exact, 2 * np.array([1e-3, 2e-3]) * (1 - np.exp(-0.5)),
                               rtol=1e-12)
    with pytest.raises(eqsim.IntegrationError, match="not guaranteed to be constant") as info:
        model(False, "exact")
    assert info.value.code == "EQ179"


def test_brian2s_video_input_model_part_runs_with_a_whole_frame_per_call(numpy_target):
    """examples/advanced/opencv_movie.py without the camera: a run_regularly calls a
    function that returns the whole frame (NumPy target, as Brian2 runs it)."""
    width, height = 4, 3
    frames = iter(np.random.default_rng(1).random((10, height, width, 3)) * 255)

    @check_units(x=1, y=1, result=1)
    def video_input(x, y):
        grayscale = next(frames).mean(axis=2) / 128.
        return grayscale.ravel() - grayscale.ravel().mean()
    G = NeuronGroup(width * height, """dv/dt = (-v + I)/tau : 1
                    dv_th/dt = -v_th/tau_th : 1
                    row : integer (constant)
                    column : integer (constant)
                    I : 1 # input current""", threshold="v>v_th",
                    reset="v=0; v_th = 3*v_th + 1.0", method="exact",
                    namespace={"video_input": video_input, "tau": 10 * ms, "tau_th": 2 * ms,
                               "width": width})
    G.v_th = 1
    G.row = "i//width"
    G.column = "i%width"
    G.run_regularly("I = video_input(column, row)", dt=2 * ms)
    Network(G, *G.contained_objects).run(6 * ms)
    assert abs(float(np.sum(G.I[:]))) < 1e-12 and np.ptp(np.asarray(G.I[:])) > 0


def test_python_level_timestep_is_brian2s_rounding_of_t_over_dt():
    from eqsim.core.functions import timestep  # Brian2's brian2.core.functions path
    from eqsim import ms
    assert timestep(1 * ms, 0.1 * ms) == 10 and isinstance(timestep(1 * ms, 0.1 * ms), int)
    # 0.3 ms / 0.1 ms is 2.9999999999999996 in floating point: still step 3
    assert timestep(0.3 * ms, 0.1 * ms) == 3
    assert timestep(np.array([0.0, 0.1, 0.25]) * ms, 0.1 * ms).tolist() == [0, 1, 2]


def test_expm1_log1p_and_t_in_timesteps_give_brian2s_values(target):
    """Brian2 2.9.0 (both targets): expm1(0.1*i) [0, 0.10517092, 0.22140276], log1p(0.2*i)
    [0, 0.18232156, 0.33647224], t_in_timesteps 2 in the third step (and available in a
    synaptic statement, the step of the spike's arrival)."""
    from eqsim import SpikeGeneratorGroup, Synapses, run, start_scope
    start_scope()
    G = NeuronGroup(3, "a : 1\nb : 1\nc : 1\nd : 1 (constant over dt)")
    G.run_regularly("a = expm1(0.1*i)\nb = log1p(0.2*i)\nc = t_in_timesteps")
    G.d = "t_in_timesteps + 1"
    source = SpikeGeneratorGroup(1, [0], [0.1] * ms)
    S = Synapses(source, G, "step_seen : 1", on_pre="step_seen = t_in_timesteps")
    S.connect(j="0")
    run(0.3 * ms)
    np.testing.assert_allclose(G.a[:], [0, 0.10517092, 0.22140276], rtol=1e-7)
    np.testing.assert_allclose(G.b[:], [0, 0.18232156, 0.33647224], rtol=1e-7)
    assert G.c[:].tolist() == [2, 2, 2] and G.d[:].tolist() == [1, 1, 1]
    assert S.step_seen[:].tolist() == [1]
    assert {"expm1", "log1p"} <= set(DEFAULT_FUNCTIONS)


def test_poisson_draws_the_same_numbers_on_both_targets_with_the_right_moments(both_targets):
    """Brian2's poisson(lam) in model strings (a per-element mean, an assignment, a
    synaptic statement): the same draws on both targets; mean and variance lam."""
    from eqsim import SpikeGeneratorGroup, Synapses, run, seed, start_scope

    def simulate(target_name):
        start_scope()
        seed(3)
        G = NeuronGroup(4000, "a : 1\nb : 1\nlam : 1\nhits : 1")
        G.lam = "0.5 + (i % 4)*20"
        G.run_regularly("a = poisson(2.0)\nb = poisson(lam)")
        G.hits = "poisson(3)"
        source = SpikeGeneratorGroup(1, [0], [0.1] * ms)
        S = Synapses(source, G, on_pre="hits_post += poisson(1.5)")
        S.connect()
        run(0.3 * ms)
        return G.a[:].copy(), G.b[:].copy(), G.hits[:].copy(), G.lam[:].copy()

    numpy_run, cython_run = both_targets(simulate)
    for a, b in zip(numpy_run, cython_run):
        np.testing.assert_array_equal(a, b)
    a, b, hits, lam = numpy_run
    assert abs(a.mean() - 2) < 5 * np.sqrt(2 / a.size) and abs(a.var() / 2 - 1) < 0.15
    for mean in (0.5, 20.5, 60.5):
        chosen = b[lam == mean]
        assert abs(chosen.mean() - mean) < 5 * np.sqrt(mean / chosen.size)
    assert abs(hits.mean() - 4.5) < 5 * np.sqrt(4.5 / hits.size)
    assert np.all(a == np.floor(a)) and "poisson" in DEFAULT_FUNCTIONS


def test_poisson_takes_a_dimensionless_mean():
    G = NeuronGroup(2, "a : 1")
    with pytest.raises(DimensionMismatchError):
        G.a = "poisson(2*mV)"


def test_floor_division_divides_exactly_on_both_targets(target):
    """Brian2's own test_semantics_floor_division: 98 // 98 is 1 (it was 0: the quotient was
    taken as 98 times the reciprocal of 98, 0.9999999999999999, on both targets), also for
    integer variables, doubles, negative operands, string assignments and units."""
    from eqsim import run, start_scope
    start_scope()
    G = NeuronGroup(3, "n : integer\nx : 1\na : integer\nb : 1\nc : integer\nd : second")
    G.n = [98, 196, -7]
    G.x = [98, 196, -7.5]
    G.run_regularly("a = n // 98\nb = x // 98\nc = (n // 2) // 49\nd = (10*ms) // (3*ms)*ms")
    run(0.1 * ms)
    assert G.a[:].tolist() == [1, 2, -1] and G.b[:].tolist() == [1, 2, -1]
    assert G.c[:].tolist() == [1, 2, -1]
    np.testing.assert_allclose(G.d_[:], [3e-3] * 3)
    G.a = "n // 98"
    assert G.a[:].tolist() == [1, 2, -1]


def test_floor_division_modulo_expm1_log1p_and_time_steps_in_every_statement_flavour(target):
    """Brian2 2.9.0's numbers (NumPy and Cython targets alike to 1e-15): //, %, expm1,
    log1p, t_in_timesteps and timestep() in shared statements and a mixed block
    (run_regularly), a reset and a threshold with a refractory condition, an
    (unless refractory) equation, synapses between subgroups (on_pre, on_post,
    clock-driven and summed), string assignments to a group, a subgroup, a shared
    variable and synapses (also with a condition)."""
    from eqsim import SpikeMonitor, Synapses, run, start_scope
    start_scope()
    G = NeuronGroup(6, "n : integer\nx : 1\ns : 1 (shared)\nk : integer (shared)\na : 1\n"
                       "b : 1\nc : 1\nz : 1\ndr/dt = (n // 2 + x % 0.7)/ms : 1 (unless refractory)",
                    threshold="timestep(t, dt) % 3 == i % 3",
                    refractory="timestep(t - lastspike, dt) < n % 4",
                    reset="c = c + x // 0.7 + expm1(x*0.1) + t_in_timesteps % 2", method="euler")
    G.n = "i - 3"
    G.x = [-2.1, -0.35, 0.1, 0.65, 1.3, 2.9]
    G.run_regularly("s = t_in_timesteps // 3 + (timestep(t, dt) - 5) % 3 + expm1(t/ms) + "
                    "log1p(t/ms)\nk = (t_in_timesteps - 7) // -2\na = (n + k) // 2 + x % -0.7 + s")
    H = NeuronGroup(6, "y : 1")
    S = Synapses(G[1:4], G[2:6], "w : 1\ndu/dt = (x_pre % 0.7 + n_post // 2)/ms : 1 "
                                 "(clock-driven)\nz_post = w // 0.3 + log1p(u) : 1 (summed)",
                 on_pre="w += expm1(x_post*0.1) + (n_pre - j) // 2",
                 on_post="b_pre += t_in_timesteps % 3 - x_post // 0.4", method="euler")
    S.connect(condition="abs(i - j) <= 1")
    S2 = Synapses(G, H, "y_post = (x_pre % 0.9) * 2 + n_pre // 2 : 1 (summed)")
    S2.connect(j="i")
    M = SpikeMonitor(G)
    run(0.75 * ms)

    def close(values, brian2):
        np.testing.assert_allclose(np.asarray(values), brian2, rtol=1e-12, atol=1e-14)
    s = 5.5443809585326465
    close(G.a[:], [s - 2, s - 1.35, s - 1.6, s - 0.05, s - 0.1, s + 0.4])
    close(G.b[:], [0, 1, -5, -19, 0, 0])
    close(G.c[:], [-11.56824726208944, -1.1031837512273006, 1.020100334168336,
                   1.201477073152578, 5.416485149973866, 9.672854976050944])
    close(G.r[:], [-1.04, -0.39, -0.36, 0.52, 0.48, 0.66])
    close(G.s[:], s)
    assert G.k[:] == 0
    close(S.w[:], [-2.9698494987474957, -5.798522926847422, -1.9798996658316639,
                   -1.8656819512316147, -3.7223432333507565, -2.798522926847422,
                   -2.583514850026135, -4.990717535923584])
    close(S.u[:], [-0.52, 0.28, -0.72, 0.08, 0.08, 0.52, 0.52, 1.32])
    close(H.y[:], [-0.8, 0.1, -0.8, 1.3, 0.8, 1.4])
    close(G.z[:], [0, 0, -16.00693485089309, -29.257468546074165, -21.504328624005687,
                   -16.15843281432178])
    assert M.i[:].tolist() == [0, 3, 1, 4, 2, 5, 0, 3, 1, 4, 2, 5, 0, 3, 1, 4]
    G.b = "log1p(x*0.1) + n // -2 + t_in_timesteps % 4"
    G[2:5].a = "x // 0.3 + i % 2 + timestep(t, dt) // 3"
    G.s = "t_in_timesteps % 4 + expm1(0.5)"
    S.w = "x_pre // -0.7 + log1p(j*0.1) + (i - j) % 3"
    S.w["i > j"] = "expm1(x_post) // 0.5"
    close(G.b[:], [0.7642776664789301, 0.9643728223568488, 0.009950330853168085,
                   0.06297479916138844, -0.8777823672757508, -0.7453577816264193])
    close(G.a[:], [s - 2, s - 1.35, 2, 5, 6, s + 0.4])
    close(G.s[:], 0.6487212707001282)
    close(S.w[:], [0, 2.0953101798043248, 0, -0.9046898201956751, 1.1823215567939547, 1,
                   -0.8176784432060453, 1.262364264467491])


def test_poisson_in_shared_refractory_subgroup_and_synaptic_flavours(both_targets):
    """poisson() beyond vector statements: a shared variable (run_regularly, string
    assignment, Synapses' run_regularly) takes one draw for all elements, as Brian2's scalar
    code; a temporary draws per element; draws in a reset, a threshold condition, an
    (unless refractory) variable, a subgroup and synapses between subgroups. Both targets
    draw the same numbers; means over elements and steps are lam (Brian2 2.9.0 gives
    the same statistics: fidelity sweep, 5 seeds)."""
    from eqsim import StateMonitor, SpikeMonitor, Synapses, run, seed, start_scope

    def simulate(_target):
        start_scope()
        seed(11)
        G = NeuronGroup(2000, "a : 1\nb : integer\nlam : 1\ns : 1 (shared)\n"
                              "si : integer (shared)\ndr/dt = 0/ms : 1 (unless refractory)",
                        threshold="poisson(lam) > 3", reset="b = poisson(4.5)",
                        refractory=0.25 * ms)
        G.lam = "0.5 + (i % 4)*2"
        G.run_regularly("s = poisson(3.5)\nsi = poisson(20)\ntmp = poisson(2)\na = s + tmp\n"
                        "r += poisson(lam)")
        G[500:1000].run_regularly("b += poisson(1) + i*0", when="end")
        S = Synapses(G[:1000], G[1000:], "w : 1\nws : 1 (shared)",
                     on_pre="w += poisson(lam_pre)\nb_post += poisson(0.5)")
        S.connect(j="i")
        S.run_regularly("ws = poisson(6)")
        M = StateMonitor(G, ["s", "si"], record=[0])
        MS = StateMonitor(S, "ws", record=[0])
        spikes = SpikeMonitor(G)
        run(20 * ms)
        G.s = "poisson(12)"
        S.ws = "poisson(9)"
        return dict(a=G.a[:].copy(), b=G.b[:].copy(), r=G.r[:].copy(), w=S.w[:].copy(),
                    s=M.s[0].copy(), si=M.si[0].copy(), ws=MS.ws[0].copy(),
                    assigned=(float(G.s[:]), float(S.ws[:])), lam=G.lam[:].copy(),
                    count=np.bincount(spikes.i[:], minlength=2000))

    numpy_run, cython_run = both_targets(simulate)
    for name in numpy_run:
        np.testing.assert_array_equal(numpy_run[name], cython_run[name], err_msg=name)
    result = numpy_run
    steps = 200
    for name, lam in (("s", 3.5), ("si", 20), ("ws", 6)):  # one draw per step for all
        values = result[name]
        assert values.size == steps and np.all(values == np.floor(values))
        assert abs(values.mean() - lam) < 5 * np.sqrt(lam / steps) and values.std() > 0
    assert result["assigned"][0] == np.floor(result["assigned"][0])
    # a = s + tmp: s is the last step's draw, the temporary one per neuron
    tmp = result["a"] - result["s"][-1]
    assert abs(tmp.mean() - 2) < 5 * np.sqrt(2 / tmp.size) and tmp.std() > 1
    lam, count = result["lam"], result["count"]
    rates = [count[lam == value].mean() for value in (0.5, 2.5, 4.5, 6.5)]
    assert 0 < rates[0] < rates[1] < rates[2] < rates[3]  # P(poisson(lam) > 3) grows
    for value in (0.5, 2.5, 4.5, 6.5):  # w: one poisson(lam_pre) per presynaptic spike
        chosen = lam[:1000] == value
        w, expected = result["w"][chosen], value * count[:1000][chosen].sum()
        assert np.all(w == np.floor(w)) and abs(w.sum() - expected) < 5 * np.sqrt(expected)
    assert result["r"].min() >= 0 and np.all(result["r"] == np.floor(result["r"]))


def test_a_plain_python_function_without_units_in_a_model_string_is_a_key_error(numpy_target):
    # Brian2 2.9.0 (test_user_defined_function_units): G.c = "nothing_specified(a, b, t)"
    # raises KeyError ('The identifier "nothing_specified" could not be resolved.')
    def f(x):
        return x
    with pytest.raises(KeyError) as info:
        _run_regularly("v = f(i)", {"f": f})
    assert info.value.code == "EQ280" and isinstance(info.value, UserFunctionError)


def test_function_declarations_brian2_refuses_with_type_error():
    # Brian2 2.9.0 (test_manual_user_defined_function, test_declare_types): TypeError
    def foo(x, y):
        return x + y
    with pytest.raises(TypeError):
        Function(foo, arg_units=[volt, "x"])
    with pytest.raises(TypeError):
        Function(foo, arg_units=[volt, "x"], arg_names=["x"])
    with pytest.raises(TypeError) as info:
        Function(lambda k: k, arg_units=[volt], return_unit=1, arg_types=["integer"])
    assert info.value.code == "EQ281" and isinstance(info.value, UserFunctionError)
