"""What a Synapses object reads of its pre- and postsynaptic side by name, besides
``x_pre``/``x_post`` of state variables: ``i_pre``/``i_post`` (``S.i``/``S.j``, unless the
side is a Synapses object: then its presynaptic index, as any of its variables),
``t_pre``, ``dt_post``, ``t_in_timesteps_pre`` (the side's clock), ``N_pre``/``N_post``,
and what ``S.get_states()`` lists, as Brian2."""
import numpy as np

from ..groups.variable_view import VariableView
from ..ir.variables import ArrayVariable
from .references import normalise_target, split_suffix

CLOCK_NAMES = ("t", "dt", "t_in_timesteps")
OWN_ENTRIES = ("N", "i", "j") + CLOCK_NAMES + ("N_incoming", "N_outgoing", "N_pre", "N_post")


def clock_value(clock, name):
    """``t``, ``dt`` (quantities) or ``t_in_timesteps`` (an integer) of ``clock``."""
    return np.int64(clock.step) if name == "t_in_timesteps" else getattr(clock, name)


def side_value(synapses, name):
    """The value of ``name`` when it is one of this module's names, else None: ``i_pre``
    and ``i_post`` as ``S.i`` and ``S.j``, a side's clock, ``N_pre``/``N_post``, and a
    shared variable of a side (``S.sc_post``: the view ``G.sc``, one value, as Brian2)."""
    if name in ("N_pre", "N_post"):
        return int(synapses.variables[name].value)
    if name == "t_in_timesteps":
        return clock_value(synapses.clock, name)
    base, side = split_suffix(normalise_target(synapses, name))  # v: v_post
    group = {"pre": synapses.source, "post": synapses.target}.get(side)
    if group is None:
        return None
    if base == "i" and not hasattr(group, "pathways"):  # a Synapses side's i is its variable
        return synapses.get_values("i" if side == "pre" else "j")
    if base in CLOCK_NAMES:
        return clock_value(group.clock, base)
    variable = group.variables.get(base)  # (not a link: it may lead to a subexpression)
    if isinstance(variable, ArrayVariable) and variable.shared and \
            base in group.state_names():
        return VariableView(group, base)
    return None


def _without_delays(group):
    """The state variables of ``group`` but the delays of its pathways (synapses)."""
    delays = {pathway.delay_name for pathway in getattr(group, "pathways", ())}
    return [name for name in group.state_names() if name not in delays]


def synapse_state_entries(synapses, subexpressions):
    """``(name, read_only)`` of what ``S.get_states()`` lists: Brian2's names. The names
    of the pre- and postsynaptic variables (``v_post``, ``v``, ``v_pre``) are read-only
    here (``S.v_post`` is read, not written, through the synapses) and the delays are
    left out, as in Brian2 (they belong to the pathways: ``S.delay`` reads them)."""
    entries = [(name, True) for name in OWN_ENTRIES]
    own = [name for name in _without_delays(synapses) if name not in OWN_ENTRIES]
    entries += [(name, bool(synapses.variables[name].read_only)) for name in own]
    if subexpressions:
        entries += [(name, True) for name in sorted(synapses._subexpressions)]
    taken = set(OWN_ENTRIES) | set(own) | set(synapses._subexpressions)
    for side, group in (("pre", synapses.source), ("post", synapses.target)):
        names = list(dict.fromkeys(("i",) + CLOCK_NAMES + tuple(_without_delays(group))))
        if subexpressions:
            names += sorted(group._subexpressions)
        for name in names:
            entries.append((f"{name}_{side}", True))
            if side == "post" and name not in taken and name not in ("i",) + CLOCK_NAMES:
                entries.append((name, True))  # the target's, unsuffixed
    return entries


class SynapseStates:
    """The names and values ``S.get_states()`` reads (a mixin of Synapses, see
    :mod:`eqsim.core.state_dicts`)."""

    def _state_entries(self, subexpressions):
        return synapse_state_entries(self, subexpressions)

    def _state_value(self, name, namespace):
        value = side_value(self, name)
        if value is None and name in CLOCK_NAMES:
            value = clock_value(self.clock, name)
        elif value is None and (name in self.variables or name in self._subexpressions):
            value = self.get_values(name, namespace=namespace)
        elif value is None:  # N_incoming, N_outgoing, v_pre, v_post, v
            value = getattr(self, name)
        return value[:] if isinstance(value, VariableView) else value
