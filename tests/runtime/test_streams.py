"""The random-stream keying rule (eqsim.runtime.streams): which stream each draw uses."""
import numpy as np
import pytest

from eqsim import NeuronGroup, Synapses, defaultclock, prefs, run, seed
from eqsim.runtime import random as rng
from eqsim.runtime.streams import (connect_stream, evaluation_step, evaluation_stream,
                                   operation_key, operation_stream, poisson_group_streams,
                                   poisson_input_stream, procedural_value_stream,
                                   stream_id)


@pytest.fixture(autouse=True)
def numpy_target():
    previous = prefs["codegen.target"]
    yield
    prefs["codegen.target"] = previous


def test_stream_ids_are_pinned_so_every_process_and_release_draws_the_same_numbers():
    # BLAKE2b of the NUL-joined names, 52 bits: values seeded scripts depend on
    assert stream_id("connect", "3", "0") == 1619905831906013
    assert connect_stream(3, 0) == 1619905831906013
    assert evaluation_stream(2, 1) == stream_id("evaluate", "2", "_s1") == 3819432666030046
    assert 0 <= stream_id("any", "names") < 2**52


def test_stream_ids_tell_name_boundaries_apart_and_refuse_non_strings():
    assert stream_id("ab", "c") != stream_id("a", "bc")
    assert len({connect_stream(1, 0), connect_stream(1, 1), connect_stream(2, 0),
                *poisson_group_streams(1), poisson_input_stream(1),
                procedural_value_stream(1, "w", 0), procedural_value_stream(1, "w", 1)}) == 8
    with pytest.raises(TypeError):
        stream_id("x", 1)


def test_operation_streams_follow_the_object_number_and_role_not_the_name():
    assert operation_key("neurongroup_7_stateupdater", "neurongroup_7", 3) == \
        operation_key("cells_stateupdater", "cells", 3) == "3_stateupdater"
    assert operation_key("cells_thresholder", "cells", 3) != \
        operation_key("cells_stateupdater", "cells", 3)
    assert operation_key("free_op") == "free_op"  # no owning object: its own name
    assert operation_stream("3_stateupdater", 0) != operation_stream("3_stateupdater", 1)


def test_a_kernel_draws_rand_from_its_operations_stream_at_the_step_and_element():
    seed(11)
    group = NeuronGroup(5, "x : 1")
    runner = group.run_regularly("x = rand()", dt=defaultclock.dt)
    run(2 * defaultclock.dt)  # steps 0 and 1: the values of step 1 remain
    stream = operation_stream(operation_key(runner.name, runner.name, runner._random_id), 0)
    assert np.array_equal(group.x_, rng.uniform(11, stream, 1, np.arange(5)))


def test_string_assignments_draw_from_the_evaluation_stream_and_step():
    seed(5)
    group = NeuronGroup(4, "x : 1")
    group.x = "rand()"
    group.x = "x + 2*rand()"  # the second evaluation since seed()
    first = rng.uniform(5, evaluation_stream(1, 0), evaluation_step(1), np.arange(4))
    second = rng.uniform(5, evaluation_stream(2, 0), evaluation_step(2), np.arange(4))
    assert np.array_equal(group.x_, first + 2 * second)


def test_each_connect_call_samples_from_its_own_stream():
    seed(2)
    group = NeuronGroup(30, "x : 1")
    first = Synapses(group, group)
    first.connect(p=0.3)
    second = Synapses(group, group)
    second.connect(p=0.3)
    seed(2)
    again = NeuronGroup(30, "x : 1")
    third = Synapses(again, again)
    third.connect(p=0.3)
    # same object number and call: same synapses; another object: other synapses
    assert np.array_equal(first.i[:], third.i[:]) and np.array_equal(first.j[:], third.j[:])
    assert not (len(first) == len(second) and np.array_equal(first.j[:], second.j[:]))
