"""The base of the ready neuron models: parameters, equation text, and the group built
from them.

A model is a description (``LIF(tau=10.)``: print its ``equations``, copy and edit them);
called with a size first (``LIF(100, tau=10.)``) it is a NeuronGroup of that model, as
BrainPy's ``bp.dyn.Lif(100, ...)``. Underneath it is an ordinary NeuronGroup built from
the equation strings, so monitors, synapses, store/restore and threads work unchanged.

Step semantics follow BrainPy's models: integration with BrainPy's default
``exp_auto`` (see ``eqsim.stateupdate.exponential_auto``), spike when ``V >= V_th``,
then reset; during refractoriness ``V`` is held, and a neuron is refractory while
``t - t_last_spike <= tau_ref`` (BrainPy counts the step at exactly ``tau_ref`` as
refractory, Brian2's ``refractory=`` does not), computed in ms in double precision as
BrainPy does: when ``tau_ref`` is a multiple of ``dt`` the rounding makes the last step
refractory after some spikes and not others, exactly as in BrainPy with 64-bit floats
(``bm.enable_x64()``; BrainPy's default 32-bit floats round differently).
"""
import numpy as np

from ..groups.dtypes import float_dtype
from ..groups.neurongroup import NeuronGroup
from ..parsing.equations import Equations
from .initializers import Constant, Initializer
from .parameters import ModelParameterError, as_parameter, refuse_unknown, BRAINPY_UNITS

_UNIT_TEXT = {"voltage": "volt", "time": "second", "resistance": "ohm", "current": "amp",
              "conductance": "siemens", "rate": "hertz", "concentration": "mmolar", "1": "1",
              "rate_ms": "hertz", "per_voltage": "1/volt", "per_mV_ms": "1/(volt*second)",
              "mV_per_ms": "volt/second", "conductance_mS": "siemens",
              "capacitance_uF": "farad", "current_uA": "amp", "per_mM_ms": "1/(mmolar*second)"}


class NeuronModel:
    """Base of the ready neuron models.

    Subclasses define ``parameters`` ({name: (BrainPy default, kind)}), ``initial``
    ({variable: (default initial value, kind)}), ``equations_text`` (using the parameter
    names), ``threshold_text``, ``reset_text`` and ``refractory_text`` (or None).
    """
    parameters = {}
    initial = {}
    equations_text = ""
    threshold_text = None
    reset_text = None
    refractory_text = None
    # statements run before the state update, for models whose spike test reads a
    # variable's value from the start of the step (BrainPy's Gif)
    step_start_code = None
    # refractory while t - t_last_spike <= tau_ref, as BrainPy computes it (see below)
    brainpy_refractory = False

    def __new__(cls, size=None, *, name=None, method="exp_auto", **values):
        model = object.__new__(cls)
        model._configure(method, values, size)
        if size is None:
            return model
        return model.group(size, name=name)

    def __init__(self, size=None, *, name=None, method="exp_auto", **values):
        pass  # configured in __new__ (which may return a group instead)

    def _configure(self, method, values, size):
        label = type(self).__name__
        known = set(self.parameters) | {f"{v}_initializer" for v in self.initial}
        refuse_unknown(label, values, known)
        self.method = method
        self.values = {}
        for pname, (default, kind) in self.parameters.items():
            self.values[pname] = as_parameter(label, pname, values.get(pname, default), kind, size)
        self.initial_values = {}
        for var, (default, kind) in self.initial.items():
            given = values.get(f"{var}_initializer", default)
            if isinstance(given, str):  # an expression of the parameters (u = b*V)
                pass
            elif isinstance(given, Initializer) or np.ndim(given) == 0:
                given = given if isinstance(given, Initializer) else Constant(given)
                given = given.with_unit(label, var, BRAINPY_UNITS[kind])
            else:
                given = as_parameter(label, f"{var}_initializer", given, kind, size)
            self.initial_values[var] = given
        self.per_neuron = sorted(name for name, value in self.values.items()
                                 if isinstance(value, Initializer) or np.ndim(value) > 0)

    @property
    def equations(self):
        """The model's equations (an ``Equations`` object: print it, or extend it)."""
        extra = [f"{name} : {_UNIT_TEXT[self.parameters[name][1]]} (constant)"
                 for name in self.per_neuron]
        if self.brainpy_refractory:
            extra += ["t_ms : 1 (shared)", "t_last_ms : 1"]
        return Equations("\n".join([self.equations_text] + extra))

    @property
    def namespace(self):
        """The scalar parameters, by name (the model's strings refer to them)."""
        return {name: value for name, value in self.values.items()
                if name not in self.per_neuron}

    @property
    def threshold(self):
        return self.threshold_text

    # BrainPy's refractoriness computed as BrainPy computes it: times in ms as step number
    # times dt in ms, in double precision, refractory while their difference <= tau_ref.
    # At a multiple of dt the rounding decides, spike by spike, whether the last step is
    # refractory, and that changes a network's rates (seed 000, tau_ref = 5 ms: 27 vs 31 Hz
    # in a 400-neuron test network). Both times are stored, so that the compiled target's
    # relaxed float rules (fused multiply-add, reassociation) cannot change the rounding.
    @property
    def reset(self):
        if self.brainpy_refractory:
            return self.reset_text + "\nt_last_ms = t_ms"
        return self.reset_text

    @property
    def refractory(self):
        if not self.brainpy_refractory:
            return self.refractory_text
        tau_ref = "(tau_ref/ms)" if "tau_ref" in self.per_neuron else "tau_ref_ms"
        return f"t_ms - t_last_ms <= {tau_ref}"

    @property
    def step_start(self):
        """Statements run at the start of every step, before the state update."""
        code = ["t_ms = timestep(t, dt)*dt_ms"] if self.brainpy_refractory else []
        return "\n".join(code + ([self.step_start_code] if self.step_start_code else []))

    def run_constants(self, dt):
        """Constants of the model's strings that depend on the clock's ``dt`` (second):
        BrainPy's times in ms, as BrainPy holds them (a decimal number of ms)."""
        constants = {"dt_ms": round(dt / 1e-3, 12)}
        if "tau_ref" in self.values and "tau_ref" not in self.per_neuron:
            constants["tau_ref_ms"] = round(float(np.asarray(self.values["tau_ref"])) / 1e-3, 12)
        return constants

    def group(self, size, name=None):
        """A ``ModelGroup`` of ``size`` neurons of this model."""
        return ModelGroup(self, size, name=name)

    def __repr__(self):
        params = ", ".join(f"{k}={v!r}" for k, v in self.values.items())
        return f"{type(self).__name__}({params})"


