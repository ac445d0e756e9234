"""Projections as BrainPy users write them: ``ProjAlignPreMg2(pre, delay, syn, comm, out,
post)`` builds ordinary eqsim objects, so monitors, store/restore and threads work
unchanged.

The synapse models offered here are linear, so the synaptic state is kept once per
postsynaptic neuron (the sum of the presynaptic traces), which equals BrainPy's
pre-aligned ("align pre") and post-aligned forms to rounding and costs one addition per
spike and target. Step semantics are BrainPy's (checked against BrainPy 2.9 spike for spike,
tests/reference/test_brainpy_projections.py):

- the synaptic current is computed from ``V`` at the start of the step and held during it
  (``I_syn`` of the neuron models);
- a spike in step n reaches the target's current in step n + delay/dt (BrainPy's
  ``delay=0.1`` with dt = 0.1 ms is the next step): eqsim's synaptic delay is
  ``delay - dt`` (Brian2's delay counts from the step after the spike's effect).
"""
import numpy as np

from ..core.base import EqsimObject
from ..errors import EqsimError
from ..parsing.user_names import check_user_name
from ..synapses.synapses import Synapses
from ..units import ms, second
from .neuron_model import ModelGroup
from .outputs import COBA
from .parameters import as_parameter
from .random_weights import RandomWeightFixedProb, random_weight_connectivity
from .synapses import Expon


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
        BrainPy's delay (second; plain numbers ms): a spike reaches the current
        ``delay/dt`` steps later, at least one step.
    name : str, optional
    plasticity : PlasticityRule, optional
        ``STDP(...)`` or ``TripletSTDP(...)``: the weight becomes per synapse (starting at
        the connectivity's weight, ``wmax`` in its unit) and changes with the rule. Needs
        stored connections.
    """
    invalidates_magic_network = False
    dependency_attributes = ("pre", "post")

    def __init__(self, pre, post, comm, syn=None, out=None, delay=None, name=None,
                 plasticity=None):
        label = name or "projection"
        if not isinstance(post, ModelGroup):
            raise ProjectionError(
                f"projection '{label}': post must be a group of a ready model "
                f"(eqsim.models), got {type(post).__name__}",
                hint="create it with e.g. LifRef(N, ...), or write Synapses for other groups")
        syn = Expon() if syn is None else syn
        out = COBA() if out is None else out
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
        weight = None if per_synapse else as_parameter(label, "weight", comm.weight,
                                                       out.weight_kind)
        if np.ndim(weight) > 0:
            raise ProjectionError(f"projection '{label}': one weight per projection",
                                  hint="heterogeneous weights: write Synapses with 'w : siemens'")
        dt = float(post.clock.dt_)
        delay_s = 0.0 if delay is None else float(np.asarray(
            as_parameter(label, "delay", delay, "time")))
        super().__init__(clock=post.clock, when="synapses", name=name)
        check_user_name(self.name, "projection name", obj=self.name)
        self.pre, self.post, self.comm, self.syn, self.out = pre, post, comm, syn, out
        g = f"g_{self.name}"
        prefix = f"{self.name}_"
        parameters = {prefix + k: v for k, v in {**syn.values, **out.values}.items()}
        unit = "siemens" if out.weight_kind == "conductance" else "amp"
        if per_synapse:  # one weight per synapse, drawn (JitFPUniformLinear, ...)
            weights = comm.weight_values(label, out.weight_kind)
            parameters.update((prefix + k, v) for k, v in weights.items())
            model, weight_name = f"w : {unit} (constant)", "w"
        elif plasticity is not None:
            parameters.update(plasticity.namespace(prefix, plasticity.wmax_in(out.weight_kind)))
            model, weight_name = plasticity.model(prefix, unit), "w"
        else:
            parameters[prefix + "w"] = weight
            model, weight_name = "", prefix + "w"
        post._add_synaptic_input(syn.equations(g, unit, prefix), out.current(g, prefix),
                                 parameters)
        # Brian2/eqsim delays count from the step after a spike's effect; BrainPy's from it
        target, increment = syn.on_spike(g, weight_name, prefix)
        rule = {} if plasticity is None else dict(on_post=plasticity.post_code(prefix))
        on_pre = f"{target}_post += {increment}"
        if plasticity is not None:
            on_pre += "\n" + plasticity.pre_code(prefix)
        self.synapses = Synapses(pre, post, model, on_pre=on_pre, **rule,
                                 delay=max(delay_s - dt, 0.0) * second,
                                 namespace=post.namespace, name=f"{self.name}_synapses")
        comm.connect(self.synapses)
        if per_synapse:
            comm.assign_weights(self.synapses, weights, prefix)
        elif plasticity is not None:
            self.synapses.w = weight
        post.contained_objects.append(self.synapses)

    def __repr__(self):
        return (f"Projection({self.pre.name} -> {self.post.name}, {self.syn!r}, {self.out!r}, "
                f"{self.comm!r}, name={self.name!r})")


def ProjAlignPreMg2(pre, delay, syn, comm, out, post, out_label=None, name=None, mode=None):
    """BrainPy's ``ProjAlignPreMg2`` (seed 000): a Projection. The linear synapse is
    computed in its cheaper post-aligned form, which gives the same currents."""
    return Projection(pre, post, comm, syn=syn, out=out, delay=delay, name=name)


def ProjAlignPostMg2(pre, delay, comm, syn, out, post, out_label=None, name=None, mode=None):
    """BrainPy's ``ProjAlignPostMg2``: a Projection (same result as the pre-aligned form
    for linear synapses)."""
    return Projection(pre, post, comm, syn=syn, out=out, delay=delay, name=name)
