"""Run one of Brian2's example scripts in Brian2 or in eqsim and save what its monitors recorded.

This file runs under both Pythons (the project's and the Brian2 reference environment), so it
imports neither simulator at module level::

    python3 tests/compat/harness.py --simulator eqsim --example CUBA.py --out /tmp/cuba
    /work/brian2-venv/bin/python tests/compat/harness.py --simulator brian2 ...

The one change made to a script (and to the helper modules next to it, such as
``Brette_2012/params.py``) is the import rule of :func:`rewrite_imports`, besides the
shortening of three sweeps too slow even in Brian2 (``corpus.SHORTENED``, the same in both). Plots go to the
headless Agg backend and ``show()`` does nothing; ``numpy.in1d`` and a ``Line2D.set_data``
that takes scalars are given back where newer libraries removed them (:func:`_old_apis`).
Every ``SpikeMonitor``, ``EventMonitor``, ``StateMonitor`` and ``PopulationRateMonitor`` the
script creates is kept (their constructors are hooked), and at the end, or at the first
error, their data is written to ``<out>.npz`` with a ``<out>.json`` summary (status, error,
time taken, what every array is), together with what the script leaves besides monitors: the
state of its NeuronGroups and Synapses and its numeric top-level variables (leftovers.py).
"""
import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
import types
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402
import leftovers  # noqa: E402
EXAMPLES = HERE / "brian2_examples"
REPO_ROOT = HERE.parents[1]
# Arrays longer than this are stored cut to their first MAX_VALUES values (both simulators cut
# the same way); the statistics in the summary always cover the whole array.
MAX_VALUES = 10000
MONITOR_CLASSES = ("EventMonitor", "SpikeMonitor", "StateMonitor", "PopulationRateMonitor")

_IMPORT = re.compile(r"^(?P<indent>[ \t]*)(?P<keyword>from|import)(?P<space>[ \t]+)brian2(?=[\s.,]|$)",
                     re.MULTILINE)


def rewrite_imports(source, simulator="eqsim"):
    """The script with every import of ``brian2`` made an import of ``simulator``.

    The rule: in a line that starts (after indentation) with ``from brian2`` or
    ``import brian2``, the module name ``brian2`` becomes ``eqsim``; submodule paths are kept
    (``from brian2.units.constants import x`` -> ``from eqsim.units.constants import x``), and a
    bare ``import brian2`` becomes ``import eqsim as brian2`` so that ``brian2.x`` still names
    the simulator. Nothing else in the script changes.
    """
    if simulator == "brian2":
        return source

    def replace(match):
        head = f"{match['indent']}{match['keyword']}{match['space']}{simulator}"
        return head
    rewritten = _IMPORT.sub(replace, source)
    # ``import eqsim`` (no alias, no submodule) binds ``eqsim``; the script says ``brian2``.
    return re.sub(rf"^([ \t]*)import {simulator}[ \t]*$", rf"\1import {simulator} as brian2",
                  rewritten, flags=re.MULTILINE)


def _copy_example_folder(example, simulator, workdir):
    """Copy the example's folder into ``workdir`` with the import rule applied to every script."""
    source_folder = (EXAMPLES / example).parent
    for path in source_folder.iterdir():
        if path.is_file():
            target = workdir / path.name
            if path.suffix == ".py":
                source = path.read_text()
                if path == EXAMPLES / example:  # the same shortening in both simulators
                    source = corpus.shorten(example, source)
                target.write_text(rewrite_imports(source, simulator))
            else:
                shutil.copy(path, target)
    return workdir / Path(example).name


def _hook_monitors(module, kept):
    """Make every monitor class of ``module`` append its new instances to ``kept``."""
    def keep(monitor):
        if not any(m is monitor for m in kept):
            kept.append(monitor)
    leftovers.hook_constructors(module, MONITOR_CLASSES, keep)


def _si(values):
    return np.array(np.asarray(values), dtype=np.float64)


