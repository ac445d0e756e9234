"""Synapses: connections between two groups with their own state and event code."""
import numpy as np

from ..stateupdate.registry import normalise as normalise_method
from ..codegen.run_now import prepare_compiled_draws
from ..core.build_progress import build_step
from ..core.preferences import prefs
from ..core.namespace import caller_namespace
from ..runtime.streams import connect_stream
from ..core.context import current_context
from .driven_dependencies import check_driven_dependencies
from ..errors import (ConnectIndexError, EquationError, LinkError, NotConnectedError,
                      object_error)
from ..groups.constant_over_dt import constant_over_dt_names, subexpression_updater
from ..groups.dtypes import float_dtype, variable_dtype
from ..groups.group import Group
from ..groups.linked import add_linked_variable
from ..groups.shared_subexpressions import refuse_per_element_reads
from ..groups.stateful_subexpressions import check_stateful_subexpressions
from ..ir.variables import ArrayVariable, ConstantVariable, LinkedVariable
from ..parsing.equations import Equations
from ..parsing.user_names import check_user_name
from ..units import DIMENSIONLESS, second
from .pathway import SynapticPathway
from .pathway_arguments import default_delays, parse_pathways, pathway_code, pathway_events
from .identity import multisynaptic_ranks, synapse_draw_keys, synapse_identity
from .fan import FAN_NAMES, FanCounts, FanView
from .indexing import SynapticIndexingAccess
from .integer_arguments import integer_constants
from .connect_sampled import RowCounts
from .presynaptic_index import PresynapticIndex
from .spike_sources import refuse_remote_reads
from .references import (normalise_target, per_element_names, refuse_shadowing, resolve_synaptic,
                         split_suffix, substitute_subexpressions, synaptic_dimension,
                         target_dependent_names)
from .synapse_ops import make_synaptic_operations, run_regularly_operation
from .procedural_reads import connection_seed
from .synapse_state import apply_synapse_state, check_synapse_state, synapse_state
from .procedural_connections import ProceduralConnections
from .synaptic_values import SynapticValueAccess
from .neuron_values import NeuronVariableView, neuron_reference, neuron_values
from .side_names import SynapseStates, side_value
from .synaptic_evaluation import SynapticEvaluation, storage_offset as _storage_offset



