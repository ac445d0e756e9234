"""Bad input to Network, its schedule, run(report=...), NetworkOperation and restore()
raises the built-in exception type Brian2 2.9.0 raises (each an EqsimError as well)."""
import tempfile
from pathlib import Path

import pytest

from eqsim import (Network, NetworkOperation, NeuronGroup, SpikeGeneratorGroup,
                   SpikeMonitor, StateMonitor, Synapses, ms, network_operation)
from eqsim.errors import (EqsimError, MissingDependencyError, NetworkItemError,
                          NetworkOperationArgumentsError, ReportTypeError, ScheduleError,
                          ScheduleTypeError, StoredObjectsMismatchError, UnknownReportError)


def test_adding_a_non_object_to_a_network_is_a_type_error():
    # Brian2: TypeError "Can only add objects of type BrianObject ..."
    with pytest.raises(TypeError) as caught:
        Network("not a BrianObject")
    assert isinstance(caught.value, NetworkItemError) and caught.value.code == "EQ270"


def test_a_schedule_that_is_no_sequence_of_names_is_a_type_error_bad_names_a_value_error():
    net = Network()
    with pytest.raises(TypeError) as caught:  # Brian2: TypeError
        net.schedule = object()
    assert isinstance(caught.value, ScheduleTypeError) and caught.value.code == "EQ271"
    with pytest.raises(TypeError):
        net.schedule = ["start", 3]
    with pytest.raises(ValueError) as caught:  # Brian2: ValueError for before_/after_ names
        net.schedule = ["start", "before_end"]
    assert isinstance(caught.value, ScheduleError) and not isinstance(caught.value, TypeError)


def test_a_monitor_or_synapses_without_their_group_is_a_value_error_at_run(target):
    # Brian2 test_dependency_check: ValueError when the run starts
    group = NeuronGroup(1, "v : 1", threshold="False", reset="")
    synapses = Synapses(group, group, "w : 1", on_pre="v += w")
    synapses.connect()
    for obj in (StateMonitor(group, "v", record=True), SpikeMonitor(group), synapses):
        with pytest.raises(ValueError) as caught:
            Network(obj).run(0 * ms)
        assert isinstance(caught.value, MissingDependencyError)
        assert caught.value.code == "EQ601"


def test_an_unknown_report_is_a_value_error(target):
    net = Network(NeuronGroup(1, ""))
    with pytest.raises(ValueError) as caught:  # Brian2: ValueError
        net.run(1 * ms, report="unknown")
    assert isinstance(caught.value, UnknownReportError) and caught.value.code == "EQ272"
    with pytest.raises(TypeError) as caught:  # Brian2: TypeError for a non-name, non-function
        net.run(1 * ms, report=object())
    assert isinstance(caught.value, ReportTypeError) and caught.value.code == "EQ278"


def test_network_operations_taking_more_than_t_are_type_errors():
    # Brian2 test_incorrect_network_operations: TypeError for each
    def two(x, y):
        pass

    def t_and_default(t, x=1):
        pass

    class Container:
        def two(self, x, y):
            pass

    for function in (two, t_and_default, Container().two):
        with pytest.raises(TypeError) as caught:
            NetworkOperation(function)
        assert isinstance(caught.value, NetworkOperationArgumentsError)
    with pytest.raises(TypeError):
        class Decorated:  # noqa: F841  (@network_operation on a method in its class body)
            @network_operation
            def step(self):
                pass


def test_network_operations_with_no_argument_or_t_are_called_accordingly(target):
    calls = []

    class Container:
        def at(self, t):
            calls.append(float(t / ms))

    net = Network(NetworkOperation(lambda: calls.append("none")),
                  NetworkOperation(Container().at, when="end"))
    net.run(0.2 * ms)
    assert calls == ["none", 0.0, "none", 0.1]


def test_restoring_into_a_network_of_other_objects_is_a_key_error(target):
    # Brian2 test_store_restore_to_file_differing_nets: KeyError for another source name
    # and for a missing monitor
    filename = Path(tempfile.mkdtemp()) / "state"
    source = SpikeGeneratorGroup(5, [0, 1, 2, 3, 4], [0, 1, 2, 3, 4] * ms, name="source_1")
    Network(source, SpikeMonitor(source, name="monitor")).store(filename=filename)
    source_2 = SpikeGeneratorGroup(5, [0, 1, 2, 3, 4], [0, 1, 2, 3, 4] * ms, name="source_2")
    for net in (Network(source_2, SpikeMonitor(source_2, name="monitor")), Network(source)):
        with pytest.raises(KeyError) as caught:
            net.restore(filename=filename)
        assert isinstance(caught.value, StoredObjectsMismatchError)
        assert isinstance(caught.value, EqsimError) and caught.value.code == "EQ274"