def _store(arrays, described, key, values, what):
    values = np.asarray(values)
    flat = values.ravel()
    finite = flat[np.isfinite(flat)] if flat.dtype.kind == "f" else flat
    described[key] = {
        "what": what, "shape": list(values.shape), "size": int(flat.size),
        "sum": float(np.sum(finite)) if finite.size else 0.0,
        "mean": float(np.mean(finite)) if finite.size else 0.0,
        "std": float(np.std(finite)) if finite.size else 0.0,
        "nonfinite": int(flat.size - finite.size) if flat.dtype.kind == "f" else 0,
        "stored": int(min(flat.size, MAX_VALUES)),
    }
    arrays[key] = flat[:MAX_VALUES].copy()


def _collect(monitor, number, arrays, described):
    kind = type(monitor).__name__
    prefix = f"m{number:02d}_{kind}"
    if kind in ("SpikeMonitor", "EventMonitor") or hasattr(monitor, "count") and hasattr(monitor, "i"):
        _store(arrays, described, f"{prefix}__count", np.asarray(monitor.count, dtype=np.int64),
               "events per source index")
        if getattr(monitor, "record", True) is not False:
            _store(arrays, described, f"{prefix}__i", np.asarray(monitor.i[:], dtype=np.int64),
                   "index of each event")
            _store(arrays, described, f"{prefix}__t", _si(monitor.t[:]), "time of each event (s)")
    elif kind == "PopulationRateMonitor":
        _store(arrays, described, f"{prefix}__t", _si(monitor.t[:]), "time of each bin (s)")
        _store(arrays, described, f"{prefix}__rate", _si(monitor.rate[:]), "rate (Hz)")
    elif kind == "StateMonitor":
        _store(arrays, described, f"{prefix}__t", _si(monitor.t[:]), "time of each sample (s)")
        for variable in monitor.record_variables:
            _store(arrays, described, f"{prefix}__{variable}", _si(getattr(monitor, variable)),
                   f"{variable} (SI units), rows: recorded indices, columns: samples")


def _old_apis():
    """Give the scripts the library APIs they were written for where a newer NumPy or
    matplotlib removed them. Only plotting and analysis after a run use them, never the
    simulation that is compared, and both simulators get the same; eqsim itself has none."""
    if not hasattr(np, "in1d"):  # removed in NumPy 2.4 (Stimberg_et_al_2018/example_1_COBA)
        np.in1d = lambda ar1, ar2, *args, **kwargs: np.isin(ar1, ar2, *args, **kwargs).ravel()
    from matplotlib.lines import Line2D
    original = Line2D.set_data

    def set_data(self, *args):
        # matplotlib >= 3.10 refuses scalar x and y (coupled_oscillators.py moves one dot)
        return original(self, *(np.atleast_1d(a) for a in args) if len(args) == 2 else args)
    Line2D.set_data = set_data


def _seeding(simulator_module, offset):
    """Make the script's own seed() calls, and the start state, depend on ``offset``."""
    if not offset:
        return
    original_seed = simulator_module.seed
    original_np_seed = np.random.seed

    def seed(value=None):
        original_seed(None if value is None else value + offset)
    simulator_module.seed = seed
    np.random.seed = lambda value=None: original_np_seed(None if value is None else value + offset)
    original_seed(12345 + offset)


