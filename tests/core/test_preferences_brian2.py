"""Brian2's preference names: every one is accepted (those without an eqsim meaning with a
one-time warning naming them), reading one gives Brian2's default, unknown names raise."""
import json
import warnings
from pathlib import Path

import pytest

from eqsim import prefs
from eqsim.core.brian2_preference_names import BRIAN2_PREFERENCES, BRIAN2_VERSION
from eqsim.core.preferences import (PreferenceError, UnknownPreferenceError,
                                    UnusedPreferenceWarning)

REFERENCE = json.loads((Path(__file__).parents[1] / "reference" /
                        "brian2_preference_names.json").read_text())


def test_the_package_list_is_the_one_made_from_brian2():
    assert BRIAN2_VERSION == REFERENCE["brian2_version"] == "2.9.0"
    assert BRIAN2_PREFERENCES == {name: entry["default"]
                                  for name, entry in REFERENCE["preferences"].items()}
    assert len(BRIAN2_PREFERENCES) > 40


def test_every_brian2_preference_can_be_read_by_attribute_and_by_key():
    for name in BRIAN2_PREFERENCES:
        section, _, last = name.rpartition(".")
        view = prefs
        for part in section.split("."):
            view = getattr(view, part)
        assert getattr(view, last) is prefs[name] or getattr(view, last) == prefs[name]


def test_a_brian2_preference_without_meaning_warns_once_naming_it_and_keeps_the_value():
    assert prefs.codegen.cpp.extra_compile_args_gcc == \
        REFERENCE["preferences"]["codegen.cpp.extra_compile_args_gcc"]["default"]
    with pytest.warns(UnusedPreferenceWarning, match="prefs.codegen.cpp.extra_compile_args_gcc"):
        prefs.codegen.cpp.extra_compile_args_gcc = ["-O2"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the second time: silent
        prefs["codegen.cpp.extra_compile_args_gcc"] = ["-O1"]
    assert prefs.codegen.cpp.extra_compile_args_gcc == ["-O1"]


@pytest.mark.parametrize("statement", ["prefs.codegen.foo = 1", "prefs['codegen.foo'] = 1",
                                       "prefs.nonexistent.x = 3"])
def test_setting_an_unknown_preference_raises(statement):
    with pytest.raises(UnknownPreferenceError, match="unknown preference"):
        exec(statement, {"prefs": prefs})  # noqa: S102 - fixed test statements


def test_reading_an_unknown_preference_raises_key_or_attribute_error():
    with pytest.raises(KeyError, match="'nothere.x'"):
        prefs["nothere.x"]
    with pytest.raises(AttributeError, match="'codegen.foo'"):
        prefs.codegen.foo
    assert not hasattr(prefs.logging, "no_such_thing")
    with pytest.raises(UnknownPreferenceError, match="did you mean logging.console_log_level"):
        prefs.logging.console_log_levl = "INFO"


@pytest.mark.parametrize("name, value", [("logging.file_log", "yes"),
                                         ("logging.console_log_level", "LOUD"),
                                         ("logging.file_log_max_size", -1)])
def test_a_logging_preference_refuses_a_value_brian2_refuses(name, value):
    before = prefs[name]
    with pytest.raises(PreferenceError, match=f"prefs.{name}"):
        prefs[name] = value
    assert prefs[name] == before
