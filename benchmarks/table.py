"""The suite's table: one row per benchmark and simulator, and the rate agreement check."""

RATE_TOLERANCE = 0.10
MESSAGE_WIDTH = 160  # error messages are cut in the table; the JSON keeps them whole  # relative difference of a population's mean rate flagged as a mismatch

COLUMNS = ("benchmark", "simulator", "cold build s", "warm build s", "run s/sim s",
           "run() fixed ms", "spikes (mean Hz)", "synapses", "Mevents/s", "peak MB", "B/syn",
           "eqsim/this run", "note")


def _reference_rows(row, rows):
    """Rows to compare ``row``'s rates with: eqsim against every Brian2 row and back."""
    same = [r for r in rows if r.get("benchmark") == row.get("benchmark")
            and r is not row and r.get("status") == "ok"]
    if row.get("simulator") == "eqsim":
        return [r for r in same if r["simulator"].startswith("brian2")]
    return [r for r in same if r["simulator"] == "eqsim"]


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


def _eqsim_ratio(row, rows):
    if row.get("simulator") == "eqsim" or row.get("status") != "ok":
        return "-"
    mine = [r for r in rows if r.get("benchmark") == row["benchmark"]
            and r.get("simulator") == "eqsim" and r.get("status") == "ok"]
    if not mine or not row["run_s"]:
        return "-"
    return f"{mine[0]['run_s'] / row['run_s']:.2f}"


def row_cells(row, rows):
    """The table cells of one result row."""
    head = [row.get("benchmark", "?"), row.get("simulator", "?")]
    if row.get("status") != "ok":
        label = "not available yet" if row.get("status") == "unavailable" else "ERROR"
        message = " ".join(str(row.get("message", "")).split())  # one line in the table
        if len(message) > MESSAGE_WIDTH:
            message = message[:MESSAGE_WIDTH - 3] + "..."
        return head + ["-"] * (len(COLUMNS) - 3) + [f"{label}: {message}"]
    n_neurons = sum(row["neurons_by_population"].values())
    mean_rate = row["spikes"] / max(n_neurons, 1) / row["duration"]
    fixed = row.get("fixed_cost_s")
    events = row.get("events_per_s")
    return head + [
        _number(row["cold_build_s"]), _number(row["warm_build_s"]), _number(row["run_per_sim_s"]),
        _number(fixed * 1000 if fixed is not None else None),
        f"{row['spikes']:,} ({mean_rate:.3g})", _number(row["synapses"]),
        _number(events / 1e6 if events is not None else None), _number(row["peak_rss_mb"]),
        _number(row["bytes_per_synapse"]), _eqsim_ratio(row, rows),
        row.get("rate_mismatch") or ""]


def format_table(rows):
    """A Markdown table of all rows (readable as plain text too)."""
    body = [row_cells(row, rows) for row in rows]
    widths = [max(len(COLUMNS[k]), *(len(cells[k]) for cells in body)) for k in
              range(len(COLUMNS))] if body else [len(c) for c in COLUMNS]

    def line(cells):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
    return "\n".join([line(COLUMNS), line(["-" * w for w in widths]), *map(line, body)])
