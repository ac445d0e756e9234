"""Numbers a group cannot honour are refused with a LimitError naming the argument and
the value (issue 8): N=2.5 made 2 neurons, refractory=-1*ms and negative Poisson rates
were taken without a word. Where Brian2 defines the behaviour (a rate expression that
is negative gives no spikes) eqsim keeps it and warns."""
import warnings

import numpy as np
import pytest

from eqsim.core.limits import whole_number

from eqsim import (EqsimWarning, Hz, LimitError, NeuronGroup, PoissonGroup, PoissonInput,
                   SpikeGeneratorGroup, SpikeMonitor, TimedArray, ms, run, seed, start_scope)

GROUPS = {
    "NeuronGroup": lambda N: NeuronGroup(N, "v : 1"),
    "PoissonGroup": lambda N: PoissonGroup(N, rates=5 * Hz),
    "SpikeGeneratorGroup": lambda N: SpikeGeneratorGroup(N, [], [] * ms),
}
NOT_WHOLE = [2.5, np.float64(2.5), True, np.bool_(True), "3", float("inf"), float("nan"),
             None, [3]]
OUT_OF_RANGE = [0, -3, 2**40, 10**30]  # never allocatable: a regression fails at once


@pytest.mark.parametrize("kind", GROUPS)
@pytest.mark.parametrize("N", NOT_WHOLE, ids=repr)
def test_a_group_size_that_is_not_a_whole_number_is_refused(kind, N):
    with pytest.raises(LimitError) as info:
        GROUPS[kind](N)
    message = str(info.value)
    assert "N" in message and "whole number" in message and repr(N) in message


@pytest.mark.parametrize("kind", GROUPS)
@pytest.mark.parametrize("N", OUT_OF_RANGE)
def test_a_group_size_out_of_range_is_refused_before_allocating(kind, N):
    with pytest.raises(LimitError) as info:
        GROUPS[kind](N)
    assert f"between 1 and {2**31 - 1}" in str(info.value) and str(N) in str(info.value)


# Brian2 2.9.0: NeuronGroup('dv/dt = 5*Hz : 1', 1) and NeuronGroup(object(), ...) raise
# TypeError; NeuronGroup(0, ...), NeuronGroup(-1, ...) and N=nan raise ValueError.
@pytest.mark.parametrize("kind", GROUPS)
@pytest.mark.parametrize("N", ["dv/dt = 5*Hz : 1", object(), None, True],
                         ids=["equations", "object", "None", "True"])
def test_a_group_size_that_is_not_a_number_raises_a_type_error(kind, N):
    with pytest.raises(TypeError):
        GROUPS[kind](N)


@pytest.mark.parametrize("kind", ["NeuronGroup", "PoissonGroup"])
@pytest.mark.parametrize("N", [0, -1, float("nan"), 2.5], ids=repr)
def test_a_group_size_that_is_a_wrong_number_raises_a_value_error(kind, N):
    with pytest.raises(ValueError):
        GROUPS[kind](N)


def test_the_largest_size_is_the_largest_32_bit_index():
    # checked without building a group: one of 2**31 - 1 neurons would need 16 GB
    assert whole_number(2**31 - 1, "N") == 2**31 - 1
    with pytest.raises(LimitError, match="between 1 and 2147483647, got 2147483648"):
        whole_number(2**31, "N")


@pytest.mark.parametrize("kind", GROUPS)
@pytest.mark.parametrize("N", [3, np.int64(3), np.int32(3), 3.0, np.float64(3.0)], ids=repr)
def test_whole_numbers_of_any_numeric_type_are_sizes_as_in_brian2(kind, N):
    group = GROUPS[kind](N)
    assert len(group) == 3 and type(group.N) is int


@pytest.mark.parametrize("refractory", [-1 * ms, float("nan") * ms, float("inf") * ms],
                         ids=["negative", "nan", "inf"])
def test_a_refractory_period_that_is_negative_or_not_finite_is_refused(refractory):
    with pytest.raises(LimitError) as info:
        NeuronGroup(2, "v : 1", threshold="v > 1", refractory=refractory)
    assert "refractory period" in str(info.value)


@pytest.mark.usefixtures("numpy_target")
def test_a_refractory_expression_negative_for_some_neuron_is_refused_when_the_run_starts():
    G = NeuronGroup(3, "v : 1\nref : second", threshold="v > 1", refractory="ref", name="G")
    G.ref = [1, -2, 3] * ms
    with pytest.raises(LimitError) as info:
        run(1 * ms)
    message = str(info.value)
    assert "-0.002" in message and "neuron 1" in message and "'G'" in message
    G.ref = [1, 0, 3] * ms
    run(1 * ms)  # zero is a valid period


