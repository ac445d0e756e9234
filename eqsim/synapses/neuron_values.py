"""A pre- or postsynaptic neuron's variable read and written through the synapses, as
Brian2's ``VariableView`` of a synapse's reference variable: ``S.v_post`` (also ``S.v``,
a target variable without suffix) and ``S.v_pre`` give one value per synapse, and
``S.v_post = 5``, ``S.v_post[0:2] = [1, 2]``, ``S.v_pre['w > 0.5'] = 'w*2'`` write the
neuron of every selected synapse.

As in Brian2, a value is written as NumPy's ``array[neurons] = values``: a neuron that
several selected synapses reach keeps the value of the last of them. A string is
evaluated synapse after synapse in their order (Brian2's loop, on both targets): a synapse
reads what an earlier one wrote to the name it writes (``S.v_post = 'v_post + w'`` adds
up), and the neurons' values from before the assignment under any other name
(``v_pre`` of the same group; Brian2 evaluates these assignments with NumPy, which reads
those first); writes to ``(unless refractory)`` variables are not held back for
refractory neurons, as in Brian2 2.9.0. A shared variable of the neurons is set once, from a value or a string
common to all synapses.
"""
import numpy as np

from ..core.context import current_context
from ..errors import (NeuronIndexError, NeuronWriteError, NeuronWriteUnsupportedError,
                      NotConnectedError, ProceduralReadError)
from ..groups.compiled_assignment import assign_compiled, compiled_assignment_size
from ..groups.values import element_values
from ..groups.variable_view import VariableView
from ..ir.variables import ArrayVariable, LinkedVariable
from ..units import Quantity
from .procedural_reads import synaptic_indices
from .references import normalise_target, split_suffix
from .synaptic_evaluation import storage_offset

_STATE = (ArrayVariable, LinkedVariable)


def neuron_reference(synapses, name):
    """``(group, base, name)`` when ``name`` means a variable, subexpression or the index
    ``base`` of the pre- or postsynaptic ``group`` (``v_pre``, ``v_post``, ``i_pre``, or
    ``v`` of the target), ``name`` then suffixed; None for the synapses' own names and
    anything else."""
    if name in synapses.variables or name in synapses._subexpressions:
        return None
    full = normalise_target(synapses, name)
    base, side = split_suffix(full)
    group = {"pre": synapses.source, "post": synapses.target}.get(side)
    if group is None or base == "N":
        return None
    if isinstance(group.variables.get(base), _STATE) or base in group._subexpressions or \
            base == "i":
        return group, base, full
    return None


class NeuronVariableView(VariableView):
    """``S.v_post``: the neurons' values per synapse, read and written through the
    synapses (:mod:`eqsim.synapses.neuron_values`)."""

    @property
    def variable(self):
        group, base, _ = neuron_reference(self._group, self._name)
        return group.variables[base]


def neuron_values(synapses, name, item, namespace):
    """``S.v_post[item]``: the values of the neurons of the synapses ``item`` selects."""
    group, base, full = neuron_reference(synapses, name)
    side = split_suffix(full)[1]
    if synapses._procedural is not None:  # every synapse's, as a procedural S.w[item]
        if isinstance(item, str):
            raise ProceduralReadError(
                f"procedural synapses of '{synapses.name}' cannot be indexed by a condition "
                f"({item!r:.60})", obj=synapses.name,
                hint=f"read all values and select with NumPy: {synapses.name}.{name}[:]")
        neurons, selected = synaptic_indices(synapses, side), item
    else:
        neurons = synaptic_indices(synapses, side)[synapses._indices(item, level=2,
                                                                     namespace=namespace)]
        selected = 0 if isinstance(item, (int, np.integer)) else slice(None)
    if base == "i" and not hasattr(group, "pathways"):  # the neurons' indices (S.i_pre is
        # S.i); synapses as a side have i as a variable (their presynaptic index)
        return neurons[selected]
    if base in group._subexpressions:
        return group.get_values(base, neurons, namespace=namespace)[selected]
    var = group.variables[base]
    values = element_values(var, neurons + storage_offset(group))[selected]
    return values if var.dim.is_dimensionless else Quantity(values, dim=var.dim)


def set_neuron_values(synapses, name, value, item, raw, namespace):
    """``S.v_post[item] = value``: the neuron of each synapse ``item`` selects takes
    ``value`` (one for all, one per synapse, or a string evaluated per synapse)."""
    group, base, full = neuron_reference(synapses, name)
    side = split_suffix(full)[1]
    var = _writable(synapses, group, base, full)
    if var.shared:  # one value for all neurons: Brian2 refuses an index
        if not (isinstance(item, slice) and item == slice(None) or
                isinstance(item, str) and item.strip() == "True"):
            raise NeuronIndexError(
                f"'{full}' of '{synapses.name}' is the shared variable '{base}' of "
                f"'{group.name}': it has one value, which cannot be set for some synapses "
                f"({item!r:.40})", obj=synapses.name,
                hint=f"set it for all: {synapses.name}.{full} = ... (or {group.name}.{base})")
        selected = np.arange(synapses.N)
    else:
        selected = synapses._indices(item, level=2, namespace=namespace)
    if isinstance(value, str):
        limit = compiled_assignment_size(var)
        target = "cython" if limit is not None and selected.size >= limit else "numpy"
        assign_compiled(synapses, full, value, selected, namespace, target=target, raw=raw,
                        rounds_by=("_synaptic_" + side,), conditional_writes=False,
                        others_before=True)
        return
    neurons = synaptic_indices(synapses, side)[selected]
    group.set_values(base, value, slice(None) if var.shared else neurons, raw=raw,
                     namespace=namespace)


def _writable(synapses, group, base, full):
    """The variable ``base`` of ``group`` if the synapses can write it, else a clear
    error."""
    if synapses._procedural is None and synapses._connect_calls == 0 and synapses.N == 0:
        raise NotConnectedError(f"cannot set '{full}' of '{synapses.name}' before connect()",
                                obj=synapses.name,
                                hint=f"call {synapses.name}.connect(...) first, or set "
                                     f"{group.name}.{base} directly")
    var = group.variables.get(base)
    if base in group._subexpressions:
        raise NeuronWriteError(f"'{full}' of '{synapses.name}' is a subexpression ('{base}' "
                               f"of '{group.name}'): it cannot be assigned", obj=synapses.name,
                               hint="assign the variables it is computed from")
    if not isinstance(var, _STATE) or var.read_only:
        raise NeuronWriteError(f"'{full}' of '{synapses.name}' is read-only ('{base}' of "
                               f"'{group.name}'): it cannot be assigned", obj=synapses.name,
                               hint="eqsim sets it (the neurons' index, their refractoriness)")
    reason = None
    if isinstance(var, LinkedVariable):
        reason = (f"'{base}' of '{group.name}' is linked to another group's variable",
                  f"write the link's target ({group.name}.{base} = ... writes through it)")
    elif synapses._procedural is not None:
        reason = ("the synapses are procedural: they store no pairs to write through",
                  f"write {group.name}.{base} directly, e.g. with indices from "
                  f"{synapses.name}.i[:] and {synapses.name}.j[:]")
    elif group._partitioned and current_context().size > 1:
        reason = (f"'{group.name}' is split over {current_context().size} processes",
                  f"write {group.name}.{base} directly, or run on one process")
    if reason is not None:
        raise NeuronWriteUnsupportedError(
            f"'{full}' of '{synapses.name}' cannot be written through the synapses: "
            f"{reason[0]}", obj=synapses.name, hint=reason[1])
    return var
