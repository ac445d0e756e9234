"""The suite's table: one row per benchmark, simulator and thread count, and the rate
agreement check.

``python benchmarks/table.py RESULTS.json [MORE.json ...]`` prints the table of the rows that
``run.py --json`` wrote (also of a run stopped early: it writes after every row).
"""

RATE_TOLERANCE = 0.10  # relative difference of a population's mean rate flagged as a mismatch
MESSAGE_WIDTH = 160  # error messages are cut in the table; the JSON keeps them whole
PEERS = ("nest", "annarchy")
#: simulators without threads: their one row stands for every thread count
SINGLE_THREADED = ("brian2-cython",)

COLUMNS = ("benchmark", "simulator", "threads", "cold build s", "warm build s", "run s/sim s",
           "run() fixed ms", "spikes (mean Hz)", "synapses", "Mevents/s", "peak MB", "B/syn",
           "load", "eqsim/this run", "note")


def threads_of(row):
    """The row's thread count; rows written before threads were recorded ran on 1."""
    return row.get("threads") or 1


def _comparable(row, other):
    """Same benchmark and thread count (a single-threaded simulator's row matches any)."""
    return (other is not row and other.get("status") == "ok"
            and other.get("benchmark") == row.get("benchmark")
            and (threads_of(other) == threads_of(row)
                 or other.get("simulator") in SINGLE_THREADED
                 or row.get("simulator") in SINGLE_THREADED))


def _reference_rows(row, rows):
    """Rows to compare ``row``'s rates with: eqsim against every Brian2 row and back, at
    the same thread count."""
    same = [r for r in rows if _comparable(row, r)]
    if row.get("simulator") == "eqsim":
        return [r for r in same if r["simulator"].startswith("brian2")]
    return [r for r in same if r["simulator"] == "eqsim"]


def _eqsim_row(row, rows):
    """eqsim's row at ``row``'s benchmark and thread count, or None."""
    return next((r for r in rows if r.get("simulator") == "eqsim" and _comparable(row, r)), None)


def peer_rates(row, rows):
    """'rates vs eqsim: exc +4 %, inh -2 %' for a NEST or ANNarchy row (their models differ
    from the spec in ways runners/run_nest.py and run_annarchy.py list: the README discusses
    these numbers), at the same thread count."""
    mine = _eqsim_row(row, rows)
    if row.get("simulator") not in PEERS or row.get("status") != "ok" or mine is None:
        return ""
    parts = [f"{population} {100 * (rate / mine['rates_hz'][population] - 1):+.0f} %"
             for population, rate in row["rates_hz"].items()
             if mine["rates_hz"].get(population)]
    return "rates vs eqsim: " + ", ".join(parts) if parts else ""


def rate_mismatch(row, rows):
    """'RATE MISMATCH pop a vs b Hz' when a population's mean rate differs from the other
    side's by more than 10 %, else None."""
    if row.get("status") != "ok":
        return None
    problems = []
    for other in _reference_rows(row, rows):
        for population, rate in row["rates_hz"].items():
            reference = other["rates_hz"].get(population)
            if reference is None:
                continue
            scale = max(abs(rate), abs(reference))
            if scale > 0 and abs(rate - reference) / scale > RATE_TOLERANCE:
                problems.append(f"{population} {rate:.3g} vs {reference:.3g} Hz "
                                f"({other['simulator']})")
    return "RATE MISMATCH: " + "; ".join(problems) if problems else None


def _number(value, digits=3):
    if value is None:
        return "-"
    if isinstance(value, int) or (abs(value) >= 1000 and float(value).is_integer()):
        return f"{int(value):,}"
    return f"{value:.{digits}g}"


def eqsim_ratio(row, rows):
    """eqsim's run time over this row's at the same thread count (below 1: eqsim is
    faster), or None."""
    if row.get("simulator") == "eqsim" or row.get("status") != "ok" or not row["run_s"]:
        return None
    mine = _eqsim_row(row, rows)
    return mine["run_per_sim_s"] / row["run_per_sim_s"] if mine else None


def row_cells(row, rows):
    """The table cells of one result row."""
    head = [row.get("benchmark", "?"), row.get("simulator", "?"), str(threads_of(row))]
    if row.get("status") != "ok":
        label = {"unavailable": "not available yet", "untranslated": "not run"}.get(
            row.get("status"), "ERROR")
        message = " ".join(str(row.get("message", "")).split())  # one line in the table
        if len(message) > MESSAGE_WIDTH:
            message = message[:MESSAGE_WIDTH - 3] + "..."
        return head + ["-"] * (len(COLUMNS) - len(head) - 1) + [f"{label}: {message}"]
    ratio = eqsim_ratio(row, rows)
    load = row.get("load_average")
    n_neurons = sum(row["neurons_by_population"].values())
    mean_rate = row["spikes"] / max(n_neurons, 1) / row["duration"]
    fixed = row.get("fixed_cost_s")
    events = row.get("events_per_s")
    return head + [
        _number(row["cold_build_s"]), _number(row["warm_build_s"]), _number(row["run_per_sim_s"]),
        _number(fixed * 1000 if fixed is not None else None),
        f"{row['spikes']:,} ({mean_rate:.3g})", _number(row["synapses"]),
        _number(events / 1e6 if events is not None else None), _number(row["peak_rss_mb"]),
        _number(row["bytes_per_synapse"]), f"{load:.1f}" if load is not None else "-",
        f"{ratio:.2f}" if ratio is not None else "-",
        row.get("rate_mismatch") or peer_rates(row, rows)]


def format_table(rows):
    """A Markdown table of all rows (readable as plain text too)."""
    body = [row_cells(row, rows) for row in rows]
    widths = [max(len(COLUMNS[k]), *(len(cells[k]) for cells in body)) for k in
              range(len(COLUMNS))] if body else [len(c) for c in COLUMNS]

    def line(cells):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
    return "\n".join([line(COLUMNS), line(["-" * w for w in widths]), *map(line, body)])


def main(argv=None):
    """``python benchmarks/table.py RESULTS.json...``: the table of one or more ``run.py
    --json`` files (rows in the order given, rate checks across all of them)."""
    import json
    import sys
    rows = []
    for path in (argv if argv is not None else sys.argv[1:]):
        with open(path) as f:
            rows += json.load(f)["results"]
    for row in rows:
        row["rate_mismatch"] = rate_mismatch(row, rows)
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
