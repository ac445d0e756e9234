"""The simulation context: seed, counters, Philox choice and caches in one object."""
import gc

import numpy as np
import pytest

from eqsim import (Hz, NeuronGroup, Network, PoissonInput, StateMonitor, Synapses, ms, mV,
                   seed, start_scope)
from eqsim.core.context import SimulationContext, current_context, set_current_context
from eqsim.core.preferences import prefs
from eqsim.errors import ContextError
from eqsim.runtime import random as rnd


@pytest.fixture
def own_context():
    """Run the test in a fresh current context; the previous one is current again after."""
    previous, target = current_context(), prefs["codegen.target"]
    context = set_current_context(SimulationContext(7))
    yield context
    set_current_context(previous)
    prefs["codegen.target"] = target


class _Owner:
    """Something a cache can be derived from."""


def test_two_contexts_do_not_share_object_or_evaluation_counters():
    first, second = SimulationContext(1), SimulationContext(1)
    assert [first.next_object_number() for _ in range(3)] == [1, 2, 3]
    assert second.next_object_number() == 1
    first.next_evaluation_number()
    assert second.next_evaluation_number() == 1
    assert (first.objects, first.evaluations) == (3, 1)


def test_objects_are_numbered_by_the_current_context(own_context):
    a = NeuronGroup(1, "v : 1")
    b = NeuronGroup(1, "v : 1")
    assert (a._random_id, b._random_id) == (1, 2)
    other = set_current_context(SimulationContext(7))
    try:
        assert NeuronGroup(1, "v : 1")._random_id == 1
    finally:
        set_current_context(own_context)
    assert NeuronGroup(1, "v : 1")._random_id == 3


def test_seed_resets_the_counters_and_sets_the_seed_of_the_current_context(own_context):
    NeuronGroup(2, "v : 1").v = "rand()"
    assert own_context.objects == 1 and own_context.evaluations == 1
    seed(123)
    assert (own_context.seed, own_context.objects, own_context.evaluations) == (123, 0, 0)
    assert own_context.explicit
    seed()
    assert not own_context.explicit and own_context.seed != 123


def test_start_scope_keeps_the_context_and_its_counters(own_context):
    # Brian2's start_scope() does not touch the random state; numbers continue
    NeuronGroup(1, "v : 1")
    start_scope()
    assert current_context() is own_context
    assert NeuronGroup(1, "v : 1")._random_id == 2


def test_a_context_without_seed_picks_one_once_and_keeps_it():
    context = SimulationContext()
    assert not context.explicit
    assert context.seed == context.seed


def test_the_process_slot_is_rank_0_of_1_without_mpi():
    context = SimulationContext()
    assert (context.rank, context.size) == (0, 1)
    assert (SimulationContext(rank=1, size=3).rank, SimulationContext(rank=1, size=3).size) \
        == (1, 3)


def test_a_context_gives_each_owner_its_own_cache_and_drops_it_with_the_owner():
    first, second = SimulationContext(), SimulationContext()
    owner = _Owner()
    first.cache(owner, "kind")["x"] = 1
    assert first.cache(owner, "kind") == {"x": 1}
    assert first.cache(owner, "other") == {} and second.cache(owner, "kind") == {}
    del owner
    gc.collect()
    assert not first._caches


def test_derived_caches_live_in_the_context_not_in_the_objects(own_context):
    prefs["codegen.target"] = "numpy"
    G = NeuronGroup(2, "dv/dt = -v/(10*ms) : 1", threshold="v > 1", reset="v = 0")
    S = Synapses(G, G, "dw/dt = -w/(5*ms) : 1 (event-driven)", on_pre="w += 1")
    S.connect()
    P = PoissonInput(G, "v", 5, 100 * Hz, weight=0.1)
    Network(G, S, P).run(1 * ms)
    for obj in (G, S, P):
        assert not set(vars(obj)) & {"_integration_cache", "_event_driven_cache",
                                     "_condition_flags", "_uniforms"}
    assert own_context.cache(G, "integration") and own_context.cache(S, "event_driven")
    assert own_context.cache(G, "condition_flags") and own_context.cache(P, "scratch")


def test_a_network_runs_with_the_seed_of_the_current_context(own_context):
    prefs["codegen.target"] = "numpy"

    def noisy_trace(context):
        set_current_context(context)
        G = NeuronGroup(3, "dv/dt = -v/(10*ms) + xi/sqrt(ms) : 1")
        M = StateMonitor(G, "v", record=True)
        Network(G, M).run(0.5 * ms)
        return M.v.copy()
    first, again = noisy_trace(SimulationContext(5)), noisy_trace(SimulationContext(5))
    other = noisy_trace(SimulationContext(6))
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)


def test_an_unknown_philox_implementation_is_an_error_naming_it():
    with pytest.raises(ContextError, match="'fortran'") as error:
        SimulationContext(philox="fortran")
    assert error.value.code == "EQ810" and "available" in error.value.hint


def test_the_philox_choice_is_recorded_and_both_give_the_same_bits(own_context):
    from eqsim.codegen.module import network_glue
    network_glue()  # the compiled rounds are available from now on
    index = np.arange(50_000, dtype=np.uint64) * np.uint64(2**33 + 5)
    draws = {}
    for name in ("numpy", "c"):
        own_context.use_philox(name)
        assert own_context.philox == name and rnd.selected_philox() == name
        draws[name] = (rnd.uniform(3, 11, 5, index), rnd.normal(3, 12, 2**40, index),
                       rnd.uint64(2**63, 1, 7, index))
    for numpy_draw, c_draw in zip(draws["numpy"], draws["c"]):
        np.testing.assert_array_equal(numpy_draw, c_draw)


def test_loading_the_glue_does_not_change_an_explicit_philox_choice(own_context):
    prefs["codegen.target"] = "cython"
    chosen = set_current_context(SimulationContext(7, philox="numpy"))
    automatic = SimulationContext(7)
    try:
        G = NeuronGroup(2, "dv/dt = -v/(10*ms) : 1")
        Network(G).run(0.1 * ms)
        assert chosen.philox == "numpy" and rnd.selected_philox() == "numpy"
        set_current_context(automatic)
        Network(G).run(0.1 * ms)
        # an automatic choice takes the compiled rounds, and says so
        assert automatic.philox_automatic and not chosen.philox_automatic
        assert automatic.philox == "c" and rnd.selected_philox() == "c"
    finally:
        set_current_context(own_context)
    assert rnd.selected_philox() == own_context.philox


def test_a_context_that_is_not_current_does_not_change_what_draws_use(own_context):
    from eqsim.codegen.module import network_glue
    network_glue()
    own_context.use_philox("numpy")
    SimulationContext(philox="c").use_philox("c")
    assert rnd.selected_philox() == "numpy"


def test_a_string_assignment_draws_the_same_values_with_either_philox(own_context):
    from eqsim.codegen.module import network_glue
    network_glue()
    prefs["codegen.target"] = "numpy"
    values = {}
    for name in ("numpy", "c"):
        own_context.use_philox(name)
        seed(3)
        G = NeuronGroup(100, "v : volt")
        G.v = "rand() * mV + randn() * mV"
        values[name] = G.v[:] / mV
    np.testing.assert_array_equal(values["numpy"], values["c"])
