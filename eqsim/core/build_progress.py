"""Progress of long builds: ``connect()`` of millions of synapses and compiling a network.

Brian2's ``run(report=...)`` covers the simulated time only, but building a large network
takes seconds too. A build reports when it takes longer than ``THRESHOLD`` (one second) and
reports were asked for: by ``prefs.core.build_report`` (``'text'`` or ``'stdout'``,
``'stderr'``; the only way for ``connect()``, which runs before any ``run()``), or, for the
build a run starts (code generation and compilation), by that run's ``report=``. Lines
look like ``connect() of 'S': 40% after 1.2 s`` and ``connect() of 'S': done in 3.1 s``.
"""
import sys
import threading
import time
from contextlib import contextmanager

THRESHOLD = 1.0  # second of wall time before a build starts reporting
PERIOD = 1.0     # second of wall time between two reports of one build
clock = time.perf_counter  # what measures wall time (tests give a stub)

_run_report = [None]  # report= of the run whose network is being built
_steps = []  # the build steps in progress, outermost first (see build_step)


@contextmanager
def run_reports(report):
    """Within this block, builds report as a run with ``report=`` reports."""
    previous, _run_report[0] = _run_report[0], report
    try:
        yield
    finally:
        _run_report[0] = previous


def _stream():
    from .preferences import prefs
    report = _run_report[0] if _run_report[0] is not None else prefs["core.build_report"]
    if report in ("text", "stdout"):
        return sys.stdout
    if report in ("stderr", "progress"):  # next to the progress bar, which draws on stderr
        return sys.stderr
    return None  # silent (the default), or a run's callable, which takes simulated time


class BuildProgress:
    """Reports of one build step named ``what``; silent unless reports were asked for and the
    step has taken ``THRESHOLD`` seconds."""

    def __init__(self, what):
        self.what, self.stream = what, _stream()
        self.started, self.last, self.fraction = clock(), None, None
        self._timer = None
        # inside a build step, a part of it (the pair generation of a connect()) reports
        # as the step: one set of lines per thing the user asked for
        self.outer = _steps[-1] if _steps else None

    def elapsed(self):
        return clock() - self.started

    def update(self, fraction=None):
        """Progress so far (``fraction`` of the work done, 0-1, or None: unknown)."""
        if self.outer is not None:
            self.outer.update(fraction)
            return
        self.fraction = fraction if fraction is not None else self.fraction
        if self.stream is None or self.elapsed() < THRESHOLD:
            return
        if self.last is not None and clock() - self.last < PERIOD:
            return
        done = f"{self.fraction:.0%} " if self.fraction is not None else "still running "
        self._write(f"{self.what}: {done}after {self.elapsed():.1f} s")
        self.last = clock()

    def report_while_blocked(self):
        """Report once ``THRESHOLD`` has passed, even while the caller waits on something it
        cannot interrupt (gcc): a timer thread, stopped by :meth:`finish`."""
        if self.stream is not None and self.outer is None:
            self._timer = threading.Timer(THRESHOLD, self.update)
            self._timer.daemon = True
            self._timer.start()

    def cancel(self):
        """Stop reporting without a "done" line (the step failed)."""
        if self._timer is not None:
            self._timer.cancel()

    def finish(self):
        self.cancel()
        if self.outer is not None:
            return
        if self.stream is not None and self.elapsed() >= THRESHOLD:
            self._write(f"{self.what}: done in {self.elapsed():.1f} s")

    def _write(self, line):
        self.stream.write(line + "\n")
        self.stream.flush()


@contextmanager
def build_step(what):
    """A build step the user asked for (``connect()``, a string assignment): it reports
    once it has taken ``THRESHOLD`` seconds, even while no part of it gives a fraction,
    and says "done" when the whole block is (no line when it fails)."""
    progress = BuildProgress(what)
    progress.report_while_blocked()
    _steps.append(progress)
    try:
        yield progress
    except BaseException:
        progress.cancel()
        raise
    finally:
        _steps.remove(progress)
    progress.finish()
