"""The README's five lines from `pip install` to a saved raster, a rate plot and a Neo export
run as printed (on the NumPy target) and produce what they promise."""
import re
from pathlib import Path

import pytest

from eqsim import prefs

README = Path(__file__).resolve().parents[2] / "README.md"


def quickstart_code():
    text = README.read_text()
    section = text.split("a rate plot and a Neo export, in five lines:", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_readme_quickstart_is_five_lines_that_save_two_figures_and_export_to_neo(tmp_path,
                                                                                  monkeypatch):
    pytest.importorskip("neo")  # in the test extra
    code = quickstart_code()
    assert len(code.strip().splitlines()) == 5
    monkeypatch.chdir(tmp_path)
    previous = prefs.codegen.target
    prefs.codegen.target = "numpy"
    namespace = {}
    try:
        exec(compile(code, "README quickstart", "exec"), namespace)  # our own README's code
    finally:
        prefs.codegen.target = previous
    for name in ("raster.png", "rate.png"):
        assert (tmp_path / name).read_bytes()[:4] == b"\x89PNG"
    trains = namespace["trains"]
    assert len(trains) == 100 and sum(len(train) for train in trains) == namespace["spikes"].num_spikes > 0
