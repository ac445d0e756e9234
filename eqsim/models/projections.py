"""Projections as BrainPy users write them: ``ProjAlignPreMg2(pre, delay, syn, comm, out,
post)`` builds ordinary eqsim objects, so monitors, store/restore and threads work
unchanged.

The linear synapse models (Expon, DualExponential, Alpha) keep their state once per
postsynaptic neuron (the sum of the presynaptic traces), which equals BrainPy's
pre-aligned ("align pre") and post-aligned forms to rounding and costs one addition per
spike and target; with ``stp=`` the STP state ``u``, ``x`` lives on the presynaptic
neurons and scales each spike. The saturating receptors (AMPA, GABAa, NMDA) stay
pre-aligned: their state lives on the presynaptic neurons and the postsynaptic
conductance is its weighted sum over the connections, every step. Step semantics are BrainPy's (checked against BrainPy 2.9 spike for spike,
tests/reference/test_brainpy_projections.py):

- the synaptic current is computed from ``V`` at the start of the step and held during it
  (``I_syn`` of the neuron models);
- BrainPy's delay is ``d = ceil(delay/dt)`` steps (in ms, as BrainPy computes it), and a
  spike in step n reaches the target in step n + max(d - 1, 1): ``delay`` 0, 0.1 and 0.2 ms
  (dt = 0.1 ms) all mean the next step, 0.5 ms four steps later (checked against BrainPy
  2.9, tests/reference/test_brainpy_delta.py). eqsim's synapses act in the step of the
  (delayed) spike and the targets read them in the next, so eqsim's synaptic delay is
  ``max(d - 2, 0)*dt``.
"""
import math

import numpy as np

from ..core.base import EqsimObject
from ..errors import EqsimError
from ..parsing.user_names import check_user_name
from ..synapses.synapses import Synapses
from ..units import ms, second
from .neuron_model import ModelGroup, add_state, check_new_state
from .outputs import COBA
from .parameters import as_parameter
from .random_weights import RandomWeightFixedProb, random_weight_connectivity
from .synapses import Delta, Expon


class ProjectionError(EqsimError):
    """A projection cannot be built from what it was given."""
    default_code = "EQ181"


