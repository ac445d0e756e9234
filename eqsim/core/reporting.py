"""Progress reports during a run: Brian2's 'text' format, a progress bar or a user callable."""
import sys
import time

from ..units import Quantity, second


def make_reporter(report):
    """A function ``(elapsed_s, completed_fraction, t_start_s, duration_s)`` or None."""
    if report is None:
        return None
    if callable(report):
        def call(elapsed, completed, start, duration):
            report(Quantity(elapsed, dim=second.dim), completed,
                   Quantity(start, dim=second.dim), Quantity(duration, dim=second.dim))
        return call
    if report == "progress":
        from .progress_bar import ProgressBar
        return ProgressBar()
    if report in ("text", "stdout", "stderr"):
        stream = sys.stderr if report == "stderr" else sys.stdout

        def text(elapsed, completed, start, duration):
            if completed == 0:
                stream.write(f"Starting simulation at t={start:g} s for a duration of {duration:g} s\n")
                return
            remaining = elapsed / completed * (1 - completed) if completed < 1 else 0.0
            line = f"{completed * duration:g} s ({completed:.0%}) simulated in {elapsed:.2f} s"
            if completed < 1:
                line += f", estimated {remaining:.0f} s remaining."
            stream.write(line + "\n")
            stream.flush()
        return text
    from ..errors import ReportTypeError, UnknownReportError
    # Brian2: TypeError for what is neither a name nor a function, ValueError for a bad name
    raise (UnknownReportError if isinstance(report, str) else ReportTypeError)(f"unknown report {report!r}", hint="use 'text', 'stdout', 'stderr', 'progress' or a function")


def close_reporter(reporter):
    """Let a reporter that draws something (a progress bar) finish it."""
    close = getattr(reporter, "close", None)
    if close is not None:
        close()


class Timer:
    def __init__(self):
        self.start = time.perf_counter()

    def elapsed(self):
        return time.perf_counter() - self.start
