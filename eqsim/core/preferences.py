"""Preferences: ``prefs.codegen.target = 'numpy'`` or ``prefs['codegen.target']``."""
import difflib
import numbers
import os
import warnings

import numpy as np

from ..errors import EqsimError, EqsimWarning
from .brian2_preference_names import BRIAN2_PREFERENCES

_LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG", "DIAGNOSTIC")

_DEFAULTS = {
    "codegen.target": ("cython", "Code generation target: 'cython' (compiled, default) or 'numpy' "
                                 "(reference, needs no compiler)."),
    "codegen.cython.vector_math": (True, "Let compiled state updates call glibc's vectorised "
                                         "exp/log/sin/cos/pow (faster; results differ from the "
                                         "NumPy target by a few ulp per step)."),
    # None: read EQSIM_NUM_THREADS when the value is used (a bad value must not break
    # "import eqsim", and is reported where it matters)
    "codegen.cython.num_threads": (None,
                                   "threads of the compiled target (default: the "
                                   "EQSIM_NUM_THREADS environment variable, else 1); more than "
                                   "the machine's CPUs are clamped to their number with a "
                                   "warning. Results do not depend on it."),
    "codegen.cython.team_timing": (False, "Time each parallel part of the thread team (its "
                                          "threads' shares, the wait at the join) in the "
                                          "libraries built from now on: for "
                                          "benchmarks/team_parts.py. Two clock reads per "
                                          "share; results do not depend on it."),
    "codegen.cython.compiled_assignment_size": (50_000, "Synaptic string assignments over at "
                                                        "least this many synapses run as a "
                                                        "compiled kernel (fewer: NumPy, no "
                                                        "compile wait). Same values either way."),
    "codegen.cython.procedural_cache_mb": (64, "Megabytes each procedural pathway "
                                                "(connect(p=..., procedural=True), p >= "
                                                "0.04) may keep of the rows it drew, as "
                                                "masks of 1 bit per candidate target; rows "
                                                "past it are drawn again at each spike. "
                                                "0: draw every row at each spike. Same "
                                                "results either way."),
    "core.default_float_dtype": (np.float64, "Floating point type (float32 or float64) of "
                                             "the float variables of groups and synapses "
                                             "created from now on, where no dtype= is given."),
    "core.build_report": (None, "Report the progress of builds that take over a second "
                                "(connect() of many synapses, compiling a network): 'text' "
                                "or 'stdout', 'stderr', or None (silent). A run with "
                                "report= also reports the build it starts."),
    "legacy.refractory_timing": (False, "Brian2 <= 2.1.2's refractoriness for a period "
                                        "given as a time (refractory=5*ms): refractory while "
                                        "t - lastspike <= period, compared as floats (one step "
                                        "more now and then), instead of whole time steps."),
    "core.network.default_schedule": (["start", "groups", "thresholds", "synapses", "resets",
                                       "end"], "Order of the schedule slots (``when``) in a "
                                               "time step, for networks without their own "
                                               "Network.schedule."),
    "distributed.overlap_exchange": (True, "Under K processes (mpiexec), compiled runs whose "
                                           "shortest synaptic delay is at least one step "
                                           "collect each spike exchange one communication "
                                           "interval after sending it, while the next steps "
                                           "compute (the interval is then half the delay). "
                                           "Same results either way."),
    # Brian2's logging preferences (eqsim/core/logger.py applies them)
    "logging.console_log_level": ("INFO", "Level of the console log (stderr) that BrianLogger "
                                          "and get_logger() use: CRITICAL, ERROR, WARNING, "
                                          "INFO, DEBUG or DIAGNOSTIC."),
    "logging.file_log": (False, "Also log to a temporary file (eqsim_debug_*.log). Off by "
                                "default in eqsim (Brian2: on)."),
    "logging.file_log_level": ("DEBUG", "Level of the file log."),
    "logging.file_log_max_size": (10_000_000, "Bytes after which the file log is rotated "
                                              "(one backup, suffix .1); 0: never."),
    "logging.delete_log_on_exit": (True, "Delete the file log when Python exits."),
    "logging.std_redirection": (True, "Let std_silent() silence stdout/stderr."),
    "logging.std_redirection_to_file": (True, "std_silent() keeps the silenced output in a "
                                              "temporary file and prints it if an error "
                                              "occurs (False: discards it)."),
}

