"""Compare a benchmark run with the stored baseline; say which rows got slower.

Usage::

    python benchmarks/run.py --quick --no-brian2 --repeat 3 --json /tmp/now.json
    python benchmarks/compare.py /tmp/now.json            # table; exit 1 if a row is slower
    python benchmarks/compare.py /tmp/now.json --update   # make it the new baseline

The baseline (``benchmarks/baseline.json``, committed whenever a figure changes on
purpose) holds, per simulator, benchmark, scale, simulated duration and thread count (a
row without one ran on 1 thread, and a 1-thread row's key does not name it), the figures a
change must not lose: seconds per simulated second, warm and cold build seconds and peak
memory. A row whose run or warm-build time grew by more than ``--tolerance`` (5 %) is
reported as slower; the commit that causes it must say so. Rows measured under a load
average above the number of cores are marked, since their times are not comparable.
"""
import argparse
import json
import os
import sys

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BASELINE = os.path.join(BENCH_DIR, "baseline.json")
#: (field, label, counts as a slowdown)
FIGURES = (("run_per_sim_s", "s/sim s", True), ("warm_build_s", "warm build s", True),
           ("cold_build_s", "cold build s", False), ("peak_rss_mb", "peak MB", False))


def row_key(row):
    """'simulator/benchmark/x<scale>/<duration>s', plus '/<T>threads' above one thread (so
    the keys of a baseline written before threads were recorded still match)."""
    threads = row.get("threads") or 1
    return f"{row['simulator']}/{row['benchmark']}/x{row.get('scale', 1.0):g}/" \
           f"{row.get('duration', 0):g}s" + (f"/{threads}threads" if threads != 1 else "")


def figures_of(results):
    """``{row key: {field: value}}`` of the successful rows of a ``run.py --json`` file."""
    table = {}
    for row in results["results"]:
        if row.get("status") != "ok":
            continue
        table[row_key(row)] = {field: row[field] for field, _, _ in FIGURES if field in row}
    return table


def compare(now, baseline, tolerance):
    """Rows ``(key, [(label, now, before, ratio)], slower)`` for every key in ``now``;
    ``before``/``ratio`` are None where the baseline has no figure."""
    rows = []
    for key, figures in sorted(now.items()):
        old = baseline.get(key, {})
        cells, slower = [], False
        for field, label, counts in FIGURES:
            if field not in figures:
                continue
            before = old.get(field)
            ratio = figures[field] / before if before else None
            cells.append((label, figures[field], before, ratio))
            slower |= counts and ratio is not None and ratio > 1 + tolerance
        rows.append((key, cells, slower))
    return rows


def format_rows(rows):
    lines = []
    for key, cells, slower in rows:
        text = ", ".join(f"{label} {value:.3g}" + (f" ({ratio:.2f}x of {before:.3g})"
                                                    if ratio is not None else " (new)")
                         for label, value, before, ratio in cells)
        lines.append(f"{'SLOWER ' if slower else '       '}{key}: {text}")
    return "\n".join(lines)


def load(path):
    with open(path) as f:
        return json.load(f)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("results", help="a file written by run.py --json")
    parser.add_argument("--baseline", default=DEFAULT_BASELINE)
    parser.add_argument("--tolerance", type=float, default=0.05,
                        help="relative growth of run or warm-build time that counts as slower")
    parser.add_argument("--update", action="store_true",
                        help="write these results' figures into the baseline")
    options = parser.parse_args(argv)
    results = load(options.results)
    now = figures_of(results)
    baseline = load(options.baseline)["rows"] if os.path.exists(options.baseline) else {}
    machine = results.get("machine", {})
    load_average = (machine.get("load_average_at_start") or [0.0])[0]
    if load_average > machine.get("cpus", 1):
        print(f"note: load average {load_average:.1f} at the start on {machine.get('cpus')} cores:"
              " these times are not comparable with a quiet machine's")
    rows = compare(now, baseline, options.tolerance)
    print(format_rows(rows))
    if options.update:
        baseline.update(now)
        with open(options.baseline, "w") as f:
            json.dump(dict(command=results.get("command"), started=results.get("started"),
                           machine=machine, rows=baseline), f, indent=1, sort_keys=True)
        print(f"baseline updated: {options.baseline}")
        return 0
    return 1 if any(slower for _, _, slower in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
