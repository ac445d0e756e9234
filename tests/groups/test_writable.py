"""One rule for what statements may assign, whatever kind of code they are in:
(constant), (shared, constant), read-only and built-in names are refused with EQ802,
naming the variable, the kind of code, the line and the column."""
import pytest

from eqsim import Network, NeuronGroup, Synapses, defaultclock
from eqsim.errors import EquationError

NEURON = "v : 1\ntau : second (constant)\nsc : 1 (shared, constant)"
SYNAPSE = "w : 1\nc : 1 (constant)\nsc_syn : 1 (shared, constant)"


def run(*objects):
    Network(*objects).run(defaultclock.dt)


def refused(build, variable, where, line, column=0):
    with pytest.raises(EquationError) as error:
        run(*build())
    assert error.value.code == "EQ802"
    assert f"'{variable}'" in error.value.message and where in error.value.message
    assert (error.value.line, error.value.column) == (line, column)
    return error.value


def synapses(on_pre=None, on_post=None, **options):
    def build():
        source = NeuronGroup(2, NEURON, threshold="True")
        target = NeuronGroup(2, NEURON, threshold="True")
        pathways = {k: v for k, v in (("on_pre", on_pre), ("on_post", on_post)) if v}
        syn = Synapses(source, target, SYNAPSE, **pathways, **options)
        syn.connect(**({"p": 1.0} if options.get("procedural") else {}))
        return source, target, syn
    return build


@pytest.mark.parametrize("code, variable, line, column", [
    ("tau_post = 1*ms", "tau_post", 1, 0),
    ("w += 1\ntau_pre = 1*ms", "tau_pre", 2, 0),
    ("w += 1\n  tau = 1*ms", "tau", 2, 2),  # unsuffixed: the target's variable
    ("sc_post = 1", "sc_post", 1, 0),
    ("c = 2", "c", 1, 0),
    ("sc_syn = 2", "sc_syn", 1, 0),
    ("t = 0*ms", "t", 1, 0),
    ("N_post = 1", "N_post", 1, 0),
])
def test_on_pre_code_cannot_assign_constants_or_built_ins(code, variable, line, column):
    error = refused(synapses(on_pre=code), variable, "on_pre code", line, column)
    assert code.splitlines()[line - 1].strip() in str(error)


def test_on_post_code_follows_the_same_rule():
    refused(synapses(on_post="tau_pre = 2*ms"), "tau_pre", "on_post code", 1)


def test_procedural_pathways_follow_the_same_rule():
    def build():
        source = NeuronGroup(2, NEURON, threshold="True")
        target = NeuronGroup(2, NEURON)
        syn = Synapses(source, target, "w : 1 (shared)", on_pre="tau_post = 1*ms")
        syn.connect(p=0.5, procedural=True)
        return source, target, syn
    refused(build, "tau_post", "on_pre code", 1)


@pytest.mark.parametrize("reset, variable, line", [
    ("v = 0\ntau = 1*ms", "tau", 2), ("sc = 1", "sc", 1), ("t = 0*ms", "t", 1), ("i = 1", "i", 1),
])
def test_resets_refuse_the_same_targets(reset, variable, line):
    refused(lambda: [NeuronGroup(2, NEURON, threshold="True", reset=reset)], variable, "reset",
            line)


def test_run_regularly_and_event_code_refuse_the_same_targets():
    def regularly():
        group = NeuronGroup(2, NEURON)
        group.run_regularly("v += 1\ntau = 1*ms")
        return [group]

    def on_event():
        group = NeuronGroup(2, NEURON, events={"burst": "v > -1"})
        group.run_on_event("burst", "sc = 3")
        return [group]
    refused(regularly, "tau", "run_regularly code", 2)
    refused(on_event, "sc", "code of event 'burst'", 1)


def test_summed_variable_cannot_write_a_constant():
    def build():
        source = NeuronGroup(2, "v : 1", threshold="True")
        target = NeuronGroup(2, "x : 1 (constant)")
        syn = Synapses(source, target, "w : 1\nx_post = w : 1 (summed)")
        syn.connect()
        return source, target, syn
    with pytest.raises(EquationError, match="'x'.*constant") as error:
        run(*build())
    assert error.value.code == "EQ802"


def test_writable_targets_and_temporaries_are_still_accepted():
    source, target, syn = synapses(on_pre="tmp = 2*w\nv_post += tmp\nw = 1")()
    run(source, target, syn)
    assert list(target.v_[:]) == [0.0, 0.0]  # delivered next step: nothing yet, but built
    group = NeuronGroup(2, NEURON, threshold="True", reset="tmp = 3\nv = tmp")
    run(group)
    assert list(group.v_[:]) == [3.0, 3.0]