# values each preference accepts (beyond the checks in Preferences.__setitem__)
_VALID = {
    "logging.console_log_level": lambda v: isinstance(v, str) and v.upper() in _LOG_LEVELS,
    "logging.file_log_level": lambda v: isinstance(v, str) and v.upper() in _LOG_LEVELS,
    "logging.file_log": lambda v: isinstance(v, (bool, np.bool_)),
    "logging.delete_log_on_exit": lambda v: isinstance(v, (bool, np.bool_)),
    "logging.std_redirection": lambda v: isinstance(v, (bool, np.bool_)),
    "logging.std_redirection_to_file": lambda v: isinstance(v, (bool, np.bool_)),
    "logging.file_log_max_size": lambda v: isinstance(v, numbers.Integral) and v >= 0,
    "core.network.default_schedule": lambda v: valid_schedule(v),
    "core.build_report": lambda v: v in (None, "text", "stdout", "stderr"),
    "distributed.overlap_exchange": lambda v: isinstance(v, (bool, np.bool_)),
    "codegen.cython.team_timing": lambda v: isinstance(v, (bool, np.bool_)),
    "legacy.refractory_timing": lambda v: isinstance(v, (bool, np.bool_)),
    "codegen.cython.procedural_cache_mb": lambda v: isinstance(v, numbers.Real)
    and not isinstance(v, (bool, np.bool_)) and 0 <= v < float("inf"),
}


def valid_schedule(schedule):
    """A list of distinct slot names without Brian2's automatic before_/after_ prefixes."""
    return isinstance(schedule, (list, tuple)) and len(set(schedule)) == len(schedule) > 0 \
        and all(isinstance(slot, str) and slot.isidentifier()
                and not slot.startswith(("before_", "after_")) for slot in schedule)


# Brian2 names with the same meaning here: (eqsim name, value conversion)
_BRIAN2_ALIASES = {
    # Brian2's default 0 means "no OpenMP": one thread
    "devices.cpp_standalone.openmp_threads": (
        "codegen.cython.num_threads",
        lambda value: 1 if _is_whole(value) and value == 0 else checked_threads(
            value, "prefs.devices.cpp_standalone.openmp_threads")),
}


class PreferenceError(EqsimError):
    default_code = "EQ700"


class UnknownPreferenceError(PreferenceError, KeyError, AttributeError):
    """A preference name that neither eqsim nor Brian2 knows (a ``KeyError`` for
    ``prefs['name']``, an ``AttributeError`` for ``prefs.section.name``, as in Brian2)."""
    default_code = "EQ714"

    __str__ = EqsimError.__str__


class UnusedPreferenceWarning(EqsimWarning):
    """A Brian2 preference that has no meaning in eqsim was set (once per name)."""


def _unknown(key, known):
    close = difflib.get_close_matches(key, known, n=3, cutoff=0.7)
    return UnknownPreferenceError(
        f"unknown preference '{key}' (neither eqsim nor Brian2 has it)",
        hint=f"did you mean {' or '.join(close)}?" if close else
        "prefs.documentation() lists eqsim's preferences")


