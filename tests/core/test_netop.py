"""Which functions ``network_operation`` takes, as Brian2 2.9.0's NetworkOperation: no
argument or only the time ``t``; a function wanting more is refused with a TypeError
when the operation is made (eqsim made it and failed at the first step of the run)."""
import pytest

from eqsim import Network, NetworkOperation, ms, network_operation


def test_a_function_of_two_arguments_is_refused_when_the_operation_is_made():
    def f(t, x):
        pass
    with pytest.raises(TypeError, match="2 arguments"):  # Brian2: TypeError at creation
        network_operation(f)
    with pytest.raises(TypeError):
        network_operation(dt=1 * ms)(f)
    with pytest.raises(TypeError):
        NetworkOperation(lambda t, x=1: None)  # Brian2 counts defaulted ones too


def test_a_plain_function_whose_first_argument_is_self_is_refused():
    def method(self):
        pass
    with pytest.raises(TypeError, match="self"):  # Brian2: TypeError (a class method?)
        network_operation(method)


def test_no_argument_a_time_argument_and_a_bound_method_are_called_each_step(target):
    calls = []

    class Recorder:
        def step(self, t):
            calls.append(("method", round(float(t / ms), 6)))

    @network_operation
    def no_argument():
        calls.append(("none", None))

    @network_operation
    def with_time(t):
        calls.append(("t", round(float(t / ms), 6)))

    @network_operation
    def only_varargs(*args):  # Brian2: co_argcount is 0, so called with nothing
        calls.append(("varargs", args))

    net = Network(no_argument, with_time, only_varargs, NetworkOperation(Recorder().step))
    net.run(0.2 * ms)
    assert sorted(calls, key=str) == sorted(
        [("none", None)] * 2 + [("t", 0.0), ("t", 0.1)] + [("varargs", ())] * 2
        + [("method", 0.0), ("method", 0.1)], key=str)
