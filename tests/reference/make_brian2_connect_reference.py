"""Run the connect forms of ``connect_forms.py`` in Brian2 and save the synapses they make.

Run with the Python of the Brian2 reference environment (see README.md)::

    /work/brian2-venv/bin/python tests/reference/make_brian2_connect_reference.py

Writes ``brian2_connect_forms.json``: for each deterministic form the (i, j) of every
synapse in creation order; for each random form the mean number of synapses per
presynaptic and per postsynaptic neuron over ``SEEDS`` seeds (and whether each row's
count was the same for every seed); for each refused form Brian2's error.
"""
import datetime
import json
import sys
from pathlib import Path

import numpy as np

import brian2

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from connect_forms import (ERRORS, EXACT, EXACT_AS_SET, RANDOM, SEEDS,  # noqa: E402
                           connect)


def run(form, seed=None, expect_error=False):
    brian2.start_scope()
    if seed is not None:
        brian2.seed(seed)
    try:
        return connect(brian2, form, namespace={"mV": brian2.mV})
    except Exception:
        if not expect_error:
            print(f"Brian2 refused {form}", file=sys.stderr)
        raise


def degrees(form, pre, post):
    _, n_pre, n_post, _ = form
    return (np.bincount(pre, minlength=n_pre).tolist(),
            np.bincount(post, minlength=n_post).tolist())


def main():
    brian2.prefs.codegen.target = "numpy"
    exact = {form[0]: run(form) for form in EXACT + EXACT_AS_SET}
    random = {}
    for form in RANDOM:
        rows, columns = [], []
        for seed in range(SEEDS):
            out, into = degrees(form, *run(form, seed))
            rows.append(out)
            columns.append(into)
        rows, columns = np.array(rows, float), np.array(columns, float)
        random[form[0]] = {"out_mean": rows.mean(0).tolist(), "out_var": rows.var(0).tolist(),
                           "in_mean": columns.mean(0).tolist(),
                           "in_var": columns.var(0).tolist(),
                           "fixed_rows": bool(np.all(rows == rows[0]))}
    errors = {}
    for form in ERRORS:
        try:
            run(form, expect_error=True)
        except Exception as error:
            cause = error.__cause__ or getattr(error, "original_error", None)
            errors[form[0]] = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
            if cause is not None:
                errors[form[0]] += f" | {type(cause).__name__}: {str(cause)[:200]}"
        else:
            raise SystemExit(f"Brian2 accepted {form}")
    (HERE / "brian2_connect_forms.json").write_text(json.dumps({
        "brian2": brian2.__version__, "date": datetime.date.today().isoformat(),
        "seeds": SEEDS, "exact": exact, "random": random, "errors": errors}, indent=0) + "\n")


if __name__ == "__main__":
    main()