def _is_whole(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def checked_threads(value, origin):
    """``value`` as a thread count of the compiled target: a whole number >= 1, clamped with a warning to
    the number of CPUs (more threads only wait on each other; results do not change).

    Raises
    ------
    PreferenceError
        If ``value`` is not a whole number >= 1; the message names ``origin``.
    """
    if not _is_whole(value) or value < 1:
        raise PreferenceError(f"{origin} must be a whole number >= 1, got {value!r}",
                              hint="the number of threads of the compiled target, "
                                   "e.g. 2")
    cpus = os.cpu_count() or 1
    if value > cpus:
        warnings.warn(f"{origin} = {value} is more than the {cpus} CPUs of this machine: "
                      f"using {cpus} threads", RuntimeWarning, stacklevel=3)
        return cpus
    return int(value)


def _float_type(value):
    """``np.float32`` or ``np.float64`` from a type, dtype or name; anything else raises
    (Brian2 accepts only these two)."""
    try:
        chosen = np.dtype(value)
    except (TypeError, ValueError):
        chosen = None
    if value is None or chosen is None or chosen.type not in (np.float32, np.float64):
        raise PreferenceError(f"prefs.core.default_float_dtype must be float32 or float64, "
                              f"not {value!r:.60}", hint="e.g. prefs.core.default_float_dtype "
                                                         "= float32")
    return chosen.type


def _threads_from_environment():
    text = os.environ.get("EQSIM_NUM_THREADS", "").strip()
    if not text:
        return 1
    try:
        value = int(text)
    except ValueError:
        value = text
    return checked_threads(value, "the environment variable EQSIM_NUM_THREADS")


class _Section:
    def __init__(self, prefs, path):
        object.__setattr__(self, "_prefs", prefs)
        object.__setattr__(self, "_path", path)

    def __getattr__(self, item):
        key = f"{self._path}.{item}"
        if key in self._prefs._values or key in _BRIAN2_ALIASES or key in BRIAN2_PREFERENCES:
            return self._prefs[key]
        if item.startswith("_") or not any(k.startswith(key + ".") for k in self._prefs._names()):
            raise _unknown(key, self._prefs._names())
        return _Section(self._prefs, key)

    def __setattr__(self, key, value):
        self._prefs[f"{self._path}.{key}"] = value

    def __repr__(self):
        return f"<preferences '{self._path}'>"


class Preferences:
    """All preferences, declared with their defaults and documentation."""

    def __init__(self):
        self._values = {k: v for k, (v, _) in _DEFAULTS.items()}
        # Brian2 preferences without an eqsim meaning: what scripts set, kept for reading
        self._unused = {}
        self._warned = set()
        # preference name -> functions called with the new value after it is set
        self._on_change = {}
        if os.environ.get("EQSIM_TARGET"):
            self._values["codegen.target"] = os.environ["EQSIM_TARGET"]

    def _names(self):
        return sorted(set(self._values) | set(_BRIAN2_ALIASES) | set(BRIAN2_PREFERENCES))

    def on_change(self, key, function):
        """Call ``function(value)`` whenever preference ``key`` is set."""
        self._on_change.setdefault(key, []).append(function)

    def __getitem__(self, key):
        if key in _BRIAN2_ALIASES:
            key = _BRIAN2_ALIASES[key][0]
        if key not in self._values:
            if key in BRIAN2_PREFERENCES:  # as set by the script, else Brian2's default
                return self._unused.get(key, BRIAN2_PREFERENCES[key])
            raise _unknown(key, self._names())
        if key == "codegen.cython.num_threads" and self._values[key] is None:
            return _threads_from_environment()
        return self._values[key]

    def __setitem__(self, key, value):
        if key in _BRIAN2_ALIASES:
            key, convert = _BRIAN2_ALIASES[key]
            value = convert(value)
        if key == "codegen.target" and value == "auto":  # Brian2: the best available target
            value = "cython"
        if key not in self._values:
            if key not in BRIAN2_PREFERENCES:
                raise _unknown(key, self._names())
            if key not in self._warned:  # scripts written for Brian2 must not stop here
                self._warned.add(key)
                warnings.warn(f"prefs.{key} has no meaning in eqsim: the value is kept but "
                              f"changes nothing", UnusedPreferenceWarning, stacklevel=3)
            self._unused[key] = value
            return
        if key in _VALID and not _VALID[key](value):
            raise PreferenceError(f"{value!r:.60} is not a valid value for prefs.{key}",
                                  hint=_DEFAULTS[key][1])
        if key == "codegen.cython.num_threads" and value is not None:  # None: from the environment
            value = checked_threads(value, "prefs.codegen.cython.num_threads")
        if key == "core.default_float_dtype":
            value = _float_type(value)
        if key == "codegen.target" and value not in ("cython", "numpy"):
            raise PreferenceError(f"unknown code generation target '{value}'",
                                  hint="use 'cython' (compiled) or 'numpy' (reference)")
        if key == "core.network.default_schedule":
            value = list(value)
        self._values[key] = value
        for function in self._on_change.get(key, ()):
            function(value)

    def __getattr__(self, item):
        if item.startswith("_"):
            raise AttributeError(item)
        if not any(k.startswith(item + ".") for k in self._names()):
            raise _unknown(item, self._names())
        return _Section(self, item)

    def documentation(self):
        return "\n".join(f"{k} = {self._values[k]!r}\n    {doc}" for k, (_, doc) in _DEFAULTS.items())


prefs = Preferences()
