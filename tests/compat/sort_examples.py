"""Run Brian2's examples in eqsim, sort each one (compare.py), write status.json, print the count.

    python3 tests/compat/sort_examples.py                  # every example, then status.json + README
    python3 tests/compat/sort_examples.py --only CUBA.py   # re-sort some, keep the others' entries

Examples run one at a time in a fresh ``nice``d interpreter with eqsim's default target
(``--target`` to change it), each with a time limit (``--timeout``, 300 s). The count
(matches / runs / unsupported / differs / fails / no-reference) is printed and written into README.md
between the ``compat-count`` markers.
"""
import argparse
import datetime
import json
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402
import corpus  # noqa: E402
import harness  # noqa: E402

DEFAULT_TIMEOUT = 300.0
CATEGORIES = ("matches", "runs", "unsupported", "differs", "fails", "no-reference")
README = corpus.HERE.parents[1] / "README.md"
COUNT_LINE = re.compile(r"(<!-- compat-count -->).*?(<!-- /compat-count -->)", re.DOTALL)


def brian2_reference(example):
    """Brian2's record of ``example`` and its arrays' file, or ``(None, None)``."""
    index_path = corpus.RESULTS / "index.json"
    index = json.loads(index_path.read_text())["examples"] if index_path.exists() else {}
    return index.get(example), corpus.RESULTS / f"{corpus.slug(example)}.npz"


def sort_one(example, scratch, timeout, target=None):
    """Run ``example`` in eqsim and return its status entry."""
    if example.startswith(corpus.COMPARTMENTAL):
        return {"category": "unsupported", "reason": compare.known_reason(example)}
    out = Path(scratch) / corpus.slug(example)
    ours = harness.run_isolated(example, "eqsim", out, timeout, target=target)
    arrays = {}
    if Path(f"{out}.npz").exists():
        with np.load(f"{out}.npz") as stored:
            arrays = {key: stored[key] for key in stored.files}
    reference = brian2_reference(example)
    entry = compare.sort_example(example, ours, arrays, *reference)
    if entry["category"] == "differs" and entry.get("comparison") == "statistics":
        # two more seeds before calling a random example different (compare.py)
        more = [harness.run_isolated(example, "eqsim", f"{out}_{offset}", timeout, target=target,
                                     seed_offset=offset) for offset in (1, 2)]
        if all(run["status"] == "ok" for run in more):
            entry = compare.sort_example(example, ours, arrays, *reference, more_runs=more)
            entry["eqsim_runs"] = 3
    entry["eqsim_seconds"] = ours["seconds"]
    return entry


def counts(entries):
    found = {name: 0 for name in CATEGORIES}
    for entry in entries.values():
        found[entry["category"]] += 1
    return found


def count_sentence(found, total):
    return (f"{total} examples: {found['matches']} run and match Brian2, "
            f"{found['runs']} run but record nothing to compare, "
            f"{found['unsupported']} known-unsupported, {found['differs']} differ, "
            f"{found['fails']} fail, {found['no-reference']} have no Brian2 result to compare with")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", help="examples to re-sort (paths under brian2_examples/)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    parser.add_argument("--target", default=None, help="eqsim codegen target (default: its own)")
    parser.add_argument("--no-readme", action="store_true", help="leave README.md alone")
    parser.add_argument("--status", type=Path, default=corpus.STATUS, help="the status file")
    args = parser.parse_args()

    status = json.loads(args.status.read_text()) if args.status.exists() else {"examples": {}}
    entries = {k: v for k, v in status["examples"].items() if k in corpus.all_examples()}
    scratch = tempfile.mkdtemp(prefix="eqsim-compat-sort-")
    for example in args.only or corpus.all_examples():
        entry = sort_one(example, scratch, args.timeout, args.target)
        entry["target"] = args.target or "default"
        if args.timeout != DEFAULT_TIMEOUT:   # the all-examples test gives it as long
            entry["timeout"] = args.timeout
        entries[example] = entry
        detail = entry.get("reason") or "; ".join(entry.get("figures", []))
        print(f"{entry['category']:13s} {example}  {detail}"[:240], flush=True)
        status["examples"] = dict(sorted(entries.items()))
        args.status.write_text(json.dumps(status, indent=1, sort_keys=True) + "\n")
    found = counts(entries)
    status.update(counts=found, date=datetime.datetime.now(datetime.timezone.utc)
                  .isoformat(timespec="seconds"), examples=dict(sorted(entries.items())))
    args.status.write_text(json.dumps(status, indent=1, sort_keys=True) + "\n")
    sentence = count_sentence(found, len(entries))
    print(sentence)
    if not args.no_readme and README.exists():
        text = README.read_text()
        README.write_text(COUNT_LINE.sub(lambda m: f"{m[1]}{sentence}.{m[2]}", text))


if __name__ == "__main__":
    main()
