"""Kernel contexts say which module symbols a kernel uses and how each array is indexed,
so that no target reads generated code back."""
import numpy as np

from eqsim import NeuronGroup, Synapses, TimedArray, ms
from eqsim.codegen import kinds
from eqsim.codegen.c_types import local_bindings
from eqsim.codegen.kernel import ModuleSymbols, kernel_context
from eqsim.codegen.printers import CPrinter


def _context(op, symbols=None):
    symbols = symbols or ModuleSymbols()
    return kernel_context(op, symbols, CPrinter, index_name="_i"), symbols


def test_a_kernel_uses_its_arrays_and_scalars_but_not_its_helpers_tables():
    stimulus = TimedArray(np.arange(5.0), dt=1 * ms)
    group = NeuronGroup(4, "dv/dt = (stimulus(t) - v)/(10*ms) : 1")
    op = group.operations({"stimulus": stimulus})[0]
    context, symbols = _context(op)
    (table,) = [helper["table"] for helper in context["tabulated"]]
    uses = context["uses"]
    assert {access.c_name for access in context["reads"] + context["writes"]} <= uses
    assert {context["start"], context["stop"]} <= uses
    assert table in symbols.arrays and table not in uses  # the helper reads it, not the kernel
    bindings = local_bindings(uses, symbols)
    assert f"double *const {context['reads'][0].c_name} = _get{context['reads'][0].c_name}();" \
        in bindings and table not in bindings


def test_pathway_prefetches_along_rows_and_through_the_target_index(monkeypatch):
    monkeypatch.setattr(kinds, "PREFETCH_TARGET_BYTES", 0)  # every target array counts
    group = NeuronGroup(5, "v : 1", threshold="v > 1")
    synapses = Synapses(group, group, "w : 1", on_pre="v_post += w")
    synapses.connect(i=[0, 1], j=[2, 3])
    (op,) = [op for op in synapses.operations({}) if op.kind == "pathway"]
    context, symbols = _context(op)
    accesses = {symbols.arrays[a.c_name].name: a for a in context["reads"]}
    post = accesses["v"].via
    assert symbols.arrays[post] is synapses.variables["_synaptic_post"]
    assert accesses["w"].index == "_i" and accesses["w"].via is None
    assert set(context["prefetch_rows"]) == {accesses["w"].c_name, post}
    assert context["prefetch_targets"] == [(accesses["v"].c_name, f"{post}[_q]")]


def test_a_link_is_one_row_lookup_only_when_a_single_index_maps_the_element():
    from eqsim.codegen.links import row_index
    from eqsim.ir.variables import ArrayVariable, LinkedVariable
    from eqsim.units import DIMENSIONLESS

    def array(name, values):
        return ArrayVariable(name, "g", DIMENSIONLESS, array=np.asarray(values))
    stored, index = array("v", np.zeros(4)), array("k", np.array([3, 0], dtype=np.int32))
    symbols = ModuleSymbols()
    by_index = LinkedVariable("v", "h", DIMENSIONLESS, target=stored, index=index, offset=1)
    assert row_index(by_index, symbols) == symbols.array(index)  # (k[_i] + 1)
    by_offset = LinkedVariable("v", "h", DIMENSIONLESS, target=stored, offset=2)
    assert row_index(by_offset, symbols) is None  # (_i + 2): no lookup
    chained = LinkedVariable("w", "f", DIMENSIONLESS, target=by_index, index=index)
    assert row_index(chained, symbols) is None  # (k[k[_i]] + 1): two lookups
