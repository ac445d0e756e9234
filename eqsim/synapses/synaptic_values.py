"""Reading and writing synaptic variables (``S.w[...]``, ``S.delay = ...``): delays that
become per-synapse, procedural values, string assignments compiled for many synapses, and
collective reads of a network split over processes."""
import numpy as np

from ..core.build_progress import build_step
from ..core.context import current_context
from ..core.namespace import caller_namespace
from ..errors import NotConnectedError
from ..groups.compiled_assignment import assign_compiled, compiled_assignment_size
from ..ir.variables import ArrayVariable
from ..units import Quantity, second
from .indexing import SynapticSubgroup
from .neuron_values import neuron_reference, neuron_values, set_neuron_values
from .procedural_reads import procedural_readable, read_procedural
from .procedural_values import per_synapse_constants, set_value_expression


class SynapticValueAccess:
    """Value access of :class:`~eqsim.synapses.synapses.Synapses` (a mixin, before
    :class:`~eqsim.groups.group.Group` in the bases: it defers to Group's access)."""

    def set_values(self, name, value, item=slice(None), level=0, raw=False, namespace=None):
        if neuron_reference(self, name) is not None:  # S.v_post[item] = value
            return set_neuron_values(self, name, value, item, raw, caller_namespace(level)
                                     if namespace is None else namespace)
        if self._procedural is not None and name in per_synapse_constants(self):
            return set_value_expression(self, name, value, item)
        # S.w = 1 before connect() would set nothing, and the synapses made later have 0
        if self._unconnected() and name in self.variables:
            raise NotConnectedError(f"cannot set '{name}' of '{self.name}' before connect()",
                                    obj=self.name,
                                    hint=f"call {self.name}.connect(...) first, then set "
                                         f"{self.name}.{name}")
        pathway = next((p for p in self.pathways if p.delay_name == name), None)
        if pathway is None:
            return self._set_values(name, value, item, level + 1, raw, namespace)
        # delays are checked after the assignment (a string is evaluated on either target)
        # and put back as they were when any is negative or not finite
        var = self.variables[name]
        before = (var.shared, var.array.copy())
        try:
            self._set_values(name, value, item, level + 1, raw, namespace)
            pathway.check_delays()
        except BaseException:
            shared, array = before
            if var.array.shape == array.shape:
                var.array[...] = array
            else:
                var.array = array
            var.shared = shared
            raise

    def _is_shared(self, name):
        # a pathway's delay is stored once while all synapses have the same, and becomes
        # per synapse when one is assigned (S.delay[0] = ...): not a (shared) variable
        return not any(p.delay_name == name for p in self.pathways) and \
            super()._is_shared(name)

    def get_values(self, name, item=slice(None), namespace=None):
        if neuron_reference(self, name) is not None:  # S.v_post[item]
            return neuron_values(self, name, item, namespace)
        if self._procedural is not None and name in procedural_readable(self):
            return read_procedural(self, name, item, namespace if namespace is not None
                                   else caller_namespace(1))
        var = self.variables.get(name)
        pathway = next((p for p in self.pathways if p.delay_name == name), None)
        if pathway is not None and var.shared and pathway.name not in self._default_delay:
            # a delay not given to Synapses() is per synapse in Brian2, 0 until assigned;
            # it is stored once while all are equal
            return Quantity(np.full(len(self), var.array[0]), dim=second.dim)[item]
        self._refuse_shared_index(name, item, writing=False)
        # a shared variable has its one value in every process: nothing to gather
        if self._split_over_processes() and not self._is_shared(name):
            return self._whole_values(name, item, namespace)
        if isinstance(item, str):  # resolved here: names come from the caller's frame
            item = self._indices(item, level=1, namespace=namespace)
        return super().get_values(name, item, namespace=namespace)

    def _split_over_processes(self):
        return self.target._partitioned and current_context().size > 1

    def _whole_values(self, name, item, namespace):
        """``S.x[item]`` of a network split over processes (``mpiexec``): a collective
        that gives the whole network's synapses in one-process order
        (:mod:`eqsim.distributed.state_reads`); so is ``len(S)``, the whole network's
        number of synapses (``S.N`` is the number this process stores)."""
        from ..distributed.state_reads import whole_synapse_values
        by_number = not isinstance(item, (str, tuple, SynapticSubgroup))
        positions = np.arange(self.N) if by_number else self._indices(
            item, level=2, namespace=namespace)
        values = super().get_values(name, positions, namespace=namespace)
        joined = whole_synapse_values(current_context().comm, self, np.asarray(values),
                                      positions, item, by_number)
        return Quantity(joined, dim=values.dim) if isinstance(values, Quantity) else joined

    def _set_values(self, name, value, item, level, raw, namespace=None):
        delay_var = self.variables.get(name)
        if any(p.delay_name == name for p in self.pathways) and delay_var.shared:
            per_synapse = isinstance(value, str) or np.size(np.asarray(value)) > 1 or \
                not (isinstance(item, slice) and item == slice(None))
            if per_synapse:  # heterogeneous delays from now on
                delay_var.array = np.full(self.N, delay_var.array[0])
                delay_var.shared = False
        var = self.variables.get(name)
        limit = compiled_assignment_size(var) if isinstance(value, str) and not raw and \
            isinstance(var, ArrayVariable) and not var.shared and not var.read_only else None
        if limit is not None:
            if namespace is None:
                namespace = caller_namespace(level)
            indices = self._indices(item, namespace=namespace)
            if indices.size >= limit:
                with build_step(f"{self.name}.{name} = {value!r}"):
                    assign_compiled(self, name, value, indices, namespace)
                return
            # the condition is evaluated: evaluating it again would count as another
            # evaluation, and the value's draws would differ from the NumPy target's
            item = indices
        if isinstance(value, str):  # millions of synapses can take seconds
            with build_step(f"{self.name}.{name} = {value!r}"):
                super().set_values(name, value, item, level=level + 1, raw=raw,
                                   namespace=namespace)
            return
        super().set_values(name, value, item, level=level + 1, raw=raw, namespace=namespace)