def run(example, simulator, out, target=None, seed_offset=0):
    """Run ``example`` (a path under brian2_examples/) and write ``<out>.npz`` and ``<out>.json``."""
    os.environ["MPLBACKEND"] = "Agg"
    if simulator == "eqsim":
        sys.path.insert(0, str(REPO_ROOT))     # the checkout under test, not an installed copy
        # as installed eqsim does, draw random numbers with the compiled Philox rounds also on
        # the NumPy target (a checkout has no built glue; NumPy rounds cost ~0.5 ms a draw)
        from eqsim.codegen.module import network_glue
        network_glue()
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.show = lambda *args, **kwargs: None
    _old_apis()
    module = __import__(simulator)
    if target is not None:
        module.prefs.codegen.target = target
    kept, groups = [], []
    _hook_monitors(module, kept)
    leftovers.hook_groups(module, groups)
    _seeding(module, seed_offset)

    workdir = Path(tempfile.mkdtemp(prefix="eqsim-compat-"))
    script = _copy_example_folder(example, simulator, workdir)
    summary = {"example": example, "simulator": simulator, "target": target,
               "seed_offset": seed_offset, "status": "ok", "error": None,
               "leftovers": True}   # group state and variables recorded (compare.py)
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    saved_main, saved_cwd = sys.modules["__main__"], os.getcwd()
    sys.modules["__main__"] = main      # so that multiprocessing can pickle the script's functions
    sys.path.insert(0, str(workdir))
    os.chdir(workdir)
    started = time.perf_counter()
    try:
        exec(compile(script.read_text(), str(script), "exec"), main.__dict__)
    except BaseException as error:  # a script's SystemExit is an outcome too
        lines = [frame for frame in traceback.extract_tb(error.__traceback__)
                 if frame.filename == str(script)]
        summary.update(status="error", error=f"{type(error).__name__}: {error}"[:2000],
                       error_type=type(error).__name__,
                       error_line=lines[-1].lineno if lines else None,
                       error_code=lines[-1].line if lines else None)
    summary["seconds"] = round(time.perf_counter() - started, 3)
    _stop_joblib_workers()
    os.chdir(saved_cwd)
    sys.modules["__main__"] = saved_main
    arrays, described = {}, {}
    for number, monitor in enumerate(kept):
        try:
            _collect(monitor, number, arrays, described)
        except Exception as error:
            described[f"m{number:02d}_{type(monitor).__name__}__error"] = {
                "what": f"{type(error).__name__}: {error}"[:500]}
    # what the script leaves besides monitors (compared only where it keeps none: compare.py)
    def store(key, values, what):
        _store(arrays, described, key, values, what)
    described.update(leftovers.collect_groups(groups, store))
    try:
        leftovers.collect_globals(main.__dict__, script.read_text(), store)
    except Exception as error:
        described["global__error"] = {"what": f"{type(error).__name__}: {error}"[:500]}
    summary["arrays"] = described
    plt.close("all")
    shutil.rmtree(workdir, ignore_errors=True)
    np.savez_compressed(f"{out}.npz", **arrays)
    Path(f"{out}.json").write_text(json.dumps(summary, indent=1, sort_keys=True))
    return summary


def _stop_joblib_workers():
    """Shut down joblib's reusable worker pool (03_standalone_joblib.py): its idle workers
    outlive the script and would hold the output pipes of :func:`run_isolated` open."""
    if "joblib" in sys.modules:
        from joblib.externals.loky import get_reusable_executor
        get_reusable_executor().shutdown(wait=True)


def run_isolated(example, simulator, out, timeout, python=sys.executable, target=None,
                 seed_offset=0, env=None):
    """Run the example in a fresh ``nice``d interpreter; its summary, or a summary saying it
    timed out (the whole process group is killed) or crashed without writing one."""
    import signal
    import subprocess
    command = ["nice", "-n", "10", python, str(Path(__file__).resolve()), "--simulator", simulator,
               "--example", example, "--out", str(out), "--seed-offset", str(seed_offset)]
    if target:
        command += ["--target", target]
    summary_path = Path(f"{out}.json")
    summary_path.unlink(missing_ok=True)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True, env=env, text=True)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return {"example": example, "simulator": simulator, "status": "timeout",
                "error": f"no result within {timeout} s", "seconds": timeout, "arrays": {}}
    if not summary_path.exists():
        return {"example": example, "simulator": simulator, "status": "crash",
                "error": f"exit code {process.returncode}: {stderr[-1500:]}",
                "seconds": round(time.perf_counter() - started, 3), "arrays": {}}
    return json.loads(summary_path.read_text())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--simulator", choices=("eqsim", "brian2"), required=True)
    parser.add_argument("--example", required=True, help="path under tests/compat/brian2_examples")
    parser.add_argument("--out", required=True, help="output prefix (.npz and .json are added)")
    parser.add_argument("--target", default=None, help="codegen target (default: the simulator's)")
    parser.add_argument("--seed-offset", type=int, default=0)
    args = parser.parse_args()
    summary = run(args.example, args.simulator, args.out, args.target, args.seed_offset)
    print(json.dumps({k: summary[k] for k in ("example", "status", "error", "seconds")}))
    # Skip interpreter teardown: some scripts leave pools or threads behind.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