@pytest.mark.usefixtures("numpy_target")
def test_a_constant_refractory_string_that_is_negative_is_refused():
    G = NeuronGroup(2, "v : 1", threshold="v > 1", refractory="-1*ms", name="G")
    with pytest.raises(LimitError, match="refractory period"):
        run(1 * ms)


@pytest.mark.parametrize("rates", [-5 * Hz, [5, -1, 2] * Hz, float("nan") * Hz,
                                   float("inf") * Hz], ids=["negative", "one", "nan", "inf"])
def test_constant_poisson_rates_must_be_finite_and_not_negative(rates):
    with pytest.raises(LimitError) as info:
        PoissonGroup(3, rates=rates)
    assert "rate" in str(info.value) and "Hz" in str(info.value)


@pytest.mark.usefixtures("numpy_target")
def test_poisson_rates_assigned_negative_later_are_refused_when_the_run_starts():
    P = PoissonGroup(3, rates=5 * Hz, name="P")
    P.rates = [5, -1, 2] * Hz
    with pytest.raises(LimitError) as info:
        run(1 * ms)
    assert "neuron 1" in str(info.value) and "-1.0 Hz" in str(info.value)


def test_a_rate_expression_that_is_negative_gives_no_spikes_as_in_brian2_with_a_warning(
        both_targets):
    def simulate(target):
        start_scope()
        seed(3)
        P = PoissonGroup(4, rates="(2*i - 3)*2000*Hz", name="P")
        M = SpikeMonitor(P)
        with pytest.warns(EqsimWarning, match="neuron 0 .*2 of 4 neurons"):
            run(5 * ms)
        return np.asarray(M.count)
    on_numpy, on_cython = both_targets(simulate)
    np.testing.assert_array_equal(on_numpy, on_cython)
    assert on_numpy[0] == on_numpy[1] == 0 and on_numpy[2] > 0 and on_numpy[3] > 0


@pytest.mark.usefixtures("numpy_target")
def test_a_rate_expression_that_is_not_negative_gives_no_warning():
    P = PoissonGroup(4, rates="i*10*Hz")
    M = SpikeMonitor(P)
    with warnings.catch_warnings():
        warnings.simplefilter("error", EqsimWarning)
        run(1 * ms)
    assert M.count.size == len(P)


@pytest.mark.parametrize("rate", [-5 * Hz, float("nan") * Hz, float("inf") * Hz],
                         ids=["negative", "nan", "inf"])
def test_poisson_input_refuses_a_negative_or_infinite_rate_at_creation(rate):
    G = NeuronGroup(2, "v : 1")
    with pytest.raises(LimitError, match="rate of a PoissonInput"):
        PoissonInput(G, "v", 10, rate, weight=1)


@pytest.mark.parametrize("period", [float("nan") * ms, float("inf") * ms, -1 * ms],
                         ids=["nan", "inf", "negative"])
def test_a_spike_generator_period_must_be_finite_and_not_negative(period):
    with pytest.raises(LimitError, match="period"):
        SpikeGeneratorGroup(2, [0], [1] * ms, period=period)


@pytest.mark.parametrize("dt", [float("inf") * ms, float("nan") * ms, 0 * ms],
                         ids=["inf", "nan", "zero"])
def test_a_timed_array_step_must_be_finite_and_positive(dt):
    with pytest.raises(LimitError, match="dt of a TimedArray"):
        TimedArray([1, 2] * Hz, dt=dt)


# Brian2 2.9.0: NeuronGroup(0) / NeuronGroup(-1) / PoissonGroup(-1) raise ValueError,
# SpikeGeneratorGroup(0 | -1 | 1.5) raises TypeError ("N has to be an integer >=1").
# PoissonGroup(0) is accepted by 2.9.0 (refused here, as later Brian2 does: ValueError)
BRIAN2_SIZE_ERRORS = [("NeuronGroup", 0, ValueError), ("NeuronGroup", -1, ValueError),
                      ("PoissonGroup", -1, ValueError), ("PoissonGroup", 0, ValueError),
                      ("SpikeGeneratorGroup", 0, TypeError),
                      ("SpikeGeneratorGroup", -1, TypeError),
                      ("SpikeGeneratorGroup", 1.5, TypeError)]


@pytest.mark.parametrize("kind, N, builtin", BRIAN2_SIZE_ERRORS, ids=repr)
def test_a_refused_group_size_is_the_built_in_error_brian2_raises(kind, N, builtin):
    with pytest.raises(builtin) as info:
        GROUPS[kind](N)
    assert isinstance(info.value, LimitError)
    assert info.value.code == ("EQ276" if kind == "SpikeGeneratorGroup" else "EQ261")


def test_a_spike_generator_of_nan_neurons_is_a_value_error_too():
    # Brian2 2.9.0: SpikeGeneratorGroup(nan, ...) raises ValueError (the others TypeError)
    with pytest.raises(ValueError):
        GROUPS["SpikeGeneratorGroup"](float("nan"))
