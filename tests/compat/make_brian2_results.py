"""Run Brian2's examples in Brian2 and store what their monitors recorded.

Run with the Python of the Brian2 reference environment (see tests/reference/README.md)::

    /work/brian2-venv/bin/python tests/compat/make_brian2_results.py [--only NAME ...] [--force]

Every example outside ``compartmental/`` is run twice, one at a time, under ``nice``: once as
it is, and once with every seed shifted (the script's own ``seed()`` / ``np.random.seed()``
calls get ``value + 1``, and an unseeded script starts from a different seed). If both runs
record the same arrays the example is deterministic and its arrays are stored
(``brian2_results/<slug>.npz``, each cut to its first ``harness.MAX_VALUES`` values) for exact
comparison; otherwise only the statistics of both runs are kept, and eqsim is compared with
them (``compare.py``). ``brian2_results/index.json`` holds, per example, the status, the time
taken, the error if any, whether it is deterministic, and the statistics of every array in
both runs. Finished examples are skipped unless ``--force``, so an interrupted run resumes.

Brian2's target is ``numpy`` (``--target``): on a shared 2-core machine Brian2's Cython
compilation would dominate the run time; scripts that choose a target or a standalone device
themselves keep their choice. Both targets give Brian2's numbers.

The Brian2 environment has no matplotlib (nor scipy); ``--matplotlib-from`` names a
site-packages folder whose matplotlib (and its dependencies, and scipy) the example runs may
import.
"""
import argparse
import datetime
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402
import harness  # noqa: E402

MATPLOTLIB_PACKAGES = ("matplotlib", "mpl_toolkits", "PIL", "pillow.libs", "contourpy", "cycler",
                       "dateutil", "fontTools", "kiwisolver", "pyparsing", "six.py", "packaging", "pylab.py",
                       "scipy", "scipy.libs")  # scipy: Platkiewicz_Brette_2011.py


def matplotlib_path(site_packages):
    """A folder of links to matplotlib and its dependencies in ``site_packages``."""
    folder = Path(tempfile.mkdtemp(prefix="brian2-mpl-"))
    for name in MATPLOTLIB_PACKAGES:
        if (Path(site_packages) / name).exists():
            (folder / name).symlink_to(Path(site_packages) / name)
    return str(folder)


def same_arrays(first, second):
    """Whether two runs' stored arrays are identical (same keys, shapes and values)."""
    with np.load(first) as a, np.load(second) as b:
        return set(a.files) == set(b.files) and all(
            a[k].shape == b[k].shape and np.array_equal(a[k], b[k], equal_nan=True)
            for k in a.files)


def run_example(example, args, env, scratch):
    record = {}
    outputs = []
    for offset in (0, 1):
        out = scratch / f"{corpus.slug(example)}_{offset}"
        summary = harness.run_isolated(example, "brian2", out, args.timeout, target=args.target,
                                       seed_offset=offset, env=env)
        print(f"  seed offset {offset}: {summary['status']} in {summary['seconds']} s "
              f"{summary.get('error') or ''}"[:300], flush=True)
        record[f"run{offset}"] = summary
        outputs.append(Path(f"{out}.npz"))
        if summary["status"] in ("timeout", "crash"):
            break
    first = record["run0"]
    record.update(status=first["status"], error=first.get("error"), seconds=first["seconds"])
    both = "run1" in record and all(p.exists() for p in outputs)
    record["deterministic"] = bool(both and same_arrays(*outputs))
    target = corpus.RESULTS / f"{corpus.slug(example)}.npz"
    if record["deterministic"]:
        os.replace(outputs[0], target)
    else:
        target.unlink(missing_ok=True)
    return record


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", help="examples to run, in this order (paths under brian2_examples/)")
    parser.add_argument("--force", action="store_true", help="rerun examples already stored")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    parser.add_argument("--target", default="numpy", help="Brian2 codegen target")
    parser.add_argument("--matplotlib-from", default="/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages")
    args = parser.parse_args()
    import brian2

    corpus.RESULTS.mkdir(exist_ok=True)
    index_path = corpus.RESULTS / "index.json"
    index = json.loads(index_path.read_text()) if index_path.exists() else {"examples": {}}
    index.update(brian2_version=brian2.__version__, numpy_version=np.__version__,
                 python=platform.python_version(), target=args.target, timeout=args.timeout,
                 max_values=harness.MAX_VALUES,
                 seeds="run0: the script as it is; run1: every seed() value + 1, unseeded "
                       "scripts start from seed 12346")
    env = dict(os.environ, MPLBACKEND="Agg")
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        env["PYTHONPATH"] = matplotlib_path(args.matplotlib_from)
    scratch = Path(tempfile.mkdtemp(prefix="brian2-results-"))
    for example in args.only or corpus.runnable_examples():
        finished = index["examples"].get(example, {}).get("status") in ("ok", "error")
        if finished and not args.force:
            continue
        print(example, flush=True)
        record = run_example(example, args, env, scratch)
        record["date"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        index["examples"][example] = record
        index["examples"] = dict(sorted(index["examples"].items()))
        index_path.write_text(json.dumps(index, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
