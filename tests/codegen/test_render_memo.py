"""A network run again reuses the source rendered for it, and only when every render input
is the same: keys tell apart values that print differently, inputs whose repr could hide a
difference are always rendered, and a reused source still gets the run's own values."""
import numpy as np
import pytest

import eqsim
from eqsim import Network, NeuronGroup, ms, second
from eqsim.codegen import module as module_code
from eqsim.codegen.kernel import Access
from eqsim.codegen.render_memo import SourceMemo, render_key


@pytest.mark.parametrize("a, b", [(1, 1.0), (1, True), (0.0, -0.0), ("1", 1), (None, "None"),
                                  ((1,), [1]), ({"a": 1, "b": 2}, {"b": 2, "a": 1}),
                                  (np.float64(0.1), 0.1000000000000001)])
def test_render_keys_differ_for_inputs_that_print_differently(a, b):
    assert render_key({"x": [a]}) != render_key({"x": [b]})


def test_render_keys_are_equal_for_equal_contexts_with_accesses():
    def context():
        return {"reads": [Access("_v_v", "_a_o1_v", "float64", False, "_i")],
                "uses": {"_a_o1_v"}, "statements": ["_v_v = 2*_v_v;"], "start": 0}
    assert render_key(context()) == render_key(context()) is not None


@pytest.mark.parametrize("ambiguous", [object(), np.zeros(3), np.arange(10_000), "a ... b"])
def test_inputs_whose_repr_could_hide_a_difference_have_no_key(ambiguous):
    assert render_key({"x": [1, ambiguous]}) is None


def test_the_memo_renders_a_key_once_and_inputs_without_a_key_every_time():
    memo, calls = SourceMemo(kept=2), []

    def render(text):
        return lambda: calls.append(text) or text
    assert memo.source("k1", render("one")) == "one"
    assert memo.source("k1", render("other")) == "one"
    assert memo.source(None, render("plain")) == "plain"
    assert memo.source(None, render("plain")) == "plain"
    memo.source("k2", render("two"))
    memo.source("k3", render("three"))  # the least recently used key (k1) is dropped
    assert memo.source("k1", render("again")) == "again"
    assert calls == ["one", "plain", "plain", "two", "three", "again"]


@pytest.mark.parametrize("target", ["numpy", "cython"])
def test_a_network_run_again_reuses_its_source_and_takes_new_constant_values(target):
    previous, eqsim.prefs["codegen.target"] = eqsim.prefs["codegen.target"], target
    try:
        group = NeuronGroup(2, "dv/dt = rate : 1")
        net = Network(group)
        net.run(10 * ms, namespace={"rate": 1 / second})
        first = net._module.source
        net.run(10 * ms, namespace={"rate": 3 / second})  # the same code, another value
        assert net._module.source is first
        np.testing.assert_allclose(group.v[:], [0.04, 0.04], rtol=1e-12)
    finally:
        eqsim.prefs["codegen.target"] = previous


def test_a_changed_network_is_rendered_anew():
    group = NeuronGroup(1, "dv/dt = 1/second : 1", threshold="v > 1", reset="v = 0")
    net = Network(group)
    net.run(1 * ms)
    first = net._module.source
    net.add(eqsim.SpikeMonitor(group))
    net.run(1 * ms)
    assert net._module.source != first
    assert len(module_code._RENDERED._sources) >= 2
