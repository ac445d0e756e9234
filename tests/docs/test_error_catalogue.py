"""docs/errors.md lists every error code the source raises and is current."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_error_catalogue_is_current():
    result = subprocess.run([sys.executable, "docs/make_error_catalogue.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_code_in_the_source_has_an_entry():
    listed = set(re.findall(r"^## (EQ\d{3})$", (ROOT / "docs" / "errors.md").read_text(), re.M))
    used = set()
    for path in (ROOT / "eqsim").rglob("*.py"):
        used |= set(re.findall(r"\"(EQ\d{3})\"", path.read_text()))
    assert used <= listed, sorted(used - listed)
    assert "EQ201" in listed and "EQ000" in listed
