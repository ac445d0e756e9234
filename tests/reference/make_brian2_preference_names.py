"""List every preference Brian2 2.9.0 registers, with its default value.

Run with the Python of the Brian2 reference environment (see README.md in this folder)::

    /work/brian2-venv/bin/python tests/reference/make_brian2_preference_names.py

Brian2 registers some preferences only when the module that uses them is imported, so
the devices and code generation targets are imported first. Writes
``brian2_preference_names.json`` next to itself: ``{"brian2_version": ..., "preferences":
{name: {"default": value, "default_repr": repr}}}``, where ``default`` is the value when
JSON can hold it (lists, numbers, strings, booleans, None) and null otherwise, and the same
names and defaults as the Python module ``eqsim/core/brian2_preference_names.py``: eqsim
accepts these names (those without an eqsim meaning with a one-time warning) and rejects
all others, as Brian2. ``tests/core/test_preferences_brian2.py`` checks the two agree.
"""
import pprint
import json
from pathlib import Path

import brian2
import brian2.codegen.runtime.cython_rt  # noqa: F401  (registers codegen.runtime.cython.*)
import brian2.codegen.runtime.numpy_rt  # noqa: F401
import brian2.devices.cpp_standalone  # noqa: F401  (registers devices.cpp_standalone.*)
from brian2 import prefs


def plain(value):
    try:
        json.dumps(value)
    except TypeError:
        return None
    return value


names = {}
for category, (preferences, _) in sorted(prefs.pref_register.items()):
    for name, preference in sorted(preferences.items()):
        default = preference.default
        names[f"{category}.{name}"] = {"default": plain(default), "default_repr": repr(default)}
out = {"brian2_version": brian2.__version__, "preferences": names}
text = json.dumps(out, indent=1, sort_keys=True) + "\n"
Path(__file__).with_name("brian2_preference_names.json").write_text(text)
MODULE = '''"""Every preference Brian2 %s registers, with its default where it is a plain value
(None where it is not: dtypes). Generated from tests/reference/brian2_preference_names.json
(made by tests/reference/make_brian2_preference_names.py in the Brian2 environment); do not
edit by hand. eqsim accepts these names and refuses all others, as Brian2."""

BRIAN2_VERSION = %r

BRIAN2_PREFERENCES = %s
'''
defaults = {name: entry["default"] for name, entry in names.items()}
Path(__file__).parents[2].joinpath("eqsim", "core", "brian2_preference_names.py").write_text(
    MODULE % (brian2.__version__, brian2.__version__,
              pprint.pformat(defaults, width=96, sort_dicts=True)))
print(len(names), "preferences")
