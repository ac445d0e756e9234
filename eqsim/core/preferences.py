"""Preferences: ``prefs.codegen.target = 'numpy'`` or ``prefs['codegen.target']``."""
import os

from ..errors import EqsimError

_DEFAULTS = {
    "codegen.target": ("cython", "Code generation target: 'cython' (compiled, default) or 'numpy' "
                                 "(reference, needs no compiler)."),
    "codegen.cython.vector_math": (True, "Let compiled state updates call glibc's vectorised "
                                         "exp/log/sin/cos/pow (faster; results differ from the "
                                         "NumPy target by a few ulp per step)."),
    "codegen.cython.num_threads": (int(os.environ.get("EQSIM_NUM_THREADS", "1") or 1),
                                   "OpenMP threads of the compiled target (default: the "
                                   "EQSIM_NUM_THREADS environment variable, else 1). Results do "
                                   "not depend on it."),
    "codegen.cython.compiled_assignment_size": (50_000, "Synaptic string assignments over at "
                                                        "least this many synapses run as a "
                                                        "compiled kernel (fewer: NumPy, no "
                                                        "compile wait). Same values either way."),
    "core.default_float_dtype": ("float64", "Floating point type of state variables."),
}


# Brian2 names with the same meaning here: (eqsim name, value conversion)
_BRIAN2_ALIASES = {
    # Brian2's default 0 means "no OpenMP": one thread
    "devices.cpp_standalone.openmp_threads": ("codegen.cython.num_threads",
                                              lambda value: max(1, int(value))),
}


class PreferenceError(EqsimError):
    default_code = "EQ700"


class _Section:
    def __init__(self, prefs, path):
        object.__setattr__(self, "_prefs", prefs)
        object.__setattr__(self, "_path", path)

    def __getattr__(self, item):
        key = f"{self._path}.{item}"
        known = key in self._prefs._values or key in _BRIAN2_ALIASES
        return self._prefs[key] if known else _Section(self._prefs, key)

    def __setattr__(self, key, value):
        self._prefs[f"{self._path}.{key}"] = value


class Preferences:
    """All preferences, declared with their defaults and documentation."""

    def __init__(self):
        self._values = {k: v for k, (v, _) in _DEFAULTS.items()}
        if os.environ.get("EQSIM_TARGET"):
            self._values["codegen.target"] = os.environ["EQSIM_TARGET"]

    def __getitem__(self, key):
        if key in _BRIAN2_ALIASES:
            key = _BRIAN2_ALIASES[key][0]
        if key not in self._values:
            raise PreferenceError(f"unknown preference '{key}'", hint=f"known: {sorted(self._values)}")
        return self._values[key]

    def __setitem__(self, key, value):
        if key in _BRIAN2_ALIASES:
            key, convert = _BRIAN2_ALIASES[key]
            value = convert(value)
        if key == "codegen.target" and value == "auto":  # Brian2: the best available target
            value = "cython"
        if key not in self._values:
            raise PreferenceError(f"unknown preference '{key}'", hint=f"known: {sorted(self._values)}")
        if key == "codegen.cython.num_threads" and (not isinstance(value, int) or value < 1):
            raise PreferenceError(f"num_threads must be a whole number >= 1, got {value!r}")
        if key == "codegen.target" and value not in ("cython", "numpy"):
            raise PreferenceError(f"unknown code generation target '{value}'",
                                  hint="use 'cython' (compiled) or 'numpy' (reference)")
        self._values[key] = value

    def __getattr__(self, item):
        if item.startswith("_"):
            raise AttributeError(item)
        return _Section(self, item)

    def documentation(self):
        return "\n".join(f"{k} = {self._values[k]!r}\n    {doc}" for k, (_, doc) in _DEFAULTS.items())


prefs = Preferences()