class Synapses(SynapticValueAccess, SynapticEvaluation, ProceduralConnections, FanCounts,
               SynapticIndexingAccess, SynapseStates,
               Group):
    """Connections from ``source`` to ``target`` with per-synapse state and event code.

    Parameters
    ----------
    source : Group
        Presynaptic group (its spikes trigger ``on_pre``).
    target : Group, optional
        Postsynaptic group (default: ``source``).
    model : str or Equations
        Synaptic variables and equations; flags ``(clock-driven)``, ``(event-driven)``,
        ``(summed)``, ``(constant)``, ``(shared)``.
    on_pre : str or dict
        Statements run when a presynaptic spike arrives (a dict names several pathways).
    on_post : str or dict
        Statements run when a postsynaptic spike arrives.
    delay : Quantity or dict, optional
        Delay (second) of the pre pathway, or {pathway: delay}.
    multisynaptic_index : str, optional
        Name of a per-synapse integer (dimensionless) numbering the synapses between the
        same pair of neurons 0, 1, 2 ... in creation order (e.g. ``delay='k*ms'``).
    dtype : dtype or dict, optional
        ``float32`` halves the memory of synaptic variables (one dtype, or {name: dtype};
        int32/int64 for an ``integer`` variable, as NeuronGroup's).
    method : str, StateUpdateMethod or list, optional
        Integration method of clock-driven equations (as for NeuronGroup).
    method_options : dict, optional
        Only ``None`` or ``{}`` (EQ222), as for NeuronGroup.
    namespace : dict, optional
    dt : Quantity, optional
        Time step (second) of the synapses' own updates (equations, run_regularly).
    clock : Clock, optional
        Their clock instead of ``dt``; neither: ``defaultclock`` (as Brian2). Spike
        propagation always runs on the clock of the group whose events trigger it.
    order : int
    name : str, optional
    """
    dependency_attributes = ("source", "target")
    _base_name = "synapses"
    dynamic_size = True  # connect() adds elements: links need an index variable, no array

    def __init__(self, source, target=None, model="", on_pre=None, on_post=None, pre=None,
                 post=None, delay=None, on_event="spike", multisynaptic_index=None, namespace=None,
                 dtype=None, method=None, dt=None, clock=None, order=0, name=None,
                 method_options=None):
        target = source if target is None else target
        label = name or "synapses"
        method = normalise_method(method, method_options)
        on_pre, on_post = pathway_code(on_pre, on_post, pre, post, label)
        equations = model if isinstance(model, Equations) else Equations(model or "", obj=label)
        equations.refuse_synaptic_suffixes(obj=label)
        check_driven_dependencies(equations, label)
        refuse_shadowing(equations, source, target, label)
        for eq in equations.equations.values():
            if "linked" in eq.flags and len(eq.flags) > 1:  # as Brian2 (and NeuronGroup)
                raise EquationError(f"the 'linked' flag of '{eq.name}' cannot be combined with "
                                    "other flags", code="EQ158", obj=label,
                                    hint=f"declare it as '{eq.name} : {eq.unit_text} (linked)'")
        pathways = parse_pathways(on_pre, on_post, lambda n: hasattr(type(self), n), label)
        events = pathway_events(on_event, [p[:2] for p in pathways], source, target, label)
        if multisynaptic_index is not None:
            check_user_name(multisynaptic_index, "multisynaptic_index", obj=label)
        refuse_per_element_reads(equations, lambda: per_element_names(
            equations, source, target, multisynaptic_index), label)
        delays = default_delays(delay, [p[0] for p in pathways], label)
        # Brian2: the synapses' own updates run on defaultclock unless dt/clock is given;
        # each pathway runs on the clock of the group whose spikes trigger it
        super().__init__(dt=dt, clock=clock, when="synapses", order=order, name=name)
        self.source, self.target = source, target
        self.namespace = namespace
        self.method_choice = method
        self.equations = equations
        self.multisynaptic_index = multisynaptic_index
        self._init_state(0, split=False)  # synapses are stored with their target neurons
        # i and j are global indices: a process of a distributed network stores the
        # synapses onto its slice of the target (groups.partition)
        self.variables["N_pre"] = ConstantVariable("N_pre", self.name, DIMENSIONLESS,
                                                   value=source.global_size(), is_integer=True)
        self.variables["N_post"] = ConstantVariable("N_post", self.name, DIMENSIONLESS,
                                                    value=target.global_size(), is_integer=True)
        self.variables["_synaptic_pre"] = self.variables["i"] = PresynapticIndex(
            self.name, source.global_size())
        self.variables["j"] = self.add_array("_synaptic_post", DIMENSIONLESS, np.int32,
                                             read_only=True, dynamic=True)
        self._summed = {}
        held = constant_over_dt_names(equations)
        for eq_name, eq in equations.equations.items():
            if eq.kind == "subexpression" and "summed" in eq.flags:
                self._summed[eq_name] = eq
            elif eq_name in held:  # stored, computed once per step (Brian2)
                self.add_array(eq_name, eq.dim, float_dtype(dtype, eq_name),
                               shared="shared" in eq.flags, dynamic=True)
            elif eq.kind == "subexpression":
                self._subexpressions[eq_name] = (eq.expr, eq.dim)
            elif "linked" in eq.flags:
                add_linked_variable(self, eq_name, eq.dim)
            else:
                kind = variable_dtype(dtype, eq_name, eq.var_type)
                self.add_array(eq_name, eq.dim, kind, shared="shared" in eq.flags,
                               constant="constant" in eq.flags, var_type=eq.var_type,
                               dynamic=True)
        if multisynaptic_index is not None:
            if multisynaptic_index in self.variables:
                raise EquationError(f"multisynaptic_index '{multisynaptic_index}' is already a "
                                    f"variable of '{label}'", obj=label,
                                    hint="choose another name, e.g. multisynaptic_index='k'")
            # k-th synapse (from 0, in creation order) between the same pair of neurons
            self.add_array(multisynaptic_index, DIMENSIONLESS, np.int32, read_only=True,
                           dynamic=True)
        if "lastupdate" in equations.equations:  # the model's own (Brian2's test_event_driven
            self.variables["lastupdate"].declared = True  # writes it in its on_pre code)
        elif any("event-driven" in eq.flags for eq in equations.equations.values()):
            self.add_array("lastupdate", second.dim, dynamic=True)
        self._default_delay = delays
        self.pathways = []
        for path_name, role, statements, text in pathways:
            delay_name = "delay" if path_name == "pre" else f"{path_name}_delay"
            # one shared value until a per-synapse delay is assigned: no memory per synapse
            var = self.add_array(delay_name, second.dim, shared=True, dynamic=True)
            var.array[0] = self._default_delay.get(path_name, 0.0)
            pathway = SynapticPathway(self, path_name, role, statements, text, delay_name,
                                      events[path_name])
            self.pathways.append(pathway)
            object.__setattr__(self, path_name, pathway)
        if held:
            self.contained_objects.append(subexpression_updater(self, equations, held))
        self._connect_calls = 0
        self._connected = False  # connect() was called (Brian2's _connect_called)
        self._connect_sizes = []
        self._procedural = None  # {p, seed, stream} when connections are regenerated, not stored
        self._connection_seed = None  # connect(seed=...): draws independent of seed()
        object.__setattr__(self, "_locked", True)

    # --- size and state ------------------------------------------------------------------
    def __len__(self):
        if self._procedural is not None:  # counted without storing the pairs
            if "count" not in self._procedural:
                self._procedural["count"] = self._procedural_count()
            return self._procedural["count"]
        if self._split_over_processes():  # a collective: the whole network's synapses
            comm = current_context().comm
            return int(comm.allgather_array(np.array([self.N], dtype=np.int64)).sum())
        return self.N

    def _resize(self, new_size, keep_fitting=False):
        """``new_size`` synapses: every per-synapse array a new one (connect(), restore() of
        other synapses), or with ``keep_fitting`` only those that hold another number of
        values (restore() of the same synapses, whose delays may have become per synapse)."""
        for name, var in self.variables.items():  # synapse k reads element k: sizes fixed
            if isinstance(var, LinkedVariable) and var.target is not None and new_size != \
                    self.N and var.index is None and not var.to_one and not var.shared:
                raise LinkError(f"cannot add synapses to '{self.name}': '{name}' is linked "
                                "without an index (synapse k to element k), so the number of "
                                "synapses has to stay that of its link target", obj=self.name,
                                hint=f"link with an index variable, e.g. {self.name}.{name} = "
                                     "linked_var(..., index='i') or index='j'")
        for var in {id(v): v for v in self.variables.values()}.values():
            if isinstance(var, ArrayVariable) and var.dynamic and not var.shared and \
                    not isinstance(var, PresynapticIndex):  # that one grows by append()
                if keep_fitting and var.array.size == new_size:
                    continue
                grown = np.zeros(new_size, dtype=var.array.dtype)
                grown[: min(var.array.size, new_size)] = var.array[:new_size]
                var.array = grown
        object.__setattr__(self, "N", new_size)
        self._stop = new_size
        self.variables["N"].value = new_size

    def connect(self, condition=None, i=None, j=None, p=1.0, n=1, skip_if_invalid=False,
                namespace=None, level=0, procedural=False, seed=None):
        """Create synapses (Brian2's ``connect``: all-to-all, ``i=``/``j=`` arrays,
        ``condition=``, ``p=``, ``n=``, generator syntax ``j='k for k in range(...)'``).

        Parameters
        ----------
        condition : str or bool, optional
            Boolean expression in ``i``, ``j`` and pre/post variables.
        i, j : int, array or str, optional
            Explicit indices, or (``j``) an expression/generator of ``i``.
        p : float or str
            Connection probability (dimensionless).
        n : int or str
            Number of synapses per pair.
        skip_if_invalid : bool
            Drop generated indices outside the target instead of raising.
        namespace : dict, optional
        procedural : bool
            Store nothing: regenerate each spike's targets from the counter-based
            generator (only ``p=`` as a number; synaptic values must be shared
            constants). The connections are those ``connect(p=...)`` would store.
        seed : int, optional
            Draw the connections (and procedural per-synapse values) from this seed,
            independently of ``seed()`` and of the order objects were created in (an
            eqsim extension, as BrainPy's ``seed=`` of its connectivity).
        """
        from .connect import connection_pairs
        with build_step(f"connect() of '{self.name}'"):
            if seed is not None:
                object.__setattr__(self, "_connection_seed", connection_seed(seed, self.name))
            if procedural or self._procedural is not None:
                self._connect_procedural(condition, i, j, p, n, procedural)
                return
            if condition is True:
                condition = None
            if condition is False:
                self._connected = True  # a connect() that makes nothing still counts
                return
            run_namespace = namespace if namespace is not None else caller_namespace(level)

            def evaluate(expr, ii, jj):
                return self._evaluate_pairs(expr, ii, jj, run_namespace)
            draw_seed, key = self.draw_key()
            stream = connect_stream(key, self._connect_calls)
            prepare_compiled_draws(prefs["codegen.target"])
            stored = self.target._stored_range()  # the targets stored here
            try:
                new_i, new_j = connection_pairs(
                    n_pre=self.source.global_size(), n_post=self.target.global_size(),
                    condition=condition, i=i, j=j, p=p, n=n, skip_if_invalid=skip_if_invalid,
                    seed=draw_seed, stream=stream, evaluate=evaluate, obj=self.name,
                    post_names=target_dependent_names(self),
                    integer_names=integer_constants(self.namespace, run_namespace),
                    target_start=stored[0], target_stop=stored[1], compact_pre=True)
            except ConnectIndexError as error:
                if not (isinstance(i, str) or isinstance(j, str)):
                    raise
                # Brian2 reports what generated code finds about the Synapses object that
                # runs it: a BrianObjectException that is still the IndexError
                raise object_error(error, self) from error
            self._connect_calls += 1
            self._connected = True
            self._connect_sizes.append(len(new_i))  # one-process order of a split network
            old = self.N
            self._resize(old + len(new_i))
            self.variables["_synaptic_pre"].append(new_i)
            post = self.variables["_synaptic_post"]
            if old == 0 and isinstance(new_i, RowCounts) and new_j.dtype == post.array.dtype:
                post.array = new_j  # the sampler's own new array: taken, not copied
            else:
                post.array[old:] = new_j
            for pathway in self.pathways:
                delay_var = self.variables[pathway.delay_name]
                if not delay_var.shared:
                    delay_var.array[old:] = self._default_delay.get(pathway.name, 0.0)
            if "lastupdate" in self.variables:
                self.variables["lastupdate"].array[old:] = 0.0
            if self.multisynaptic_index is not None:
                self._number_multisynapses(old)

    def _number_multisynapses(self, old):
        """Give the synapses from ``old`` on their rank among all synapses between the same
        pair, in creation order (Brian2's ``multisynaptic_index``)."""
        rank = multisynaptic_ranks(self.variables["_synaptic_pre"].array,
                                   self.variables["_synaptic_post"].array, len(self.target))
        self.variables[self.multisynaptic_index].array[old:] = rank[old:]

    def draw_identity(self):
        """What keys the draws of kernels over the stored synapses (canonical identity)."""
        return synapse_identity(self)

    def draw_keys(self, indices):
        """Draw keys of the synapses at storage positions ``indices``."""
        return synapse_draw_keys(self, indices)

    # --- names in model strings ----------------------------------------------------------
    def substitute_subexpressions(self, expr):
        return substitute_subexpressions(self, expr)

    def referred_subexpressions(self, names):
        """``{name: dimension}`` of the names among ``names`` that are subexpressions of
        the source or target (``x_pre``, ``x_post``, unsuffixed target names)."""
        out = {}
        for name in names:
            base, side = split_suffix(normalise_target(self, name))
            group = {"pre": self.source, "post": self.target}.get(side)
            if group is not None and base in group._subexpressions:
                out[name] = group._subexpressions[base][1]
        return out

    def name_dimension(self, name):
        """Dimension of what ``name`` means in this Synapses' code, None if nothing."""
        return synaptic_dimension(self, name)

    def resolve_for_kernel(self, names, run_namespace):
        variables, _ = resolve_synaptic(self, names, run_namespace)
        return variables

    def index_map(self, variables):
        """Which kernel names are indexed through the synapse's pre/post neuron."""
        var_index = {}
        for name, var in variables.items():
            base, side = split_suffix(name)
            group = {"pre": self.source, "post": self.target}.get(side)
            if group is not None and group.variables.get(base) is var and \
                    isinstance(var, (ArrayVariable, LinkedVariable)) and not var.shared:
                refuse_remote_reads(self, name, side)
                var_index[name] = (self.variables["_synaptic_" + side], _storage_offset(group))
        return var_index

    def __getattr__(self, name):
        if not name.startswith("_") and "variables" in self.__dict__:
            value = side_value(self, name)  # i_post, t_pre, N_pre, a shared sc_post ...
            if value is not None:
                return value
            reference = self._neuron_name(name)
            if reference is not None:  # S.v_post, S.v_post_: read and written through
                group, base, full = reference[0]
                # subexpressions first: a variable linked to a subexpression is one
                if base in group._subexpressions or base == "i":
                    values = neuron_values(self, full, slice(None), None)
                    return np.asarray(values) if reference[1] else values
                return NeuronVariableView(self, full, raw=reference[1])
            if name in FAN_NAMES:
                return FanView(self, name)
            if name[:-1] in FAN_NAMES:  # S.N_incoming_: plain values, as S.w_
                return FanView(self, name[:-1]).values()
        return super().__getattr__(name)

    def _reference_to_set(self, name):
        # S.v_post = 5, S.v = 5 (a target variable), S.v_pre_ = 5: the neurons' variable
        reference = self._neuron_name(name)
        return None if reference is None else (reference[0][2], reference[1])

    def _neuron_name(self, name):
        """``(neuron_reference(...), raw)`` when ``name`` (``v_post``, or ``v_post_`` for
        values in SI units) means a pre- or postsynaptic neuron's variable, else None."""
        reference = neuron_reference(self, name)
        if reference is None and name.endswith("_"):
            reference = neuron_reference(self, name[:-1])
            return None if reference is None else (reference, True)
        return None if reference is None else (reference, False)

    def run_regularly(self, code, dt=None, clock=None, when="start", order=0, name=None):
        """Run ``code`` (statements) for every synapse at intervals of ``dt`` (second), as
        Brian2's ``Synapses.run_regularly``; the code may read ``x_pre``, ``x_post``,
        ``N_incoming`` ... like ``on_pre`` code, and write synaptic variables and the
        neurons' (``v_post += w``: synapses onto one neuron add up, as in Brian2).

        Parameters
        ----------
        code : str
        dt : Quantity, optional
            Interval (second); default: the Synapses' clock.
        clock : Clock, optional
        when : str
            Schedule slot (default ``'start'``).
        order : int
        name : str, optional
            Default ``'<synapses name>_run_regularly*'``.
        """
        from ..groups.run_regularly import attach_run_regularly
        return attach_run_regularly(self, self, code, dt=dt, clock=clock, when=when,
                                    order=order, name=name)

    def run_regularly_operation(self, runner, run_namespace):
        return run_regularly_operation(self, runner, run_namespace)

    def _unconnected(self):
        """Whether no synapse can exist yet: connect() was never called (nor restore()
        brought synapses), so setting a synaptic variable or running a pathway is
        refused, as in Brian2."""
        return self._procedural is None and not self._connected and self.N == 0

    def operations(self, run_namespace):
        if self.pathways and self._unconnected():
            raise NotConnectedError(
                f"'{self.name}' does not do anything: it has pathways ("
                f"{', '.join(p.name for p in self.pathways)}) but connect() was never called",
                obj=self.name, hint=f"call {self.name}.connect(...) before the run, or set "
                                    f"{self.name}.active = False for runs without it")
        check_stateful_subexpressions(self)
        return make_synaptic_operations(self, run_namespace)

    def before_run(self, module):
        for pathway in self.pathways:
            pathway.restore_queue(module)

    def after_run(self, module):
        for pathway in self.pathways:
            pathway.save_queue(module)

    def get_state(self):
        return synapse_state(self)

    def set_state(self, state):
        apply_synapse_state(self, state, super().set_state)

    def check_state(self, state):
        check_synapse_state(self, state)

    def __repr__(self):
        return f"Synapses({self.source.name} -> {self.target.name}, {self.N} synapses, " \
               f"name={self.name!r})"