class Projection(EqsimObject):
    """A synaptic projection from ``pre`` to the ready-model group ``post``.

    Parameters
    ----------
    pre : group
        Presynaptic neurons (any spiking group).
    post : ModelGroup
        Postsynaptic neurons of a ready model (``eqsim.models``), whose ``I_syn`` receives
        the current.
    comm : Connectivity
        Which pairs are connected, and the weight (``FixedProb``, ``JitFPHomoLinear``,
        ``All2All``, ``One2One``, ``IJConn``), or one random weight per synapse
        (``JitFPUniformLinear``, ``JitFPNormalLinear``).
    syn : SynapseModel
        Synaptic dynamics (``Expon``, ``DualExponential``, ``Alpha``); default ``Expon``.
    out : Output
        ``COBA`` (default), ``CUBA`` or ``MgBlock``.
    delay : Quantity or float, optional
        BrainPy's delay (second; plain numbers ms): with ``d = ceil(delay/dt)`` a spike
        reaches the targets ``max(d - 1, 1)`` steps later, as in BrainPy.
    stp : STP, optional
        Short-term plasticity (``eqsim.models.STP``): ``u`` and ``x`` on the presynaptic
        neurons (``pre`` must then be a ready-model group), named ``u_<name>`` and
        ``x_<name>``; each arriving spike is scaled by ``u*x``. With a receptor, as BrainPy's
        older ``brainpy.synapses.NMDA(..., stp=)``: NMDA's ``x`` jumps by ``u*x``, AMPA and
        GABAa only see a spike (STP leaves them unchanged).
    name : str, optional
    plasticity : PlasticityRule, optional
        ``STDP(...)`` or ``TripletSTDP(...)``: the weight becomes per synapse (starting at
        the connectivity's weight, ``wmax`` in its unit) and changes with the rule. Needs
        stored connections.
    """
    invalidates_magic_network = False
    dependency_attributes = ("pre", "post")

    def __init__(self, pre, post, comm, syn=None, out=None, delay=None, stp=None,
                 name=None, plasticity=None):
        label = name or "projection"
        if not isinstance(post, ModelGroup):
            raise ProjectionError(
                f"projection '{label}': post must be a group of a ready model "
                f"(eqsim.models), got {type(post).__name__}",
                hint="create it with e.g. LifRef(N, ...), or write Synapses for other groups")
        syn = Expon() if syn is None else syn
        jump = getattr(syn, "voltage_jump", False)
        if jump and out is not None:
            raise ProjectionError(f"projection '{label}': Delta adds its weight to V, it has "
                                  f"no output (got out={out!r})",
                                  hint="leave out= away; the weight is in volt (plain mV)")
        if jump and stp is not None:
            raise ProjectionError(f"projection '{label}': stp= with Delta is not offered "
                                  "(BrainPy's FullProjDelta has no STP)",
                                  hint="use stp= with Expon, DualExponential or Alpha")
        out = (_VoltageJump() if jump else COBA()) if out is None else out
        drawn = random_weight_connectivity(comm)
        if drawn is None:
            raise ProjectionError(f"projection '{label}': random weights "
                                  f"({comm.weight!r}) need FixedProb",
                                  hint="FixedProb(prob, weight=Uniform(a, b)), or "
                                       "JitFPUniformLinear / JitFPNormalLinear")
        comm = drawn
        per_synapse = isinstance(comm, RandomWeightFixedProb)
        if plasticity is not None and (per_synapse or getattr(comm, "procedural", False)):
            raise ProjectionError(f"projection '{label}': plasticity needs stored connections "
                                  "and one initial weight",
                                  hint="use FixedProb(..., procedural=False) or another "
                                       "stored connectivity with weight=")
        if (per_synapse or plasticity is not None) and getattr(syn, "pre_aligned", False):
            raise ProjectionError(f"projection '{label}': per-synapse weights (random or "
                                  f"plastic) with {type(syn).__name__} are not offered",
                                  hint="use them with Expon, DualExponential or Alpha")
        weight = None if per_synapse else as_parameter(label, "weight", comm.weight,
                                                       out.weight_kind)
        if np.ndim(weight) > 0:
            raise ProjectionError(f"projection '{label}': one weight per projection",
                                  hint="heterogeneous weights: write Synapses with 'w : siemens'")
        dt = float(post.clock.dt_)
        delay_ms = 0.0 if delay is None else round(float(np.asarray(
            as_parameter(label, "delay", delay, "time"))) / 1e-3, 12)
        super().__init__(clock=post.clock, when="synapses", name=name)
        check_user_name(self.name, "projection name", obj=self.name)
        self.pre, self.post, self.comm, self.syn, self.out = pre, post, comm, syn, out
        self.stp, self.pre_synapses = stp, None
        g = f"{'jump' if jump else 'g'}_{self.name}"
        prefix = f"{self.name}_"
        parameters = {prefix + k: v for k, v in {**syn.values, **out.values}.items()}
        unit = {"conductance": "siemens", "current": "amp", "voltage": "volt"}[out.weight_kind]
        self.plasticity, self._drawn_weights = plasticity, None
        if per_synapse:  # one weight per synapse, drawn (JitFPUniformLinear, ...)
            self._drawn_weights = comm.weight_values(label, out.weight_kind)
            parameters.update((prefix + k, v) for k, v in self._drawn_weights.items())
            self._weight_model, self._weight_name = f"w : {unit} (constant)", "w"
        elif plasticity is not None:
            parameters.update(plasticity.namespace(prefix, plasticity.wmax_in(out.weight_kind)))
            self._weight_model, self._weight_name = plasticity.model(prefix, unit), "w"
        else:
            parameters[prefix + "w"] = weight
            self._weight_model, self._weight_name = "", prefix + "w"
        self._weight = weight
        # BrainPy's delay steps, from the decimal ms BrainPy holds
        steps = math.ceil(delay_ms / round(dt / 1e-3, 12))
        synaptic_delay = max(steps - 2, 0) * dt * second
        if getattr(syn, "pre_aligned", False):
            self._build_pre_aligned(label, g, unit, prefix, parameters, synaptic_delay, dt)
        else:
            self._build_post_aligned(label, g, unit, prefix, parameters, synaptic_delay, dt)

    def _build_post_aligned(self, label, g, unit, prefix, parameters, synaptic_delay, dt):
        """A linear synapse: its state on post (the sum of the presynaptic traces)."""
        pre, post, syn, stp = self.pre, self.post, self.syn, self.stp
        equations = syn.equations(g, unit, prefix)
        # check everything and build the Synapses before changing pre or post, so that a
        # failure leaves both groups as they were
        check_new_state(post, equations, parameters)
        target, increment = syn.on_spike(g, self._weight_name, prefix)
        if stp is not None:
            u, x = f"u_{self.name}", f"x_{self.name}"
            stp_state = self._pre_state(label, "stp= keeps u and x", stp.equations(u, x, prefix),
                                        {prefix + k: v for k, v in stp.values.items()})
            increment = f"{increment}*{u}_pre*{x}_pre"
        # Brian2/eqsim delays count from the step after a spike's effect; BrainPy's from it
        plasticity = self.plasticity
        on_pre = f"{target}_post += {increment}"
        rule = {}
        if plasticity is not None:
            on_pre += "\n" + plasticity.pre_code(prefix)
            rule = dict(on_post=plasticity.post_code(prefix))
        self.synapses = Synapses(pre, post, self._weight_model, on_pre=on_pre, **rule,
                                 delay=synaptic_delay, namespace=post.namespace,
                                 name=f"{self.name}_synapses")
        self.comm.connect(self.synapses)
        if self._drawn_weights is not None:
            self.comm.assign_weights(self.synapses, self._drawn_weights, prefix)
        elif plasticity is not None:
            self.synapses.w = self._weight
        if stp is not None:
            # the jumps once per presynaptic spike (not once per synapse), before the
            # synapses read u*x
            self.pre_synapses = self._one_to_one(
                stp.on_spike(f"{u}_pre", f"{x}_pre", prefix), synaptic_delay, "stp")
        if getattr(syn, "voltage_jump", False):
            add_state(post, equations, parameters)
            post.run_regularly(syn.jump(g), when="before_thresholds",
                               name=f"{self.name}_jump")
        else:
            post._add_synaptic_input(equations, self.out.current(g, prefix), parameters)
        if stp is not None:
            add_state(pre, *stp_state)
            setattr(pre, u, stp.initial(dt)[0])
            setattr(pre, x, stp.initial(dt)[1])
            post.contained_objects.append(self.pre_synapses)
        post.contained_objects.append(self.synapses)

    def _build_pre_aligned(self, label, g, unit, prefix, parameters, synaptic_delay, dt):
        """A saturating receptor: state ``s_<name>`` on pre, its weighted sum over the
        connections the conductance ``g_<name>`` of post, every step."""
        pre, post, syn = self.pre, self.post, self.syn
        s = f"s_{self.name}"
        pre_parameters = {prefix + k: v for k, v in {**syn.values, **syn.constants(dt)}.items()}
        post_parameters = {k: v for k, v in parameters.items() if k not in pre_parameters}
        equations, scale = syn.pre_equations(s, prefix), None
        stp, u, x = self.stp, f"u_{self.name}", f"x_{self.name}"
        if stp is not None:
            # BrainPy's older brainpy.synapses.<receptor>(..., stp=) form: the spike reaching
            # the receptor is scaled by u*x after STP's jumps (NMDA's x jumps by it; AMPA and
            # GABAa only test it for a spike: there STP changes nothing)
            equations += "\n" + stp.equations(u, x, prefix)
            pre_parameters.update((prefix + k, v) for k, v in stp.values.items())
            scale = f"{u}_pre*{x}_pre"
        state = self._pre_state(label, "a receptor model keeps its state", equations,
                                pre_parameters)
        check_new_state(post, f"{g} : {unit}", post_parameters)
        self.synapses = Synapses(pre, post, model=f"{g}_post = {prefix}w*{s}_pre : {unit} (summed)",
                                 namespace=post.namespace, name=f"{self.name}_synapses")
        self.comm.connect(self.synapses)
        on_spike = syn.on_spike_pre(s, prefix, scale)
        if stp is not None:  # STP's jumps first, in the same statements
            on_spike = stp.on_spike(f"{u}_pre", f"{x}_pre", prefix) + "\n" + on_spike
        self.pre_synapses = self._one_to_one(on_spike, synaptic_delay, "receptor")
        post._add_synaptic_input(f"{g} : {unit}", self.out.current(g, prefix), post_parameters,
                                 summed=True)
        add_state(pre, *state)
        for var, value in syn.pre_initial(s).items():
            setattr(pre, var, value)
        if stp is not None:
            setattr(pre, u, stp.initial(dt)[0])
            setattr(pre, x, stp.initial(dt)[1])
        step = syn.pre_step(s, prefix)
        if step is not None:
            pre.run_regularly(step, when="after_synapses", name=f"{self.name}_receptor_step")
        post.contained_objects.extend([self.pre_synapses, self.synapses])

    def _pre_state(self, label, what, equations, parameters):
        """``(equations, parameters)`` for state on ``pre``, checked (nothing changed yet)."""
        if not isinstance(self.pre, ModelGroup):
            raise ProjectionError(
                f"projection '{label}': {what} on the presynaptic neurons, so pre must be a "
                f"group of a ready model, got {type(self.pre).__name__}",
                hint="create pre with e.g. LIF(N, ...)")
        check_new_state(self.pre, equations, parameters)
        return equations, parameters

    def _one_to_one(self, on_pre, delay, suffix):
        """A pathway from each presynaptic neuron onto itself, with the projection's delay:
        statements run once per arriving spike (not once per synapse), before the
        projection's synapses (order -1)."""
        synapses = Synapses(self.pre, self.pre, on_pre=on_pre, delay=delay,
                            namespace=self.pre.namespace, order=-1,
                            name=f"{self.name}_{suffix}")
        synapses.connect(j="i")
        return synapses

    def __repr__(self):
        return (f"Projection({self.pre.name} -> {self.post.name}, {self.syn!r}, {self.out!r}, "
                f"{self.comm!r}, name={self.name!r})")


class _VoltageJump:
    """The output of a Delta projection: none, the weight is a voltage."""
    weight_kind = "voltage"
    values = {}

    def __repr__(self):
        return "V += w"


def FullProjDelta(pre, delay, comm, post, name=None, mode=None):
    """BrainPy's ``FullProjDelta`` (the voltage-jump projection): a Projection with
    ``syn=Delta()``; ``comm``'s weight is in volt (plain numbers mV)."""
    return Projection(pre, post, comm, syn=Delta(), delay=delay, name=name)


def ProjAlignPreMg2(pre, delay, syn, comm, out, post, out_label=None, name=None, mode=None):
    """BrainPy's ``ProjAlignPreMg2`` (seed 000): a Projection. The linear synapse is
    computed in its cheaper post-aligned form, which gives the same currents."""
    return Projection(pre, post, comm, syn=syn, out=out, delay=delay, name=name)


def ProjAlignPostMg2(pre, delay, comm, syn, out, post, out_label=None, name=None, mode=None):
    """BrainPy's ``ProjAlignPostMg2``: a Projection (same result as the pre-aligned form
    for linear synapses)."""
    return Projection(pre, post, comm, syn=syn, out=out, delay=delay, name=name)
