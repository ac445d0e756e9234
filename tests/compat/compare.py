"""Compare what an example's monitors recorded in eqsim with Brian2's stored results.

``sort_example`` puts one example in one category:

- ``matches``: it runs in eqsim and every recorded array agrees with Brian2's;
- ``differs``: it runs, but some array disagrees (the figures say which and by how much);
- ``fails``: eqsim stops with an error or a timeout that has no known reason yet;
- ``unsupported``: a known gap (the reason says which; see ``KNOWN_UNSUPPORTED``);
- ``runs``: it runs to the end in both simulators but records nothing to compare: no monitor
  and nothing left behind (``compared_arrays``), or only timings (``corpus.TIMINGS``);
- ``no-reference``: Brian2 itself did not finish the script here (timeout, missing package),
  so there is nothing to compare with.

Deterministic examples (Brian2's two runs with different seeds recorded the same arrays) are
compared exactly: the same shapes, the same integers (spike counts, indices), floats equal to
``RTOL`` = 1e-9 relative to the largest magnitude in the array. Examples that use randomness
cannot give Brian2's numbers in eqsim (the generators differ by design), so each array is
compared by its size and mean, which must lie within
``max(3 x the seed-to-seed spread, 10 % of the value, 10 % of the array's std)``
(and at least ``ABSOLUTE_SIZE`` for sizes). The spread is Brian2's two runs' difference; when
that comparison fails, eqsim runs twice more with other seeds (``sort_examples.py``), means are
compared and the spread is the larger of the two simulators' ranges: two runs of one
simulator can agree by chance (Brian2's two runs of synapses/jeffress.py gave a mean spiking
index of 13.80 and 13.62; eqsim's five seeds 13.5 to 15.8), so the factor 3 and the floors
keep chance from failing a correct simulation, while a systematic error of the size issue 12
reports (a rate 60 % too high) still shows.
"""
import re

import numpy as np

import corpus

RTOL = 1e-9
RELATIVE_FLOOR = 0.1
ABSOLUTE_SIZE = 5

# The reasons of the examples that cannot work yet, for the status file. An example named here
# is sorted as "unsupported" only while eqsim fails on it; once it runs it is compared.
KNOWN_UNSUPPORTED = {
    "compartmental/": "compartmental: SpatialNeuron and morphologies, a later issue",
}
_SECTION_2 = "(issue 12 section 2, being added)"
# Errors that name a known gap: (pattern searched in eqsim's error, reason). The first match
# wins; an error matching none is sorted as "fails", to be looked at.
KNOWN_ERRORS = [
    (r"name '(Soma|Cylinder|Section|SpatialNeuron|Morphology)' is not defined|"
     r"\w+ is Brian2's multicompartment modelling",
     "compartmental: SpatialNeuron and morphologies, a later issue"),
    # the "(point current)" flag exists only for SpatialNeuron (Destexhe_et_al_1998)
    (r"Unknown flag 'point current'", "compartmental: SpatialNeuron and morphologies, "
     "a later issue (the '(point current)' flag is SpatialNeuron's)"),
    # advanced/opencv_movie.py: pip's opencv-python-headless would give cv2, but the script
    # also downloads its video from the internet and links OpenCV's C++ library
    (r"No module named 'cv2'", "needs OpenCV: its video (Megamind.avi) is downloaded from "
     "docs.opencv.org, which cannot be reached here, and its frame reader is C++ code "
     "linked against OpenCV's C++ library and headers, which pip's opencv-python-headless "
     "does not ship"),
    (r"No module named '(sbi|cv2|progressbar|joblib|brian2tools)\b",
     "needs a third-party package that is not installed here (nor in the Brian2 environment)"),
    (r"linked_var|\(linked\)|'linked'", f"needs linked_var {_SECTION_2}"),
    (r"No module named 'eqsim\.", f"needs a Brian2 module path {_SECTION_2}"),
    (r"method_options|gsl", "GSL integrators: out of scope (issue 12 section 2)"),
    (r"attribute 'indices'", f"needs Synapses.indices {_SECTION_2}"),
    (r"name '(Function|implementation|check_units|DEFAULT_FUNCTIONS|declare_types)' "
     r"is not defined|user function", f"needs user functions {_SECTION_2}"),
    (r"name 'stop' is not defined|has no attribute 'stop'", f"needs stop() {_SECTION_2}"),
    (r"run_args", f"needs run_args {_SECTION_2}"),
    (r"has no attribute 'run_regularly'", f"needs Synapses.run_regularly {_SECTION_2}"),
    (r"N_incoming|N_outgoing", f"needs N_incoming/N_outgoing {_SECTION_2}"),
    (r"record_single_timestep", f"needs record_single_timestep {_SECTION_2}"),
    (r"(profiling|scheduling)_summary|profile=", f"needs profiling/scheduling summaries {_SECTION_2}"),
    (r"subgroups are created with slices", f"needs G[k], a one-neuron subgroup {_SECTION_2}"),
    (r"BrianLogger|get_logger|std_silent|prefs\.logging", f"needs Brian2's logging API {_SECTION_2}"),
    (r"'Synapses' object is not subscriptable", f"needs S[i, :] indexing {_SECTION_2}"),
    (r"name '(magic_network|Subgroup|BrianObjectException|MagicError)' is not defined",
     f"needs a Brian2 name {_SECTION_2}"),
    (r"get_states|set_states|restore_random_state", f"needs get/set_states {_SECTION_2}"),
    (r"expected 'else' after 'if' expression", f"needs connect(j='i if ...') {_SECTION_2}"),
    (r"cannot pickle|multiprocessing", f"needs simulation objects usable from a "
     f"multiprocessing.Pool {_SECTION_2}"),
    (r"Object of type (range|list) does not have dimensions",
     f"needs assigning a range or list to a variable {_SECTION_2}"),
]


