"""NeuronGroup: neurons defined by equation strings."""
import numpy as np

from ..stateupdate.registry import normalise as normalise_method
from ..core.limits import time_value, whole_number
from ..errors import EquationError, GroupSizeError, UnknownEventError
from ..parsing.equations import Equations
from ..parsing.expressions import parse_expression
from ..parsing.statements import parse_statements
from ..parsing.user_names import check_user_name
from ..units import DIMENSIONLESS, second, get_dimensions
from .dtypes import float_dtype, variable_dtype
from .group import Group
from .linked import add_linked_variable
from .stateful_subexpressions import check_stateful_subexpressions
from .shared_subexpressions import per_element_equations, refuse_per_element_reads
from .model_code import is_condition, make_event_code, make_state_update, make_threshold
from .subgroup import slice_subgroup
from .constant_over_dt import constant_over_dt_names, subexpression_updater
from .event_schedule import event_schedule, event_slot
from .forgotten_arguments import warn_forgotten_arguments

RESERVED = {"t", "dt", "i", "N", "xi", "lastspike", "not_refractory", "refractory"}


class NeuronGroup(Group):
    """A group of neurons whose state follows differential equations.

    Parameters
    ----------
    N : int
        Number of neurons.
    model : str or Equations
        The equations (Brian2 syntax, with units).
    method : str, StateUpdateMethod or list, optional
        Integration method ('exact', 'euler', 'rk2', 'rk4', 'exponential_euler', 'heun',
        'milstein', 'independent', a registered name, or the objects of these names or an
        ``ExplicitStateUpdater``); a list is tried in order; chosen automatically if
        omitted.
    method_options : dict, optional
        Only ``None`` or ``{}``: Brian2's options configure its GSL integrators, which
        eqsim does not have (EQ222).
    threshold : str, optional
        Spike condition, e.g. ``'v > -50*mV'``.
    reset : str, optional
        Statements run for each spiking neuron, e.g. ``'v = -70*mV'``.
    refractory : Quantity or str, optional
        Refractory period (second), a time expression, or a boolean condition.
    events : dict, optional
        Custom events: name -> condition string.
    namespace : dict, optional
        Names for external constants (default: the namespace of ``run()``).
    dtype : dtype or dict, optional
        ``float32`` for the float variables instead of float64, or ``{name: dtype}`` per
        variable: float32/float64 for a float (unit) variable, int32/int64 for an
        ``integer`` one (default int32), bool for a ``boolean`` one; other types are
        refused (EQ226).
    dt : Quantity, optional
        Own time step (second).
    clock : Clock, optional
    order : int
    name : str, optional
    """
    _base_name = "neurongroup"

    def __init__(self, N, model, method=None, threshold=None, reset=None, refractory=False,
                 events=None, namespace=None, dtype=None, dt=None, clock=None, order=0, name=None,
                 codeobj_class=None, method_options=None, _partition=None):
        label = name or "neurongroup"
        method = normalise_method(method, method_options)
        N = whole_number(N, "the number of neurons N of a NeuronGroup", obj=label,
                         error=GroupSizeError)
        equations = model if isinstance(model, Equations) else Equations(model, obj=label)
        for bad in set(equations.names) & RESERVED:
            raise EquationError(f"'{bad}' is a reserved name and cannot be a model variable",
                                obj=label, hint="rename the variable")
        equations.refuse_synaptic_suffixes(obj=label)
        for eq in equations.equations.values():
            if "linked" in eq.flags and len(eq.flags) > 1:  # as Brian2
                raise EquationError(f"the 'linked' flag of '{eq.name}' cannot be combined with "
                                    "other flags", code="EQ158", obj=label,
                                    hint=f"declare it as '{eq.name} : {eq.unit_text} (linked)'")
        conditions = {}
        if threshold is not None:
            conditions["spike"] = (parse_expression(threshold, obj=label), threshold)
        for event_name, condition in (events or {}).items():
            check_user_name(event_name, "event name", obj=label)
            if event_name == "spike":
                raise EquationError("the event name 'spike' is reserved for threshold=", obj=label)
            if not isinstance(condition, str):  # it crashed with an AttributeError
                raise EquationError(f"the condition of the '{event_name}' event must be a "
                                    f"string, not {condition!r:.60}", code="EQ801", obj=label,
                                    hint=f"e.g. events={{'{event_name}': 'v > 10*mV'}}")
            conditions[event_name] = (parse_expression(condition, obj=label), condition)
        for event_name, (condition, text) in conditions.items():
            if not is_condition(condition, equations):
                raise EquationError(f"the condition '{text}' of the '{event_name}' event is not a "
                                    f"truth value", code="EQ801", obj=label, source=text, line=1,
                                    hint="compare, e.g. 'v > -50*mV'")
        reset_statements = parse_statements(reset, obj=label) if reset else []
        refractory_text = refractory if isinstance(refractory, str) else None
        if isinstance(refractory, str):
            refractory = parse_expression(refractory, obj=label)
        elif refractory is not False and refractory is not None:
            if get_dimensions(refractory) != second.dim or np.size(refractory) != 1:
                raise EquationError(f"refractory must be a time, got {refractory!r}", obj=label,
                                    hint="e.g. refractory=5*ms")
            # Brian2 treats a negative period as none at all, silently
            time_value(refractory, "the refractory period", obj=label)
        refractory_names = {"lastspike", "not_refractory"} \
            if refractory is not False and refractory is not None else set()
        refuse_per_element_reads(equations, lambda: per_element_equations(equations) | {"i"} |
                                 set(equations.stochastic_variables) | refractory_names, label)
        # everything validated: now the object comes into being
        super().__init__(dt=dt, clock=clock, when="groups", order=order, name=name)
        warn_forgotten_arguments(self.name, equations, threshold, reset, refractory)
        self.namespace = namespace
        self.method_choice = method
        self.equations = equations
        self._conditions = conditions
        self._reset = (reset_statements, reset)
        self._refractory = refractory
        self._refractory_text = refractory_text
        self._event_code = []  # (event, statements, source, when, order, name)
        self._event_schedule = {}  # event: (when, order) of its threshold, if not the default
        self._run_regularly = []
        self._init_state(N, _partition)  # this process's slice (groups.partition)
        held = constant_over_dt_names(equations)
        for name_, eq in equations.equations.items():
            if name_ in held:  # stored, computed once per step (Brian2)
                self.add_array(name_, eq.dim, float_dtype(dtype, name_),
                               shared="shared" in eq.flags)
            elif eq.kind == "subexpression":
                self._subexpressions[name_] = (eq.expr, eq.dim)
            elif "linked" in eq.flags:
                add_linked_variable(self, name_, eq.dim)
            else:
                kind = variable_dtype(dtype, name_, eq.var_type)
                self.add_array(name_, eq.dim, kind, shared="shared" in eq.flags,
                               constant="constant" in eq.flags,
                               unless_refractory="unless refractory" in eq.flags,
                               var_type=eq.var_type)
        if refractory is not False and refractory is not None:
            self.add_array("lastspike", second.dim)
            self.variables["lastspike"].array[:] = -1e4
            flag = self.add_array("not_refractory", DIMENSIONLESS, np.bool_)
            flag.array[:] = True
            for var in self.variables.values():  # Brian2: written only where not refractory
                if getattr(var, "unless_refractory", False):
                    var.conditional_write = flag
        for event_name in conditions:
            self.add_array(self.event_array_name(event_name), DIMENSIONLESS, np.int32,
                           size=self._stop + 1,
                           read_only=True)
        if held:
            self.contained_objects.append(subexpression_updater(self, equations, held))
        object.__setattr__(self, "_locked", True)

    @staticmethod
    def event_array_name(event):
        return "_spikespace" if event == "spike" else f"_eventspace_{event}"

    @property
    def events(self):
        return list(self._conditions)

    def __getitem__(self, item):
        return slice_subgroup(self, item)

    def run_on_event(self, event, code, when="after_resets", order=None):
        """Run ``code`` (statements) for each neuron in which ``event`` happens."""
        if event not in self._conditions:
            raise UnknownEventError(f"'{self.name}' has no event '{event}'", obj=self.name,
                                    hint=f"events: {self.events}")
        statements = parse_statements(code, obj=self.name)
        name = f"{self.name}_{event}_resetter"
        self._event_code.append((event, statements, code, when,
                                 self.order if order is None else order, name))

    def set_event_schedule(self, event, when="after_thresholds", order=None):
        """Check the condition of ``event`` in another slot of the time step (Brian2's
        ``set_event_schedule``; by default the threshold is checked in ``'thresholds'``,
        other events in ``'after_thresholds'``). Event monitors made afterwards record in
        that slot, one order later.

        Parameters
        ----------
        event : str
            ``'spike'`` (the threshold) or a name of ``events``.
        when : str
            The slot (default ``'after_thresholds'``, as Brian2's).
        order : int, optional
            Order within the slot; default: the group's order.
        """
        self._event_schedule[event] = event_schedule(self, event, when, order)

    def run_regularly(self, code, dt=None, clock=None, when="start", order=0, name=None):
        """Run ``code`` (statements) for every neuron at intervals of ``dt`` (second)."""
        from .run_regularly import attach_run_regularly
        return attach_run_regularly(self, self, code, dt=dt, clock=clock, when=when,
                                    order=order, name=name)

    def operations(self, run_namespace):
        check_stateful_subexpressions(self)
        ops = []
        update = make_state_update(self, self.method_choice, self._refractory, run_namespace,
                                   order=self.order)
        if update is not None:
            ops.append(update)
        for event, (condition, _) in self._conditions.items():
            when, order = event_slot(self, event)
            ops.append(make_threshold(self, event, condition, self._refractory, run_namespace,
                                      when=when, order=order))
        statements, source = self._reset
        if statements:
            ops.append(make_event_code(self, "spike", statements, source, run_namespace,
                                       f"{self.name}_resetter", "resets", self.order))
        for event, statements, source, when, order, name in self._event_code:
            ops.append(make_event_code(self, event, statements, source, run_namespace, name,
                                       when, order))
        for op in ops:  # elements are stored from the global index _global_start on
            op.global_offset = self._global_start
        return ops

    def __repr__(self):
        return f"NeuronGroup({self.N}, name={self.name!r})"
