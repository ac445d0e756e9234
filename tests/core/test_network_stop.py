"""stop() and Network.stop(): the run ends once the current step is complete (Brian2's
semantics; the numbers are compared with Brian2 in tests/reference/)."""
import pytest

from eqsim import Network, NetworkOperation, NeuronGroup, defaultclock, ms, stop


def test_a_stop_before_a_run_does_not_stop_the_next_run(numpy_target):
    group = NeuronGroup(1, "v : 1")
    net = Network(group)
    net.stop()
    stop()
    net.run(1 * ms)
    assert float(net.t) == pytest.approx(1e-3)


def test_a_stopped_run_reports_the_fraction_it_completed(numpy_target):
    reports = []
    op = NetworkOperation(lambda t: stop() if t >= 0.25 * ms else None)
    net = Network(NeuronGroup(1, "v : 1"), op)
    net.run(1 * ms, report=lambda *args: reports.append(args[1]))
    assert float(net.t) == pytest.approx(0.4e-3)  # stop() in the step at 0.3 ms
    assert reports[0] == 0 and reports[-1] == pytest.approx(0.4)


def test_defaultclock_shows_the_current_time_inside_a_netop_on_another_clock(target):
    seen = []
    op = NetworkOperation(lambda: seen.append(float(defaultclock.t)), dt=0.5 * ms)
    Network(NeuronGroup(1, "dv/dt = -v/(10*ms) : 1"), op).run(1.2 * ms)
    assert seen == pytest.approx([0, 0.5e-3, 1e-3])