def known_reason(example, error=""):
    """Why ``example`` cannot run yet (from its path, or from eqsim's ``error``), or None."""
    for prefix, reason in KNOWN_UNSUPPORTED.items():
        if example == prefix or example.startswith(prefix) and prefix.endswith("/"):
            return reason
    for pattern, reason in KNOWN_ERRORS:
        if error and re.search(pattern, error):
            return reason
    return None


def _float_mismatch(ours, theirs):
    scale = float(np.max(np.abs(theirs))) if theirs.size else 0.0
    difference = np.abs(ours - theirs)
    worst = float(np.max(difference)) if difference.size else 0.0
    nan_same = np.array_equal(np.isnan(ours), np.isnan(theirs))
    if nan_same and worst <= RTOL * scale + 1e-300 or nan_same and not np.isfinite(worst):
        return None
    return f"largest difference {worst:.3g} (scale {scale:.3g})"


def _exact(ours_arrays, ours_described, theirs_path, theirs_described):
    problems = []
    with np.load(theirs_path) as theirs:
        for key, described in theirs_described.items():
            mine = ours_described[key]
            if "shape" not in described or "shape" not in mine:
                continue    # an object neither simulator could read (both have the error)
            if mine["shape"] != described["shape"]:
                problems.append(f"{key}: shape {mine['shape']} vs Brian2 {described['shape']}")
                continue
            if key not in theirs.files:
                continue
            a, b = ours_arrays[key], theirs[key]
            if a.dtype.kind == "f" or b.dtype.kind == "f":
                mismatch = _float_mismatch(a.astype(float), b.astype(float))
            else:
                unequal = np.flatnonzero(a != b)
                mismatch = (f"{unequal.size} of {a.size} values differ, first at {unequal[0]}: "
                            f"{a[unequal[0]]} vs {b[unequal[0]]}") if unequal.size else None
            if mismatch:
                problems.append(f"{key}: {mismatch}")
    return problems


def _statistical(ours_runs, run0, run1):
    """Problems found comparing array statistics; ``ours_runs`` is a list of eqsim's run
    summaries' ``arrays`` (one run, or several with different seeds)."""
    problems = []
    for key, first in run0.items():
        if "size" not in first:
            continue
        theirs = [first, run1.get(key, first)]
        mine = [run[key] for run in ours_runs]
        for stat, floor in (("size", ABSOLUTE_SIZE), ("mean", 0.0)):
            expected = np.mean([r[stat] for r in theirs])
            spread = max(np.ptp([r[stat] for r in theirs]), np.ptp([r[stat] for r in mine]))
            scale = abs(expected) if stat == "size" else max(abs(expected), first["std"])
            tolerance = max(3 * spread, RELATIVE_FLOOR * scale, floor)
            ours = np.mean([r[stat] for r in mine])
            if abs(ours - expected) > tolerance:
                problems.append(f"{key} {stat}: {ours:.6g} (mean of {len(mine)} eqsim runs) vs "
                                f"Brian2 {theirs[0][stat]:.6g} / {theirs[1][stat]:.6g} "
                                f"(tolerance {tolerance:.3g})")
    return problems


