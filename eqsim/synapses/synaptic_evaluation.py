"""Values of the names in an expression that Python evaluates for synapses: connect()'s
conditions, probabilities and numbers over candidate pairs, and statements or reads over
existing synapses (their own variables, ``x_pre``/``x_post``, fan counts, constants)."""
import numpy as np

from ..errors import ConnectNameError
from ..groups.expression_eval import evaluate_parsed
from ..groups.values import element_values
from ..ir.calls import called_functions
from ..ir.variables import ArrayVariable, LinkedVariable
from ..runtime.streams import synapse_key
from ..units import DIMENSIONLESS, second
from .fan import FAN_NAMES
from .references import model_names, split_suffix, substitute_subexpressions
from .spike_sources import refuse_remote_reads

_STATE = (ArrayVariable, LinkedVariable)


def storage_offset(group):
    """What turns a synapse's (global) pre/post index into a storage position of the
    neuron group: its subgroup start minus the global index stored first."""
    return group._local_origin


class SynapticEvaluation:
    """Mixin of :class:`~eqsim.synapses.synapses.Synapses`: names resolved to values for
    expressions evaluated in Python."""

    def _evaluate_pairs(self, expr, ii, jj, run_namespace):
        ii = np.asarray(ii, dtype=np.int64)
        jj = np.asarray(jj, dtype=np.int64)
        expr = substitute_subexpressions(self, expr)
        values = {}
        for name in {s.name for s in expr.free_symbols} | called_functions([expr]):
            if name == "i":
                values[name] = (ii, DIMENSIONLESS)
            elif name == "j":
                values[name] = (jj, DIMENSIONLESS)
            elif name in ("N_pre", "N_post"):
                values[name] = (self.variables[name].value, DIMENSIONLESS)
            elif name in FAN_NAMES:  # Brian2: ill-defined while synapses are being made
                raise ConnectNameError(f"connect() cannot refer to '{name}': the numbers "
                                       "of synapses change while it creates them",
                                       obj=self.name, hint="connect first, then use it, "
                                                           "e.g. S.w = '1.0/N_incoming'")
            else:
                base, side = split_suffix(name)
                group = {"pre": self.source, "post": self.target}.get(side)
                if group is not None and isinstance(group.variables.get(base), _STATE):
                    var = group.variables[base]
                    idx = (ii if side == "pre" else jj) + storage_offset(group)
                    values[name] = (element_values(var, idx), var.dim)
                elif group is not None and base == "N":
                    values[name] = (len(group), DIMENSIONLESS)
                else:
                    from ..core.namespace import resolve_external
                    values[name] = resolve_external(name, self.namespace, run_namespace,
                                                    model_names=model_names(self),
                                                    obj=self.name)
        # draws of connect()'s expressions are keyed by the pair (runtime.streams)
        return evaluate_parsed(expr, values, synapse_key(ii, jj, None, self.source.global_size(),
                                                         self.target.global_size()),
                               obj=self.name)

    def resolve_for_evaluation(self, names, indices, run_namespace):
        pre = self.variables["_synaptic_pre"].array[indices]
        post = self.variables["_synaptic_post"].array[indices]
        out = {}
        for name in names:
            own = self.variables.get(name)
            if isinstance(own, ArrayVariable):
                out[name] = (own.array[0] if own.shared else own.array[indices], own.dim)
                continue
            if isinstance(own, LinkedVariable):
                out[name] = (element_values(own, indices), own.dim)
                continue
            base, side = split_suffix(name)
            group = {"pre": self.source, "post": self.target}.get(side)
            if group is not None and isinstance(group.variables.get(base), _STATE):
                refuse_remote_reads(self, name, side)
                var = group.variables[base]
                idx = (pre if side == "pre" else post) + storage_offset(group)
                out[name] = (element_values(var, idx), var.dim)
            elif name in ("N_pre", "N_post", "N"):
                out[name] = (self.variables[name].value, DIMENSIONLESS)
            elif name in FAN_NAMES:
                out[name] = (self._fan_counts()[name][indices], DIMENSIONLESS)
            elif name in ("t", "dt"):
                out[name] = (self.clock.t_ if name == "t" else self.clock.dt_, second.dim)
            else:
                from ..core.namespace import resolve_external
                out[name] = resolve_external(name, self.namespace, run_namespace, obj=self.name,
                                             model_names=model_names(self))
        return out
