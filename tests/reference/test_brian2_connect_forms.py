"""Every ``connect()`` form of Brian2's documentation and tests makes Brian2's synapses.

The forms are the table in ``connect_forms.py``; what Brian2 2.9.0 made of them is in
``brian2_connect_forms.json`` (written by ``make_brian2_connect_reference.py``).
Deterministic forms must give the same synapses in the same order; random forms the same
mean number of synapses per source and per target neuron (within 5 standard errors
of the difference of the two means); forms Brian2 refuses must raise an ``EqsimError``.
Connecting runs in Python on either target, so these use the NumPy target.
"""
import json
from pathlib import Path

import numpy as np
import pytest

import eqsim
from connect_forms import ERRORS, EXACT, EXACT_AS_SET, RANDOM, SEEDS, connect
from eqsim.errors import EqsimError

HERE = Path(__file__).resolve().parent
REFERENCE = json.loads((HERE / "brian2_connect_forms.json").read_text())
EQSIM_SEEDS = 12  # fewer than Brian2's: the test stays fast, the error term accounts for it


def _run(form, seed=None):
    eqsim.start_scope()
    if seed is not None:
        eqsim.seed(seed)
    return connect(eqsim, form, namespace={"mV": eqsim.mV})


@pytest.mark.parametrize("form", EXACT, ids=[f[0] for f in EXACT])
def test_deterministic_connect_form_makes_brian2s_synapses_in_order(form, numpy_target):
    i, j = _run(form)
    expected_i, expected_j = REFERENCE["exact"][form[0]]
    assert list(zip(i, j)) == list(zip(expected_i, expected_j))


@pytest.mark.parametrize("form", EXACT_AS_SET, ids=[f[0] for f in EXACT_AS_SET])
def test_sample_of_everything_makes_brian2s_pairs(form, numpy_target):
    i, j = _run(form)
    expected_i, expected_j = REFERENCE["exact"][form[0]]
    assert sorted(zip(i, j)) == sorted(zip(expected_i, expected_j))


@pytest.mark.parametrize("form", RANDOM, ids=[f[0] for f in RANDOM])
def test_random_connect_form_has_brian2s_numbers_of_synapses(form, numpy_target):
    _, n_pre, n_post, _ = form
    reference = REFERENCE["random"][form[0]]
    rows, columns = [], []
    for seed in range(EQSIM_SEEDS):
        i, j = _run(form, seed)
        rows.append(np.bincount(i, minlength=n_pre))
        columns.append(np.bincount(j, minlength=n_post))
    rows, columns = np.array(rows, float), np.array(columns, float)
    if reference["fixed_rows"]:  # sample(..., size=...): the number per row is given
        assert np.all(rows == np.array(reference["out_mean"])), rows
    for what, got in (("out", rows), ("in", columns)):
        expected, variance = np.array(reference[f"{what}_mean"]), np.array(reference[f"{what}_var"])
        error = np.sqrt(variance / SEEDS + got.var(0) / EQSIM_SEEDS)
        assert np.all(np.abs(got.mean(0) - expected) <= 5 * error + 1e-9), \
            (what, got.mean(0).tolist(), expected.tolist())


@pytest.mark.parametrize("form", ERRORS, ids=[f[0] for f in ERRORS])
def test_connect_form_brian2_refuses_raises(form, numpy_target):
    with pytest.raises(EqsimError):
        _run(form)


def test_the_reference_covers_every_form():
    forms = EXACT + EXACT_AS_SET + RANDOM + ERRORS
    assert len({f[0] for f in forms}) == len(forms)
    assert set(REFERENCE["exact"]) == {f[0] for f in EXACT + EXACT_AS_SET}
    assert set(REFERENCE["random"]) == {f[0] for f in RANDOM}
    assert set(REFERENCE["errors"]) == {f[0] for f in ERRORS}
    assert REFERENCE["seeds"] == SEEDS