def _unread(arrays):
    """Prefixes of the objects whose data cannot be read in this process: under Brian2's
    standalone device, built here and run in worker processes
    (standalone_multiple_processes.py), monitors and groups hold no data."""
    return {key[:-len("__error")] for key, value in arrays.items() if key.endswith("__error")
            and "before the simulation has been run" in value.get("what", "")}


def compared_arrays(reference_run, ours):
    """The arrays of Brian2's ``reference_run`` and of eqsim's run ``ours`` that are compared.

    The monitors' (keys ``mNN_...``), where the script keeps a monitor that holds data.
    Otherwise what the script leaves behind (leftovers.py: ``gNN_...`` group state,
    ``global__...`` variables), provided Brian2's result recorded it (``leftovers``: results
    made before it was recorded have only monitors). Objects Brian2 could not read here are
    left out on both sides.
    """
    theirs, mine = reference_run["arrays"], ours["arrays"]
    unread = _unread(theirs)

    def kept(arrays, monitors):
        return {key: value for key, value in arrays.items()
                if key.split("__")[0] not in unread and _is_monitor(key) == monitors}
    if any(_is_monitor(key) for key in kept(theirs, True)):
        return kept(theirs, True), kept(mine, True)
    if not reference_run.get("leftovers"):
        return {}, {}
    return kept(theirs, False), kept(mine, False)


def _is_monitor(key):
    return re.match(r"m\d+_", key) is not None


def sort_example(example, ours, ours_arrays, reference, reference_npz, more_runs=()):
    """The category of ``example`` and what supports it.

    Parameters
    ----------
    ours : dict
        eqsim's run summary (``harness.run``); ``ours_arrays`` its stored arrays.
    more_runs : sequence of dict
        Summaries of further eqsim runs with other seeds (statistical comparison only).
    reference : dict or None
        Brian2's record from ``brian2_results/index.json``; ``reference_npz`` its arrays'
        file (deterministic examples only).
    """
    if ours["status"] != "ok":
        error = ours.get("error") or ours["status"]
        reason = known_reason(example, error)
        where = f" (line {ours['error_line']}: {ours.get('error_code')})" if ours.get("error_line") else ""
        return {"category": "unsupported" if reason else "fails",
                "reason": reason or f"{ours['status']}: {error}{where}"[:600]}
    if reference is None or reference["status"] != "ok":
        why = "no Brian2 result stored" if reference is None else \
            f"Brian2 run: {reference['status']}: {reference.get('error')}"[:600]
        return {"category": "no-reference", "reason": why}
    if example in corpus.TIMINGS:
        return {"category": "runs", "reason": "runs to the end in both; " + corpus.TIMINGS[example]}
    theirs, mine = compared_arrays(reference["run0"], ours)
    if not theirs and not mine:
        return {"category": "runs", "reason": "runs to the end in both; " + (
            "the script keeps no monitor and leaves no group state or numeric variable, so "
            "there is nothing to compare" if reference["run0"].get("leftovers") else
            "the script keeps no monitor, so there is nothing to compare")}
    missing = sorted(set(theirs) ^ set(mine))
    if missing:
        return {"category": "differs", "figures": [f"arrays only in one simulator: {missing}"]}
    if reference["deterministic"]:
        problems = _exact(ours_arrays, mine, reference_npz, theirs)
        kind = "exact"
    else:
        problems = _statistical([mine] + [compared_arrays(reference["run0"], run)[1]
                                          for run in more_runs], theirs,
                                reference.get("run1", {}).get("arrays", {}))
        kind = "statistics"
    if problems:
        return {"category": "differs", "comparison": kind, "figures": problems[:20]}
    return {"category": "matches", "comparison": kind, "arrays": len(theirs)}
