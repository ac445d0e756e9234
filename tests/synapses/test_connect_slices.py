"""connect() onto a slice of the targets (issue 9): the slices of any partition of the
postsynaptic neurons make exactly the synapses of the whole call, with work in
proportion to the slice where the form allows it."""
import numpy as np
import pytest

from eqsim import ConnectError, NeuronGroup, Synapses, ms, run, seed, start_scope
import eqsim.runtime.sampling as sampling
from eqsim.core.context import current_context
from eqsim.synapses.connect import connection_pairs

N_PRE, N_POST = 40, 2600  # three blocks of targets (sampling.BLOCK = 1024)

FORMS = {
    "all to all": dict(),
    "p": dict(p=0.1),
    "p and condition": dict(condition="i != j and j % 3 != 0", p=0.2),
    "condition": dict(condition="abs(i*60 - j) < 40"),
    "p expression": dict(p="exp(-abs(i*60 - j)/200.0)"),
    "n": dict(condition="j % 500 == i", n=3),
    "n expression": dict(p=0.01, n="1 + i % 2"),
    "one to one": dict(j="i"),
    "element expression": dict(j="2*i + 1000"),
    "range": dict(j="k for k in range(i*60 - 50, i*60 + 50) if k % 2 == 0",
                  skip_if_invalid=True),
    "range with step": dict(j="k for k in range(N_post - 1, 0, -7)"),
    "sample p": dict(j="k for k in sample(N_post, p=0.2)"),
    "sample p with step and condition": dict(j="k for k in sample(5, N_post, 3, p=0.3) if k != i"),
    "sample p going down": dict(j="k for k in sample(N_post - 1, 0, -2, p=0.3)"),
    "sample size": dict(j="k for k in sample(N_post, size=7)"),
    "i generator": dict(i="k for k in sample(N_pre, p=0.3) if k != j % 40"),
    "arrays": dict(i=np.arange(N_PRE), j=np.arange(N_PRE) * 61),
    "arrays with p": dict(i=np.repeat(np.arange(N_PRE), 3), j=np.arange(3 * N_PRE) * 19, p=0.5),
}


@pytest.fixture
def pairs(numpy_target):
    """``pairs(start, stop, **connect_arguments)``: the sorted (i, j) list of the synapses
    connect() makes onto the targets ``start:stop``."""
    seed(5)
    source, target = NeuronGroup(N_PRE, "x : 1"), NeuronGroup(N_POST, "y : 1")
    synapses = Synapses(source, target)

    def make(start, stop, **arguments):
        i, j = connection_pairs(n_pre=N_PRE, n_post=N_POST, seed=5, stream=7,
                                evaluate=lambda e, ii, jj: synapses._evaluate_pairs(e, ii, jj, {}),
                                target_start=start, target_stop=stop, **arguments)
        assert np.all((j >= start) & (j < stop))
        return sorted(zip(i.tolist(), j.tolist()))
    return make


@pytest.mark.parametrize("form", sorted(FORMS))
def test_slices_of_the_targets_together_make_the_synapses_of_the_whole_call(pairs, form):
    whole = pairs(0, N_POST, **FORMS[form])
    assert whole, "the form must make synapses for the test to mean something"
    for parts in (2, 3, 4):
        cuts = np.linspace(0, N_POST, parts + 1).astype(int)
        union = sorted(sum((pairs(a, b, **FORMS[form]) for a, b in zip(cuts[:-1], cuts[1:])),
                           []))
        assert union == whole, f"{parts} slices"


def test_odd_slices_agree_with_the_whole_call(pairs):
    whole = pairs(0, N_POST, p=0.3)
    cuts = [0, 1, 1023, 1024, 1025, 2047, 2049, N_POST]
    union = sorted(sum((pairs(a, b, p=0.3) for a, b in zip(cuts[:-1], cuts[1:])), []))
    assert union == whole


def test_a_slice_that_misses_out_of_range_targets_still_raises(pairs):
    with pytest.raises(ConnectError, match="outside the postsynaptic group"):
        pairs(1000, 1500, j="k for k in range(i - 3, i + 4)")


@pytest.mark.parametrize("p", [0.2, 0.01], ids=["dense", "walked"])
def test_bernoulli_sampling_of_a_slice_draws_in_proportion_to_it(pairs, monkeypatch, p):
    drawn = []

    def counting(real):
        def draw(seed, stream, step, index, **kw):
            drawn.append(np.size(index))
            return real(seed, stream, step, index, **kw)
        return draw
    # dense rows draw lanes (one per 4 positions), walked rows one uniform per gap
    monkeypatch.setattr(sampling, "uniform", counting(sampling.uniform))
    monkeypatch.setattr(sampling, "lanes", counting(sampling.lanes))
    context = current_context()
    previous = None if context.philox_automatic else context.philox
    context.use_philox("numpy")  # the NumPy draws, which are counted (the C sampler's
    try:                         # are tests/runtime/test_sampling.py's: the same draws)
        pairs(0, N_POST, p=p)
        whole = sum(drawn)
        drawn.clear()
        pairs(0, 1024, p=p)  # the first of three blocks (the third is shorter)
    finally:
        context.use_philox(previous)
    assert whole > 0 and sum(drawn) < 0.5 * whole


def _procedural_drive(procedural, p):
    start_scope()
    seed(11)
    src = NeuronGroup(20, "tspike : second", threshold="t >= tspike", refractory=1000 * ms)
    src.tspike = "i*0.1*ms"
    tgt = NeuronGroup(N_POST, "v : 1")
    syn = Synapses(src, tgt, on_pre="v_post += 1 + i*0.001 + j*1e-6")
    syn.connect(p=p, procedural=procedural)
    run(2.5 * ms)
    return len(syn), tgt.v[:].copy()


@pytest.mark.parametrize("p", [0.02, 0.3], ids=["walked", "dense"])
def test_procedural_synapses_over_several_blocks_act_like_stored_ones(target, p):
    count, stored = _procedural_drive(False, p)
    procedural_count, procedural = _procedural_drive(True, p)
    assert count == procedural_count > 0
    np.testing.assert_allclose(stored, procedural, rtol=1e-14)  # summation order
