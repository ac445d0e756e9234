"""``run(..., report='progress')``: a progress bar, with tqdm or without."""
import io

import pytest

from eqsim import NeuronGroup, ms, run
from eqsim.core import progress_bar
from eqsim.core.progress_bar import ProgressBar
from eqsim.errors import NetworkError


def test_text_bar_without_tqdm_shows_simulated_time_wall_time_and_eta(monkeypatch):
    monkeypatch.setattr(progress_bar, "_tqdm_class", lambda: None)
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(0.0, 0.0, 0.0, 2.0)
    bar(1.0, 0.5, 0.0, 2.0)
    bar(2.0, 1.0, 0.0, 2.0)
    bar.close()
    frames = stream.getvalue().split("\r")
    assert "50%" in frames[2] and "1/2 s simulated" in frames[2] and "ETA 1.0 s" in frames[2]
    assert frames[-1].startswith("[" + "#" * progress_bar.BAR_WIDTH + "]") and "100%" in frames[-1]
    assert stream.getvalue().endswith("\n")


def test_tqdm_bar_counts_simulated_seconds():
    import tqdm  # noqa: F401  (in the test extra; the fallback is tested above)
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(0.0, 0.0, 0.0, 0.5)
    bar(0.1, 0.4, 0.0, 0.5)
    assert bar.bar.n == pytest.approx(0.2)
    bar(0.2, 1.0, 0.0, 0.5)
    bar.close()
    assert "0.5/0.5 s simulated" in stream.getvalue()


def test_run_with_progress_redraws_every_chunk_and_closes(monkeypatch, capsys):
    monkeypatch.setattr(progress_bar, "_tqdm_class", lambda: None)
    import eqsim
    eqsim.prefs.codegen.target = "numpy"
    try:
        NeuronGroup(3, "dv/dt = -v/(10*ms) : 1")
        run(10 * ms, report="progress")
    finally:
        eqsim.prefs.codegen.target = "cython"
    out = capsys.readouterr().out
    assert out.count("\r") == 101 and out.endswith("\n")  # the start and 100 chunks


def test_unknown_report_names_progress_in_the_hint():
    with pytest.raises(NetworkError) as caught:
        run(1 * ms, report="bar")
    assert "'progress'" in caught.value.hint