class ModelGroup(NeuronGroup):
    """A NeuronGroup of a ready model; ``.model`` is the model description."""

    def __init__(self, model, size, name=None):
        super().__init__(size, model.equations, threshold=model.threshold, reset=model.reset,
                         refractory=model.refractory or False, method=model.method,
                         namespace=dict(model.namespace),
                         name=name or type(model).__name__.lower())
        object.__setattr__(self, "model", model)
        object.__setattr__(self, "_input_terms", [])
        object.__setattr__(self, "_input_updater", None)
        for pname in model.per_neuron:
            self._assign(pname, model.values[pname])
        for var, value in model.initial_values.items():
            self._assign(var, value)
        if model.brainpy_refractory:
            self.t_last_ms = -1e7  # BrainPy's t_last_spike: long ago
        if model.step_start:
            self.run_regularly(model.step_start, when="before_groups",
                               name=f"{self.name}_step_start")

    def operations(self, run_namespace):
        self.namespace.update(self.model.run_constants(float(self.clock.dt_)))
        return super().operations(run_namespace)

    def _add_synaptic_input(self, equations_text, current, parameters, summed=False):
        """Add a projection's synaptic state (equations) and its current term to this
        group before it runs; the terms are summed into ``I_syn`` at the start of every
        step, from ``V`` at that time (BrainPy's order). ``summed``: the state is a
        ``(summed)`` variable of a Synapses, written in the 'groups' slot just before the
        group's update (order - 1), so ``I_syn`` is then computed after it (order - 0.5),
        still from ``V`` at the start of the step."""
        add_state(self, equations_text, parameters)
        self._input_terms.append(current)
        object.__setattr__(self, "_input_after_sums",
                           summed or getattr(self, "_input_after_sums", False))
        if self._input_updater is not None:
            self.contained_objects.remove(self._input_updater)
        slot = (dict(when="groups", order=self.order - 0.5) if self._input_after_sums
                else dict(when="before_groups"))
        updater = self.run_regularly("I_syn = " + " + ".join(self._input_terms),
                                     name=f"{self.name}_synaptic_input", **slot)
        object.__setattr__(self, "_input_updater", updater)

    def _assign(self, var, value):
        if isinstance(value, Initializer):
            value = value.expression()
        setattr(self, var, value)

    def __repr__(self):
        return f"{type(self.model).__name__}({self.N}, name={self.name!r})"


def check_new_state(group, equations_text, parameters):
    """The ``Equations`` of ``equations_text``, after checking that neither they nor
    ``parameters`` clash with what ``group`` (a ModelGroup) has; changes nothing.

    Raises
    ------
    ModelParameterError
        If a name is taken (a second projection with the same name).
    """
    added = Equations(equations_text)
    clash = set(added.names) & set(group.variables) | set(parameters) & set(group.namespace)
    if clash:
        raise ModelParameterError(f"'{group.name}' already has '{sorted(clash)[0]}'",
                                  hint="give each projection onto a group its own name=")
    return added


def add_state(group, equations_text, parameters):
    """Add state variables (``equations_text``, integrated with the group's equations)
    and the constants they use (``parameters``) to the ModelGroup ``group``."""
    added = check_new_state(group, equations_text, parameters)
    group.namespace.update(parameters)
    object.__setattr__(group, "equations", group.equations + added)
    for name, eq in added.equations.items():
        group.add_array(name, eq.dim, float_dtype(None, name))
