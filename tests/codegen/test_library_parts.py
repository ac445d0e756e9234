"""A big network library is compiled as several parts at once, one gcc per CPU, each
kernel in one part: the split follows the kernels' estimated compile cost, never makes a
part too small to pay for its process, and changes nothing in the results."""
import numpy as np
import pytest

from eqsim import (Network, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, ms, mV, prefs,
                   seed, check_units, implementation)
from eqsim.codegen import library_parts, module
from eqsim.codegen.library_parts import MIN_PART_WEIGHT, assign_parts, kernel_weight


def test_a_kernel_s_characters_count_once_more_for_each_simd_loop():
    plain = "x" * 100
    assert kernel_weight(plain) == 100
    assert kernel_weight(plain + "#pragma omp simd") == 2 * 116
    assert kernel_weight(plain + "#pragma omp simd" * 2) == 3 * 132


def test_a_kernel_calling_the_block_of_uniforms_weighs_its_compile_time_too():
    plain = "eqsim_uniforms(key, step, first, n, out);"
    assert kernel_weight(plain) == len(plain) + library_parts.HELPER_WEIGHTS["eqsim_uniforms("]


def test_the_lent_binomial_sampler_adds_no_compile_time():
    # compiled into the network glue once (eqsim_binomial_lent.h)
    plain = "*_plan = _eqsim_binomial->prepare(n, p, s, k);"
    assert kernel_weight(plain) == len(plain)


def test_two_heavy_kernels_go_to_two_parts_on_two_cpus():
    parts, owner = assign_parts([20000, 20000, 1000], cpus=2)
    assert parts == 2
    assert owner[0] != owner[1]


def test_a_small_library_and_one_cpu_compile_whole():
    assert assign_parts([3000, 2000, 500], cpus=4) == (1, [0, 0, 0])
    assert assign_parts([50000, 50000], cpus=1) == (1, [0, 0])
    assert assign_parts([], cpus=4) == (1, [])


def test_no_part_gets_less_than_the_minimum_weight():
    weights = [5 * MIN_PART_WEIGHT] * 3
    parts, owner = assign_parts(weights, cpus=4)
    assert parts == 3  # a fourth part would get nothing
    loads = [sum(w for w, o in zip(weights, owner) if o == p) for p in range(parts)]
    assert min(loads) >= MIN_PART_WEIGHT
    assert assign_parts(weights, cpus=4) == (parts, owner)  # the same split every time


def test_part_0_s_own_share_of_the_file_keeps_the_heaviest_kernel_elsewhere():
    weights = [30000, 10000, 10000]
    assert assign_parts(weights, cpus=2)[1][0] == 0
    own = 40000 / library_parts.OWN_TEXT_WEIGHT
    parts, owner = assign_parts(weights, cpus=2, own_text=own)
    assert parts == 2 and owner[0] == 1


@pytest.fixture
def compiled(monkeypatch):
    previous = prefs["codegen.target"], prefs["codegen.cython.num_threads"]
    prefs["codegen.target"] = "cython"
    yield lambda cpus, min_weight=0: (
        monkeypatch.setattr(module, "usable_cpus", lambda: cpus),
        monkeypatch.setattr(module, "MIN_PART_WEIGHT", min_weight),
        monkeypatch.setattr(library_parts, "MIN_PART_WEIGHT", min_weight))
    prefs["codegen.target"], prefs["codegen.cython.num_threads"] = previous


def _network(threads):
    prefs["codegen.cython.num_threads"] = threads
    seed(11)
    eqs = """dv/dt = (ge - (v + 50*mV)) / (10*ms) + 3*mV*xi/sqrt(10*ms) : volt (unless refractory)
             dge/dt = -ge / (5*ms) : volt"""
    group = NeuronGroup(3000, eqs, threshold="v > -45*mV", reset="v = -60*mV",
                        refractory=2 * ms, method="euler")
    group.v = "-60*mV + rand()*15*mV"
    synapses = Synapses(group, group, "w : volt", on_pre="ge += w", delay=1 * ms)
    synapses.connect(p=0.01)
    synapses.w = "rand()*0.5*mV"
    spikes = SpikeMonitor(group)
    voltages = StateMonitor(group, "v", record=[0, 1500, 2999])
    net = Network(group, synapses, spikes, voltages)
    net.run(20 * ms)
    return net._module, spikes.i[:].copy(), spikes.t_[:].copy(), voltages.v_[:].copy()


@pytest.mark.parametrize("threads", [1, 2])
def test_a_library_compiled_in_parts_gives_the_bits_of_the_whole_library(compiled, threads):
    compiled(cpus=1)
    whole = _network(threads)
    assert whole[0].parts == 1
    for cpus in (2, 4):
        compiled(cpus=cpus)
        split = _network(threads)
        assert split[0].parts > 1
        assert "EQSIM_IN_PART(1)" in split[0].source
        assert split[1].size > 100
        for a, b in zip(whole[1:], split[1:]):
            np.testing.assert_array_equal(a, b)


def test_a_network_calling_user_c_code_compiles_whole(compiled):
    # user C code may keep static state: two parts would each have their own copy
    compiled(cpus=4)

    @implementation("cpp", "static double counted = 0;\n"
                           "double twice(double x) { counted += 1; return 2*x; }")
    @check_units(x=1, result=1)
    def twice(x):
        return 2 * x

    group = NeuronGroup(100, "dv/dt = -v/(10*ms) : 1\nu = twice(v) : 1",
                        threshold="u > 2", reset="v = 0")
    group.v = 1.5
    net = Network(group, SpikeMonitor(group))
    net.run(1 * ms)
    assert net._module.parts == 1


def test_a_threaded_library_leaves_its_forks_and_deferred_parts_to_the_glue(compiled):
    # compiled into the network glue once (eqsim_team_threads.h): in the library they were
    # ~0.1 s of gcc in every threaded cold build; the same spikes as one thread
    compiled(cpus=2)
    one, team = _network(1), _network(2)
    source = team[0].source
    assert "_threads->flush(&_threads_state, eqsim_team)" in source
    for body in ("eqsim_pool_run(", "eqsim_claim_parts(", "memcpy(part->args"):
        assert body not in source
    for a, b in zip(one[1:], team[1:]):
        np.testing.assert_array_equal(a, b)


def test_the_default_rule_splits_a_big_library_only(compiled):
    compiled(cpus=2, min_weight=MIN_PART_WEIGHT)
    group = NeuronGroup(10, "dv/dt = -v/(10*ms) : 1")
    net = Network(group)
    net.run(1 * ms)
    assert net._module.parts == 1
    assert _network(1)[0].parts == 2
