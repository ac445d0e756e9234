"""Run the plasticity rules in Brian2 on the spike trains of ``plasticity_cases.py`` and
save the final weights.

Run with the Python of the Brian2 reference environment (see README.md)::

    /work/brian2-venv/bin/python tests/reference/make_brian2_plasticity_reference.py

The rules are written here in Brian2 independently of eqsim's ``eqsim.models.plasticity``
(pair STDP as in Brian2's documentation, triplet STDP after Pfister & Gerstner 2006).
Writes ``brian2_plasticity.json``.
"""
import json
import sys
from pathlib import Path

import brian2 as b

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from plasticity_cases import (DT_MS, DURATION_MS, N_PAIRS, PAIR, RULES, TRIPLET,  # noqa: E402
                              W_START, trains)

PAIR_MODEL = """w : 1
dapre/dt = -apre/taupre : 1 (event-driven)
dapost/dt = -apost/taupost : 1 (event-driven)"""
TRIPLET_MODEL = """w : 1
dr1/dt = -r1/tau_plus : 1 (event-driven)
dr2/dt = -r2/tau_x : 1 (event-driven)
do1/dt = -o1/tau_minus : 1 (event-driven)
do2/dt = -o2/tau_y : 1 (event-driven)"""
CODE = {
    "pair_additive": (PAIR_MODEL, "apre += Apre\nw = clip(w + wmax*apost, 0, wmax)",
                      "apost += Apost\nw = clip(w + wmax*apre, 0, wmax)"),
    "pair_multiplicative": (PAIR_MODEL, "apre += Apre\nw = clip(w + w*apost, 0, wmax)",
                            "apost += Apost\nw = clip(w + (wmax - w)*apre, 0, wmax)"),
    "triplet_all": (TRIPLET_MODEL, "w = clip(w - wmax*o1*(A2m + A3m*r2), 0, wmax)\nr1 += 1\nr2 += 1",
                    "w = clip(w + wmax*r1*(A2p + A3p*o2), 0, wmax)\no1 += 1\no2 += 1"),
    "triplet_nearest": (TRIPLET_MODEL, "w = clip(w - wmax*o1*(A2m + A3m*r2), 0, wmax)\nr1 = 1\nr2 = 1",
                        "w = clip(w + wmax*r1*(A2p + A3p*o2), 0, wmax)\no1 = 1\no2 = 1"),
}


def final_weights(rule):
    b.start_scope()
    b.defaultclock.dt = DT_MS * b.ms
    pre_i, pre_t, post_i, post_t = trains()
    pre = b.SpikeGeneratorGroup(N_PAIRS, pre_i, pre_t * b.ms)
    post = b.SpikeGeneratorGroup(N_PAIRS, post_i, post_t * b.ms)
    params = PAIR if rule.startswith("pair") else TRIPLET
    namespace = {k: (v * b.ms if k.startswith("tau") else v) for k, v in params.items()}
    model, on_pre, on_post = CODE[rule]
    S = b.Synapses(pre, post, model, on_pre=on_pre, on_post=on_post, namespace=namespace)
    S.connect(j="i")
    S.w = W_START
    b.run(DURATION_MS * b.ms)
    return [float(x) for x in S.w[:]]


def main():
    b.prefs.codegen.target = "numpy"
    out = {"brian2_version": b.__version__, "weights": {rule: final_weights(rule) for rule in RULES}}
    (HERE / "brian2_plasticity.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
