"""Long builds report their progress (connect() of many synapses, building a network for a
run) once they take over a second, when reports are asked for: prefs.core.build_report, or
the run's report=. Wall time comes from a stub clock that advances on every reading."""
import pytest

from eqsim import NeuronGroup, Network, Synapses, ms, prefs
from eqsim.core import build_progress
from eqsim.errors import EqsimError
from eqsim.synapses import connect_generator


class StubClock:
    """Advances by ``step`` seconds each time it is read."""

    def __init__(self, step):
        self.now, self.step = 0.0, step

    def __call__(self):
        self.now += self.step
        return self.now


@pytest.fixture
def build_report():
    """``build_report(value)`` sets prefs.core.build_report for the test."""
    previous = prefs["core.build_report"]
    yield lambda value: prefs.__setitem__("core.build_report", value)
    prefs["core.build_report"] = previous


def connect_in_blocks(monkeypatch, seconds_per_reading):
    monkeypatch.setattr(build_progress, "clock", StubClock(seconds_per_reading))
    monkeypatch.setattr(connect_generator, "_BLOCK_ELEMENTS", 500)  # ~20 blocks
    G = NeuronGroup(100, "v : 1")
    S = Synapses(G, G, name="S")
    S.connect(p=1.0)
    return S


def test_slow_connect_reports_growing_fractions_then_done(numpy_target, monkeypatch, capsys,
                                                          build_report):
    build_report("text")
    S = connect_in_blocks(monkeypatch, 0.25)
    assert len(S) == 10_000
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("connect() of 'S': done in ")
    fractions = [int(line.split(": ")[1].split("%")[0]) for line in lines[:-1]]
    assert len(fractions) >= 2 and fractions == sorted(fractions) and fractions[-1] <= 100
    # one report per second at most: readings are 0.25 s apart, two per block
    assert len(fractions) <= len(lines) <= 20


def test_one_connect_call_gives_one_done_line_covering_its_whole_work(numpy_target, monkeypatch,
                                                                     capsys, build_report):
    build_report("text")
    connect_in_blocks(monkeypatch, 0.25)
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if "done in" in line] == [lines[-1]]


def test_slow_connect_from_index_arrays_reports_done(numpy_target, monkeypatch, capsys,
                                                     build_report):
    build_report("text")
    G = NeuronGroup(10, "v : 1")
    S = Synapses(G, G, name="S")
    monkeypatch.setattr(build_progress, "clock", StubClock(1.0))
    S.connect(i=[0, 1, 2], j=[3, 4, 5])
    assert len(S) == 3
    assert capsys.readouterr().out.splitlines()[-1].startswith("connect() of 'S': done in ")


def test_failed_connect_reports_no_done_line(numpy_target, monkeypatch, capsys, build_report):
    build_report("text")
    G = NeuronGroup(10, "v : 1")
    S = Synapses(G, G, name="S")
    monkeypatch.setattr(build_progress, "clock", StubClock(0.5))
    with pytest.raises(EqsimError):
        S.connect(i=[0, 1], j=[3, 40])
    assert "done" not in capsys.readouterr().out


def test_slow_string_assignment_on_many_synapses_reports(numpy_target, monkeypatch, capsys,
                                                          build_report):
    build_report("text")
    G = NeuronGroup(10, "v : 1")
    S = Synapses(G, G, "w : 1", name="S")
    S.connect()
    monkeypatch.setattr(build_progress, "clock", StubClock(1.0))
    S.w = "i + j"
    assert S.w[:].tolist() == [i + j for i in range(10) for j in range(10)]
    assert capsys.readouterr().out.splitlines()[-1].startswith("S.w = 'i + j': done in ")


def test_connect_is_silent_by_default_and_when_fast(numpy_target, monkeypatch, capsys,
                                                    build_report):
    build_report(None)
    connect_in_blocks(monkeypatch, 0.25)  # slow but nobody asked
    build_report("text")
    connect_in_blocks(monkeypatch, 1e-4)  # asked, but done within a second
    assert capsys.readouterr().out == ""


def test_run_report_covers_the_build_it_starts(numpy_target, monkeypatch, capsys, build_report):
    build_report(None)
    monkeypatch.setattr(build_progress, "clock", StubClock(1.5))
    G = NeuronGroup(2, "dv/dt = -v/(10*ms) : 1", name="G")
    net = Network(G, name="net")
    net.run(0.1 * ms, report="stderr")
    err = capsys.readouterr().err
    assert "building network 'net' (numpy target): done in" in err
    net.run(0.1 * ms)  # no report: silent, however slow
    assert "building network" not in capsys.readouterr().err


def test_blocked_build_reports_once_the_threshold_passes(monkeypatch, capsys, build_report):
    build_report("stdout")
    fired = []

    class ImmediateTimer:
        def __init__(self, delay, function):
            fired.append(delay)
            self.function, self.daemon = function, False

        def start(self):
            self.function()  # as if the delay had passed with gcc still running

        def cancel(self):
            pass
    monkeypatch.setattr(build_progress.threading, "Timer", ImmediateTimer)
    monkeypatch.setattr(build_progress, "clock", StubClock(2.0))
    progress = build_progress.BuildProgress("compiling")
    progress.report_while_blocked()
    progress.finish()
    out = capsys.readouterr().out.splitlines()
    assert fired == [build_progress.THRESHOLD]
    assert out[0].startswith("compiling: still running after ") and out[1].startswith(
        "compiling: done in ")


def test_unknown_build_report_value_is_refused(build_report):
    with pytest.raises(EqsimError, match="build_report"):
        prefs.core.build_report = "loud"
